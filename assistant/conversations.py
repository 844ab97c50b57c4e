"""Saved conversations and answer feedback, stored server-side through SQLAlchemy.

By default a SQLite file under the data directory (`conversations.sqlite3`, kept across re-ingests);
`POLICY_DATABASE_URL` points the same code at any database SQLAlchemy speaks to (PostgreSQL for a
department that shares one server). Each conversation belongs to an `owner`, an opaque id the web
page keeps in the browser, so colleagues on one server see only their own list.

A turn stores the question and the whole answer (DESIGN.md §4), so a reopened conversation shows
the same facts and sources, and follow-ups get the same history the first time did.

>>> store = ConversationStore("sqlite://")
>>> chat = store.create("浏览器A")
>>> turn = store.add_turn("浏览器A", chat.id, "海门市2020年PM2.5目标是多少？", {"answer": "33微克/立方米", "route": "structured"})
>>> store.get("浏览器A", chat.id).title
'海门市2020年PM2.5目标是多少？'
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ForeignKey, Integer, String, Text, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

from corpus.errors import PolicyAssistantError

logger = logging.getLogger(__name__)

SQLITE_NAME = "conversations.sqlite3"
TITLE_CHARS = 40  # a new conversation is named after its first question, cut to this length
MAX_TITLE_CHARS = 100
MAX_COMMENT_CHARS = 2000
RATINGS = {1: "👍", -1: "👎"}


class ConversationError(PolicyAssistantError):
    """A conversation or turn that does not exist (for this owner), or a bad title or rating."""


class _Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class _Conversation(_Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE_CHARS))
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now)
    turns: Mapped[list[_Turn]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by="_Turn.position"
    )


class _Turn(_Base):
    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    answer_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    conversation: Mapped[_Conversation] = relationship(back_populates="turns")
    feedback: Mapped[_Feedback | None] = relationship(back_populates="turn", cascade="all, delete-orphan")


class _Feedback(_Base):
    __tablename__ = "feedback"

    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), primary_key=True)
    rating: Mapped[int] = mapped_column(Integer)  # 1 👍, -1 👎
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now)
    turn: Mapped[_Turn] = relationship(back_populates="feedback")


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    title: str
    updated_at: dt.datetime
    turns: int


@dataclass(frozen=True)
class Turn:
    """One question and the answer it got (the answer contract's dict), with its feedback if any."""

    id: int
    question: str
    answer: dict
    rating: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    turns: list[Turn] = field(default_factory=list)

    def history(self) -> list[dict]:
        """The messages `PolicyAssistant.ask` takes for a follow-up."""
        messages: list[dict] = []
        for turn in self.turns:
            messages += [
                {"role": "user", "content": turn.question},
                {"role": "assistant", "content": turn.answer.get("answer", "")},
            ]
        return messages


@dataclass(frozen=True)
class RatedTurn:
    """A rated answer with the conversation before it: what `feedback export` writes as an eval case."""

    turn: Turn
    history: list[dict]
    rated_at: dt.datetime


class ConversationStore:
    """Conversations per owner: create, list, reopen, rename, delete; turns and their 👍/👎.

    `url` is any SQLAlchemy URL; tables are created on first use.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        _Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def for_data_dir(cls, data_dir: Path, database_url: str | None = None) -> ConversationStore:
        """The store `POLICY_DATABASE_URL` names, else SQLite under the data directory."""
        if database_url:
            return cls(database_url)
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{(Path(data_dir) / SQLITE_NAME).resolve()}")

    # -- conversations ------------------------------------------------------------------------------

    def create(self, owner: str, title: str = "新对话") -> ConversationSummary:
        with self._sessions.begin() as session:
            row = _Conversation(id=uuid.uuid4().hex, owner=_owner(owner), title=_title(title))
            session.add(row)
            session.flush()
            return ConversationSummary(row.id, row.title, row.updated_at, 0)

    def list_conversations(self, owner: str) -> list[ConversationSummary]:
        """The owner's conversations, the most recently used first."""
        turns = func.count(_Turn.id)
        query = (
            select(_Conversation, turns)
            .outerjoin(_Turn)
            .where(_Conversation.owner == _owner(owner))
            .group_by(_Conversation.id)
            .order_by(_Conversation.updated_at.desc(), _Conversation.created_at.desc())
        )
        with self._sessions() as session:
            return [ConversationSummary(c.id, c.title, c.updated_at, n) for c, n in session.execute(query)]

    def get(self, owner: str, conversation_id: str) -> Conversation:
        with self._sessions() as session:
            row = self._conversation(session, owner, conversation_id)
            return Conversation(row.id, row.title, [_turn(t) for t in row.turns])

    def rename(self, owner: str, conversation_id: str, title: str) -> None:
        with self._sessions.begin() as session:
            self._conversation(session, owner, conversation_id).title = _title(title)

    def delete(self, owner: str, conversation_id: str) -> None:
        with self._sessions.begin() as session:
            session.delete(self._conversation(session, owner, conversation_id))

    # -- turns and feedback -------------------------------------------------------------------------------

    def add_turn(self, owner: str, conversation_id: str, question: str, answer: dict) -> Turn:
        """Append a question and its answer; a conversation still called 「新对话」 takes the question's name."""
        with self._sessions.begin() as session:
            row = self._conversation(session, owner, conversation_id)
            if not row.turns and row.title == "新对话":
                row.title = _title(question[:TITLE_CHARS] + ("…" if len(question) > TITLE_CHARS else ""))
            turn = _Turn(position=len(row.turns), question=question, answer_json=json.dumps(answer, ensure_ascii=False))
            row.turns.append(turn)
            row.updated_at = _now()
            session.flush()
            return _turn(turn)

    def rate(self, owner: str, turn_id: int, rating: int, comment: str | None = None) -> None:
        """Store 👍 (1) or 👎 (-1) for a turn; `comment` None keeps the comment already given."""
        if rating not in RATINGS:
            raise ConversationError(f"评价只能是 👍（1）或 👎（-1），收到 {rating!r}")
        with self._sessions.begin() as session:
            turn = self._turn_row(session, owner, turn_id)
            if turn.feedback is None:
                turn.feedback = _Feedback(rating=rating, comment="")
            turn.feedback.rating = rating
            if comment is not None:
                turn.feedback.comment = comment.strip()[:MAX_COMMENT_CHARS]
            turn.feedback.updated_at = _now()

    def comment(self, owner: str, turn_id: int, comment: str) -> None:
        """Add a comment to a rating already given."""
        with self._sessions.begin() as session:
            turn = self._turn_row(session, owner, turn_id)
            if turn.feedback is None:
                raise ConversationError("请先点击回答下方的 👍 或 👎，再补充说明")
            turn.feedback.comment = comment.strip()[:MAX_COMMENT_CHARS]
            turn.feedback.updated_at = _now()

    def rated_turns(self) -> list[RatedTurn]:
        """Every rated turn of every owner, oldest rating first, with the conversation before it."""
        query = select(_Feedback).order_by(_Feedback.updated_at, _Feedback.turn_id)
        rated: list[RatedTurn] = []
        with self._sessions() as session:
            for feedback in session.scalars(query):
                turn = feedback.turn
                before = Conversation("", "", [_turn(t) for t in turn.conversation.turns if t.position < turn.position])
                rated.append(RatedTurn(_turn(turn), before.history(), feedback.updated_at))
        return rated

    @staticmethod
    def _turn_row(session: Session, owner: str, turn_id: int) -> _Turn:
        turn = session.get(_Turn, turn_id)
        if turn is None or turn.conversation.owner != _owner(owner):
            raise ConversationError("找不到这条回答（可能所在对话已被删除）")
        return turn

    @staticmethod
    def _conversation(session: Session, owner: str, conversation_id: str) -> _Conversation:
        row = session.get(_Conversation, conversation_id or "")
        if row is None or row.owner != _owner(owner):
            raise ConversationError("找不到这个对话（可能已被删除）")
        return row


def _engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:  # deletes cascade in the database too
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def _turn(row: _Turn) -> Turn:
    feedback = row.feedback
    return Turn(
        id=row.id,
        question=row.question,
        answer=json.loads(row.answer_json),
        rating=feedback.rating if feedback else None,
        comment=feedback.comment if feedback else "",
    )


def _owner(owner: str) -> str:
    owner = (owner or "").strip()
    if not owner or len(owner) > 64:
        raise ConversationError("无效的对话所有者标识")
    return owner


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ConversationError("对话名称不能为空")
    if len(title) > MAX_TITLE_CHARS:
        raise ConversationError(f"对话名称太长（{len(title)} 字），请控制在 {MAX_TITLE_CHARS} 字以内")
    return title
