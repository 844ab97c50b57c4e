"""The document lifecycle end to end: five new files of five formats added, asked about, refused when
hostile, not added twice, edited and deleted — one data directory, in this order."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from assistant.datadir import DataDir
from assistant.documents import DocumentNotFound, DocumentService, Upload
from assistant.pipeline import PolicyAssistant
from assistant.settings import CORPUS_STATIC_MODEL, Settings
from corpus.errors import IngestError
from corpus.lexicon import Lexicon
from structured import StructuredTables
from tests.support import documents as fx

pytestmark = pytest.mark.slow

NEW_IDS = {
    "progress": f"user-{fx.YEAR}年韶关市各县-市-区-污染防治攻坚重点任务进度情况表-1-6月",
    "indicators": "user-韶关市生态环境保护-十五五-规划主要指标",
    "statistics": f"user-{fx.YEAR}年韶关市规模以上工业分行业增加值",
    "pdf": f"user-韶关市{fx.YEAR}年臭氧污染防治攻坚方案",
    "txt": f"user-翁源县{fx.YEAR}年水污染防治工作要点",
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("documents") / "data", embedding_model=CORPUS_STATIC_MODEL,
                    chroma_host=None, _env_file=None)  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return fx.all_new_documents(tmp_path_factory.mktemp("new-files"))


@pytest.fixture(scope="module")
def first_report(settings, files):
    return DocumentService(settings).ingest(list(files.values()))


@pytest.fixture(scope="module")
def assistant(settings, first_report) -> PolicyAssistant:
    policy_assistant = PolicyAssistant(settings)
    policy_assistant.warm_up()
    return policy_assistant


def _state(settings: Settings) -> dict:
    """Everything a failed change must leave as it was: CURRENT, every file of the version (tables,
    manifest, indexes), the user sources, uploads/ and the Chroma collections."""
    data = DataDir(settings.data_dir)
    snapshot = data.current()
    files = {
        str(p.relative_to(snapshot.path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(snapshot.path.rglob("*"))
        if p.is_file()
    }
    return {
        "version": snapshot.version,
        "versions": sorted(p.name for p in data.versions_dir.iterdir()),
        "files": files,
        "sources": data.sources_path.read_bytes() if data.sources_path.exists() else b"",
        "uploads": sorted(p.name for p in data.uploads_dir.iterdir()),
        "incoming": sorted(p.name for p in data.incoming_dir.iterdir()) if data.incoming_dir.exists() else [],
    }


# -- added --------------------------------------------------------------------------------------------------------


def test_new_documents_are_added_with_their_metadata(first_report, settings):
    statuses = {d.doc_id: d.status for d in first_report.documents}
    assert all(statuses[doc_id] == "新增" for doc_id in NEW_IDS.values())
    assert len(statuses) == 10 and not any(d.warnings for d in first_report.documents)
    entries = {e.doc_id: e for e in DocumentService(settings).list()}
    progress = entries[NEW_IDS["progress"]]
    assert (progress.title, progress.region, progress.year, progress.kind) == (fx.PROGRESS_TITLE, fx.CITY, fx.YEAR,
                                                                                "progress_table")  # fmt: skip
    assert entries[NEW_IDS["pdf"]].issuer == f"{fx.PDF_ISSUER}（{fx.PDF_NUMBER}）"
    txt = entries[NEW_IDS["txt"]]
    assert (txt.region, txt.city, txt.kind) == ("翁源县", fx.CITY, "key_points")
    assert entries["jm-2020h1-key-tasks"].origin == "bundled" and progress.origin == "upload"
    stages = first_report.details["stages"]
    assert {"检查文件", "读取文件", "解析表格", "建立词表", "建立检索索引", "校验新版本"} <= set(stages)


def _facts(answer) -> str:
    return json.dumps(answer.facts, ensure_ascii=False) + answer.answer


@pytest.mark.parametrize(
    ("question", "figures", "doc"),
    [
        ("韶关市浈江区东岗子站2029年1-6月O3浓度是多少？", ["151", "146"], "progress"),
        ("武江区西河子站PM10浓度是多少？达标了吗？", ["44", "40", "未达"], "progress"),
        ("浈江区有哪些任务进度滞后？", ["自然村"], "progress"),
        ("武江区城镇污水管网建成多少公里？", ["11公里", "61.1%"], "progress"),
        ("韶关市十五五规划PM2.5年均浓度2030年目标是多少？", ["21"], "indicators"),
        ("韶关市农村生活污水治理率2030年目标是多少？", ["83"], "indicators"),
        ("韶关哪个行业增加值增速最高？", ["汽车制造业", "12.7"], "statistics"),
        ("食品制造业增加值是多少？", ["30.2"], "statistics"),
        ("活性炭吸附设施提标改造由哪个单位牵头？", ["市生态环境局"], "pdf"),
    ],
)
def test_each_new_table_answers(assistant, question, figures, doc):
    answer = assistant.ask(question)
    assert answer.route in ("structured", "mixed")
    assert all(figure in _facts(answer) for figure in figures), answer.answer
    assert answer.citations and answer.citations[0].doc_id == NEW_IDS[doc]


def test_the_station_table_holds_all_three_pollutants(assistant):
    stations = assistant.loaded.tables.frames["stations"]
    ours = stations[stations["doc_id"] == NEW_IDS["progress"]]
    readings = {(r.station, r.pollutant): (r.target, r.value) for r in ours.itertuples()}
    expected = {(s, p): (t, v) for s, (_, values) in fx.STATIONS.items() for p, (t, v, _) in values.items()}
    assert readings == expected


@pytest.mark.parametrize(
    ("query", "doc", "words"),
    [
        ("臭氧日最大8小时平均浓度第90百分位数", "pdf", "145微克/立方米"),
        ("翁源县农村生活污水治理率", "txt", "76%"),
        ("韶关市规模以上工业分行业增加值 注 增速按可比价计算", "statistics", "可比价"),
        ("十五五规划主要指标 2025年现状值为预计数", "indicators", "预计数"),
        ("浈江区自然村生活污水治理完成率", "progress", "28.6%"),
    ],
)
def test_their_text_is_found(assistant, query, doc, words):
    hits = assistant.search(query, top_k=5)
    assert any(h.chunk.doc_id == NEW_IDS[doc] and words in h.chunk.text for h in hits)


def test_a_text_question_is_answered_from_the_gb18030_file(assistant):
    answer = assistant.ask("翁源县2029年农村生活污水治理率要达到多少？")
    assert "76%" in answer.answer and answer.citations[0].doc_id == NEW_IDS["txt"]


def test_their_places_and_stations_join_the_lexicon(assistant):
    lexicon = assistant.loaded.lexicon
    assert {"浈江区", "武江区", "翁源县", fx.CITY} <= set(lexicon.places())
    assert lexicon.parent_of("浈江区") == fx.CITY
    assert any(t.kind == "station" and "东岗" in t.surface for t in lexicon.terms)


def test_a_table_of_a_new_kind_is_shown_by_the_cli_under_its_own_headers(assistant, settings):
    """`tables` lists the statistics sheet by its title; `tables NAME` shows its rows under the sheet's headers, and
    `--json` gives them as the contract says; an unknown name is a usage error in Chinese."""
    from click.testing import CliRunner

    from ui.cli import cli

    env = {"POLICY_DATA_DIR": str(settings.data_dir), "POLICY_CHROMA_HOST": None, "POLICY_LLM_BASE_URL": None}
    summary = json.loads(CliRunner().invoke(cli, ["tables", "--json"], env=env).output)["tables"]
    name = next(n for n in summary if n not in ("tasks", "stations", "funds", "indicators")
                and any(r == "有色金属冶炼和压延加工业" for r in assistant.table_rows(n)["entity"]))  # fmt: skip
    shown = CliRunner().invoke(cli, ["tables", name], env=env, terminal_width=200)
    assert shown.exit_code == 0 and "增加值（亿元）" in shown.output and "汽车制造业" in shown.output
    rows = json.loads(CliRunner().invoke(cli, ["tables", name, "--json"], env=env).output)
    assert rows["table"] == name and len([r for r in rows["rows"] if not r["total_row"]]) == len(fx.INDUSTRIES)
    unknown = CliRunner().invoke(cli, ["tables", "g99"], env=env)
    assert unknown.exit_code == 2 and "没有名为「g99」的表格" in unknown.output


# -- refused, and nothing changes ---------------------------------------------------------------------------------


def _hostile(kind: str, folder: Path) -> tuple[Upload, str]:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "corrupt-docx":
        (folder / "src").mkdir()
        path = folder / "损坏的进度表.docx"
        path.write_bytes(fx.progress_docx(folder / "src").read_bytes()[:4000])
        return Upload(path, path.name), "损坏"
    if kind == "broken-xml-docx":  # passes every check, fails while the version is built
        import zipfile

        path = folder / "内容损坏.docx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document><w:body><w:p>未结束")
        return Upload(path, path.name), "无法解析"
    if kind == "exe-as-pdf":
        path = folder / "方案.pdf"
        path.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 500)
        return Upload(path, path.name), "Windows 程序"
    if kind == "oversized":
        path = folder / "大文件.txt"
        path.write_bytes("推进污染防治。\n".encode() * 4000)  # 88 KB over a 0.05 MB limit
        return Upload(path, path.name), "超过 0.05 MB"
    if kind == "zip-bomb":
        return Upload(fx.zip_bomb_docx(folder / "炸弹.docx", unpacked_mb=150), "炸弹.docx"), "压缩炸弹"
    assert kind == "traversal"
    path = folder / "passwd"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return Upload(path, "../../etc/passwd"), "路径"


@pytest.mark.parametrize(
    "kind", ["corrupt-docx", "broken-xml-docx", "exe-as-pdf", "oversized", "zip-bomb", "traversal"]
)
def test_a_hostile_file_is_refused_and_changes_nothing(assistant, settings, tmp_path, kind):
    upload, reason = _hostile(kind, tmp_path / "hostile")
    good = tmp_path / "仁化县2029年工作要点.txt"
    good.write_text("仁化县2029年工作要点\n一、目标\n完成3个乡镇污水处理设施提标改造。\n", encoding="utf-8")
    before = _state(settings)
    service = DocumentService(settings.model_copy(update={"max_upload_mb": 0.05}) if kind == "oversized" else settings)
    with pytest.raises(IngestError) as caught:
        service.add([good, upload])  # with a good file: all or nothing
    message = str(caught.value)
    shown = upload.name.replace("/", "／")
    assert shown in message and reason in message and "原有索引保持不变" in message
    assert str(tmp_path) not in message and str(settings.data_dir) not in message
    assert _state(settings) == before


# -- not twice ----------------------------------------------------------------------------------------------------


def test_the_same_content_is_not_added_twice(assistant, settings, files, tmp_path):
    before = _state(settings)
    renamed = tmp_path / "另一个名字.xlsx"
    shutil.copy(files["statistics"], renamed)
    report = DocumentService(settings).add([files["progress"], renamed])
    duplicates = {d.source: d.doc_id for d in report.documents if d.status == "已存在"}
    assert duplicates == {files["progress"].name: NEW_IDS["progress"], "另一个名字.xlsx": NEW_IDS["statistics"]}
    assert not report.changed and report.version == before["version"]
    assert _state(settings) == before


def test_ingesting_again_changes_no_content(assistant, settings):
    data = DataDir(settings.data_dir)
    before = data.current()
    tables_before = StructuredTables.load(before.tables_dir).counts()
    terms_before = {(t.surface, t.kind, t.value) for t in Lexicon.load(before.lexicon_path).terms}
    files_before = {name: _tree_hashes(before.path / name) for name in ("documents", "tables")}
    report = DocumentService(settings).ingest()
    assert {d.status for d in report.documents} == {"未变化"}
    assert report.details["retrieval"]["embedded"] == 0  # every vector from the cache
    after = data.current()
    assert after.version != before.version
    assert StructuredTables.load(after.tables_dir).counts() == tables_before
    assert {(t.surface, t.kind, t.value) for t in Lexicon.load(after.lexicon_path).terms} == terms_before
    assert {name: _tree_hashes(after.path / name) for name in ("documents", "tables")} == files_before


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


# -- edited ---------------------------------------------------------------------------------------------------------


def test_edited_metadata_is_kept_and_taught_to_the_lexicon(assistant, settings):
    doc_id = NEW_IDS["statistics"]
    report = assistant.edit_document(doc_id, {"region": "曲江", "title": "曲江区2029年工业增加值统计", "year": "2029"})
    assert {d.doc_id: d.status for d in report.documents}[doc_id] == "信息已修改"
    assert "加载新版本" in report.details["stages"]  # the assistant answers from the new version at once
    entry = next(e for e in assistant.document_entries() if e.doc_id == doc_id)
    assert (entry.title, entry.region, entry.city, entry.year) == (
        "曲江区2029年工业增加值统计",
        "曲江区",
        fx.CITY,
        2029,
    )
    assert sorted(entry.edited) == ["region", "title", "year"]
    assert "曲江区" in assistant.loaded.lexicon.places()
    meta = DataDir(settings.data_dir).current().read_meta()
    assert next(r for r in meta["documents"] if r["doc_id"] == doc_id)["region"] == "曲江区"  # the version's manifest
    DocumentService(settings).ingest()  # kept across re-ingests (sources.json)
    assert next(e for e in DocumentService(settings).list() if e.doc_id == doc_id).region == "曲江区"
    with pytest.raises(ValueError, match="行政区划"):
        assistant.edit_document(doc_id, {"region": "不存在的地方"})
    with pytest.raises(DocumentNotFound):
        assistant.edit_document("user-nothing", {"title": "x"})


# -- replaced -------------------------------------------------------------------------------------------------------


def test_replace_keeps_the_id_and_the_edits(assistant, settings, files, tmp_path):
    doc_id = NEW_IDS["txt"]
    assistant.edit_document(doc_id, {"issuer": "翁源县人民政府"})
    newer = tmp_path / "新版本.txt"
    newer.write_bytes(files["txt"].read_bytes().replace("76%".encode("gb18030"), "78%".encode("gb18030")))
    long_name = "翁" * 120 + ".txt"  # 363 bytes of UTF-8: shortened, not refused
    report = assistant.replace_document(doc_id, Upload(newer, long_name))
    assert {d.doc_id: d.status for d in report.documents}[doc_id] == "已更新"
    entry = next(e for e in assistant.document_entries() if e.doc_id == doc_id)
    assert entry.issuer == "翁源县人民政府" and entry.source_file.endswith(".txt")
    assert len(entry.source_file.encode()) <= 200 and entry.source_file.startswith("翁翁翁")
    uploads = DataDir(settings.data_dir).uploads_dir
    assert (uploads / entry.source_file).exists() and not (uploads / files["txt"].name).exists()
    assert "78%" in assistant.ask("翁源县2029年农村生活污水治理率要达到多少？").answer
    unchanged = assistant.replace_document(doc_id, Upload(newer, "再一次.txt"))  # the same content again
    assert not unchanged.changed and unchanged.version == report.version


# -- deleted --------------------------------------------------------------------------------------------------------


def test_delete_removes_everything_of_a_document(assistant, settings, files):
    doc_id = NEW_IDS["progress"]
    assert assistant.ask("韶关市浈江区东岗子站2029年1-6月O3浓度是多少？").citations[0].doc_id == doc_id
    with pytest.raises(IngestError, match="内置语料"):
        assistant.delete_document("jm-2020h1-key-tasks")
    report = assistant.delete_document(doc_id)
    assert {d.doc_id: d.status for d in report.documents}[doc_id] == "已删除"
    loaded = assistant.loaded
    assert doc_id not in {d.doc_id for d in loaded.documents}
    assert not [c for c in loaded.retriever.chunks if c.doc_id == doc_id]  # BM25's chunks
    assert loaded.retriever.dense.collection.get(where={"doc_id": doc_id})["ids"] == []  # Chroma's
    for name, frame in loaded.tables.frames.items():
        assert "doc_id" not in frame or not (frame["doc_id"] == doc_id).any(), name
    places = loaded.lexicon.places()
    assert "浈江区" not in places and "武江区" not in places  # named only by the deleted file
    assert not any(t.kind == "station" and "东岗" in t.surface for t in loaded.lexicon.terms)
    assert not (DataDir(settings.data_dir).uploads_dir / files["progress"].name).exists()
    answer = assistant.ask("韶关市浈江区东岗子站2029年1-6月O3浓度是多少？")
    assert "151" not in answer.answer and all(c.doc_id != doc_id for c in answer.citations)
