"""The conversation store: per-owner conversations, turns, 👍/👎, and the eval cases they become."""

from __future__ import annotations

import json

import pytest

from assistant.conversations import SQLITE_NAME, ConversationError, ConversationStore
from assistant.feedback import eval_cases, write_cases
from evals.runner import load_dataset

ANSWER = {
    "question": "哪些区县PM10未达标？",
    "answer": "蓬江区、江海区……",
    "route": "structured",
    "facts": [{"table": "stations", "region": "蓬江区", "item": "东湖子站 PM10", "value": 43}],
    "citations": [{"doc_id": "d", "title": "进度表", "section": "表 第2行", "chunk_id": "d#2", "quote": "PM10…"}],
    "backend": "extractive",
    "timings_ms": {"total": 12.0},
}


@pytest.fixture
def store(tmp_path):
    return ConversationStore.for_data_dir(tmp_path / "data")


def test_default_store_is_sqlite_under_the_data_dir_and_persists(tmp_path):
    first = ConversationStore.for_data_dir(tmp_path / "data")
    chat = first.create("甲")
    first.add_turn("甲", chat.id, "海门市2020年PM2.5目标是多少？", ANSWER)
    assert (tmp_path / "data" / SQLITE_NAME).is_file()
    reopened = ConversationStore.for_data_dir(tmp_path / "data")  # a server restart
    assert [t.question for t in reopened.get("甲", chat.id).turns] == ["海门市2020年PM2.5目标是多少？"]


def test_database_url_wins_over_the_data_dir(tmp_path):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    store = ConversationStore.for_data_dir(tmp_path / "data", url)
    store.create("甲")
    assert (tmp_path / "elsewhere.db").is_file() and not (tmp_path / "data" / SQLITE_NAME).exists()


def test_settings_and_the_assistant_read_policy_database_url(settings, monkeypatch, tmp_path):
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings

    monkeypatch.setenv("POLICY_DATABASE_URL", f"sqlite:///{tmp_path / 'shared.db'}")
    configured = Settings(data_dir=settings.data_dir, _env_file=None)
    assert PolicyAssistant(configured).conversations.url == f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("POLICY_DATABASE_URL", "")
    assert Settings(data_dir=settings.data_dir, _env_file=None).database_url is None


def test_conversations_are_listed_newest_first_renamed_and_deleted(store):
    older = store.create("甲")
    newer = store.create("甲")
    store.add_turn("甲", older.id, "第一个问题", ANSWER)  # now the most recently used
    assert [c.id for c in store.list_conversations("甲")] == [older.id, newer.id]
    assert store.list_conversations("甲")[0].title == "第一个问题" and store.list_conversations("甲")[0].turns == 1
    store.rename("甲", newer.id, "  鹤山  站点 ")
    assert store.get("甲", newer.id).title == "鹤山 站点"
    store.delete("甲", older.id)
    assert [c.id for c in store.list_conversations("甲")] == [newer.id]
    with pytest.raises(ConversationError, match="找不到这个对话"):
        store.get("甲", older.id)


def test_a_long_first_question_names_the_conversation_shortened(store):
    chat = store.create("甲")
    store.add_turn("甲", chat.id, "问" * 60, ANSWER)
    assert store.get("甲", chat.id).title == "问" * 40 + "…"


def test_owners_see_only_their_own(store):
    mine = store.create("甲")
    assert store.list_conversations("乙") == []
    for action in (
        lambda: store.get("乙", mine.id),
        lambda: store.rename("乙", mine.id, "偷看"),
        lambda: store.delete("乙", mine.id),
    ):
        with pytest.raises(ConversationError):
            action()
    turn = store.add_turn("甲", mine.id, "问题", ANSWER)
    with pytest.raises(ConversationError):
        store.rate("乙", turn.id, 1)


def test_history_replays_the_turns_for_a_follow_up(store):
    chat = store.create("甲")
    store.add_turn("甲", chat.id, "蓬江东湖子站PM10达标了吗？", {**ANSWER, "answer": "未达标。"})
    assert store.get("甲", chat.id).history() == [
        {"role": "user", "content": "蓬江东湖子站PM10达标了吗？"},
        {"role": "assistant", "content": "未达标。"},
    ]


def test_rating_and_comment_are_stored_and_changeable(store):
    chat = store.create("甲")
    turn = store.add_turn("甲", chat.id, "问题", ANSWER)
    with pytest.raises(ConversationError, match="请先点击"):
        store.comment("甲", turn.id, "先评论")
    store.rate("甲", turn.id, -1)
    store.comment("甲", turn.id, "  少了江海区  ")
    store.rate("甲", turn.id, 1)  # a change of mind keeps the comment
    saved = store.get("甲", chat.id).turns[0]
    assert (saved.rating, saved.comment) == (1, "少了江海区")
    with pytest.raises(ConversationError, match="评价只能是"):
        store.rate("甲", turn.id, 5)


def test_bad_titles_are_refused_in_chinese(store):
    chat = store.create("甲")
    with pytest.raises(ConversationError, match="不能为空"):
        store.rename("甲", chat.id, "   ")
    with pytest.raises(ConversationError, match="太长"):
        store.rename("甲", chat.id, "名" * 101)


def test_deleting_a_conversation_deletes_its_feedback(store):
    chat = store.create("甲")
    turn = store.add_turn("甲", chat.id, "问题", ANSWER)
    store.rate("甲", turn.id, -1, "不对")
    store.delete("甲", chat.id)
    assert store.rated_turns() == []


def test_rated_turns_become_eval_cases_the_runner_reads(store, tmp_path):
    chat = store.create("甲")
    first = store.add_turn("甲", chat.id, "蓬江东湖子站PM10达标了吗？", {**ANSWER, "answer": "未达标。"})
    second = store.add_turn("甲", chat.id, "那二氧化氮呢？", {**ANSWER, "route": "structured"})
    unrated = store.create("乙")
    store.add_turn("乙", unrated.id, "没评价的问题", ANSWER)
    store.rate("甲", second.id, 1, "对")
    store.rate("甲", first.id, -1, "应说明超出多少")

    cases = eval_cases(store.rated_turns())
    by_question = {c["question"]: c for c in cases}
    assert set(by_question) == {"蓬江东湖子站PM10达标了吗？", "那二氧化氮呢？"}
    liked, disliked = by_question["那二氧化氮呢？"], by_question["蓬江东湖子站PM10达标了吗？"]
    assert liked["kind"] == "followup" and liked["expect"] == {"route": "structured"}
    assert liked["history"] == [
        {"role": "user", "content": "蓬江东湖子站PM10达标了吗？"},
        {"role": "assistant", "content": "未达标。"},
    ]
    assert disliked["kind"] == "structured" and disliked["expect"] == {} and "history" not in disliked
    assert disliked["review"]["rating"] == "👎" and disliked["review"]["comment"] == "应说明超出多少"

    for name in ("cases.jsonl", "cases.xlsx"):  # both formats load as the same cases in the eval runner
        loaded = load_dataset(write_cases(tmp_path / name, cases))
        assert [(c.id, c.kind, c.question, c.history, c.expect) for c in loaded] == [
            (c["id"], c["kind"], c["question"], c.get("history", []), c["expect"]) for c in cases
        ]
    line = json.loads((tmp_path / "cases.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "kind", "question", "expect"} <= set(line)
    with pytest.raises(Exception, match=r"\.jsonl 或 \.xlsx"):
        write_cases(tmp_path / "cases.csv", cases)
