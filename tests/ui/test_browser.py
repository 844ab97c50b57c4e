"""The web app in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), at 1366 px.

One test per part of the page: the dashboard, saved conversations, sources in the reader, the upload panel,
Chinese and the typed question, and a page that asks nothing of any other machine. Screenshots are kept
under artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
from PIL import Image

from assistant.availability import ServiceUnavailable
from assistant.documents import DocumentService
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from tests.support.servers import running
from ui.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = "/usr/bin/chromium"
# flags that keep a headless Chromium from calling out on a machine without network
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
SHOTS = Path(os.environ.get("POLICY_TEST_ARTIFACTS", "artifacts")) / "screenshots"
TOKEN = "browser-test-token"
WAIT_MS = 90_000  # generous: CI machines are busy; these are not timing tests
VIEWPORT = {"width": 1366, "height": 900}
FIRST_READ = ("区域", "任务", "要求", "进展", "状态", "完成率", "核查")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Gradio holds one request open for the page's whole life (its heartbeat, because the page has session state),
# so the page never reaches Playwright's "networkidle": `settle` waits for every other request instead
LIFELONG = ("/heartbeat/",)
QUIET_MS = 1500
# the status colours of the dashboard: the 状态 cell's background and the charts' bars (ui/web/dashboard.py, charts.py)
CELL_COLOURS = {
    "进度滞后": "rgb(251, 213, 211)",
    "基本按进度": "rgb(255, 241, 199)",
    "已完成/达到要求": "rgb(215, 238, 217)",
}
BAR_COLOURS = {"进度滞后": (229, 57, 53), "基本按进度": (249, 168, 37), "已完成/达到要求": (46, 125, 50)}
LINKED_TEXT = (
    "示例区2024年生态环境宣传工作要点\n\n一、宣传\n\n"
    "示例区环保宣传通知详见[环保宣传通知](http://evil.example/notice)，或访问 https://evil.example/page 查看。\n\n"
    "二、目标\n\n示例区2024年PM2.5年均浓度目标为30微克/立方米。\n"
)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium and fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(ingested_settings, assistant):
    settings = ingested_settings.model_copy(update={"api_token": TOKEN})
    with running(create_app(settings, assistant=assistant), "/api/health") as base:
        yield base


@pytest.fixture(scope="module")
def site_without_token(ingested_settings, assistant):
    settings = ingested_settings.model_copy(update={"api_token": None})
    with running(create_app(settings, assistant=assistant), "/api/health") as base:
        yield base


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    """A data dir of its own (documents are added and deleted here): the corpus and a file with links."""
    folder = tmp_path_factory.mktemp("browser-own")
    settings = Settings(data_dir=folder / "data", api_token=TOKEN, _env_file=None)
    linked = folder / "示例区宣传要点.txt"
    linked.write_text(LINKED_TEXT, encoding="utf-8")
    DocumentService(settings).ingest([linked])
    assistant = PolicyAssistant(settings)
    with running(create_app(settings, assistant=assistant), "/api/health") as base:
        yield base, assistant, folder


def open_page(browser, base: str):
    """A fresh browser (no saved conversation) at 1366×900; requests to other hosts are recorded and blocked."""
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORT, accept_downloads=True)
    external: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    track(page)
    page.set_default_timeout(WAIT_MS)
    page.goto(base + "/", wait_until="load")
    page.locator("#question textarea").wait_for()
    page.external = external
    return context, page


@pytest.fixture
def page(browser, site):
    context, opened = open_page(browser, site)
    yield opened
    context.close()


def track(page) -> None:
    """Keep the page's requests in flight in `page.pending`, for `settle`."""
    page.pending = set()
    page.on("request", lambda request: page.pending.add(request))
    page.on("requestfinished", lambda request: page.pending.discard(request))
    page.on("requestfailed", lambda request: page.pending.discard(request))


def settle(page) -> None:
    """Wait until no request but Gradio's lifelong heartbeat has been in flight for QUIET_MS."""
    deadline = time.monotonic() + WAIT_MS / 1000
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if any(not any(part in r.url for part in LIFELONG) for r in list(page.pending)):
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_MS / 1000:
            return
        page.wait_for_timeout(100)
    raise TimeoutError(f"requests still in flight: {[r.url for r in page.pending]}")


def shoot(page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


def ask(page, question: str) -> None:
    """Ask and wait until the answer is saved and shown (the backend line changes last)."""
    line = "() => (document.querySelector('#backend .prose') || {innerText: ''}).innerText"
    before = page.evaluate(line)
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function(
        f"(before) => {{ const t = ({line})(); return t !== before && t.includes('用时'); }}", arg=before
    )
    page.locator("#chatbot").get_by_text(question, exact=True).last.wait_for()


def choose(page, elem_id: str, option: str) -> None:
    box = page.locator(f"{elem_id} input")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def wait_value(page, elem_id: str, value: str) -> None:
    """Wait for a text field to hold `value` (not rendered yet: wait, do not throw)."""
    page.wait_for_function(
        "([s, v]) => { const e = document.querySelector(s + ' textarea, ' + s + ' input');"
        " return e !== null && e.value === v; }",
        arg=[elem_id, value],
    )


def wait_text(page, selector: str, text: str) -> None:
    page.wait_for_function(
        "([s, t]) => { const e = document.querySelector(s); return e && e.innerText.includes(t); }",
        arg=[selector, text],
    )


# -- 1. the dashboard -------------------------------------------------------------------------------------------


def test_dashboard_filters_table_and_charts_alike(page):
    page.get_by_role("tab", name="任务进度").click()
    wait_text(page, "#dashboard-summary", "任务")
    choose(page, "#region-filter", "恩平市")
    wait_text(page, "#dashboard-summary", "区域＝恩平市")
    wait_text(page, "#chart-status .chart-caption", "基本按进度")  # 恩平市 has sub-items of other statuses
    choose(page, "#status-filter", "进度滞后")
    wait_text(page, "#dashboard-summary", "区域＝恩平市、状态＝进度滞后")
    summary = page.locator("#dashboard-summary").inner_text()
    count = int(re.search(r"(\d+) 行", summary).group(1))
    # 恩平市's lagging sub-items, read from the 2023 table: 第22行 (1)(2)(3), 第23行, 第24行
    assert count == 5

    table = page.locator("#dashboard-table")
    rows = table.locator("div[role=row]")  # a virtual grid: the header is a table, the body rows are divs
    assert rows.count() == count
    for i in range(count):
        text = rows.nth(i).inner_text()
        assert "恩平市" in text and "进度滞后" in text
    shown = table.inner_text()
    assert not re.search(r"\b(nan|None|NaN|false|true|False|True)\b", shown)

    # the first-read columns are on screen without scrolling sideways
    for label in FIRST_READ:
        header = table.locator(f"th[title='{label}']")
        box = header.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], label
    lagging = table.locator("[role=gridcell]", has_text=re.compile(r"^\s*进度滞后\s*$")).first
    assert lagging.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(251, 213, 211)"  # red

    # every chart takes the same filters: 恩平市 has no monitoring station in the documents
    wait_text(page, "#chart-stations", "无数据")
    assert "无数据：在「区域＝恩平市、状态＝进度滞后」下没有站点读数" in page.locator("#chart-stations").inner_text()
    assert "下没有写明完成率的任务" in page.locator("#chart-rates").inner_text()
    wait_text(page, "#chart-status .chart-caption", "图中子项共 5 项：进度滞后 5")
    page.locator("#chart-status canvas").first.wait_for()
    assert page.locator(".vega-actions, .vega-embed details").count() == 0  # no menu of English actions

    with page.expect_download() as download:
        page.locator("#dashboard-export").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    values = list(book.active.values)
    assert values[0][:7] == FIRST_READ and len(values) - 1 == count
    assert {r[4] for r in values[1:]} == {"进度滞后"}
    shoot(page, "dashboard.png")


def test_a_filter_that_empties_a_chart_is_named(page):
    page.get_by_role("tab", name="任务进度").click()
    wait_text(page, "#dashboard-summary", "任务")
    choose(page, "#table-choice", "专项资金")
    wait_text(page, "#dashboard-summary", "专项资金")
    page.locator("#key-filter input").check()
    wait_text(page, "#dashboard-summary", "专项资金表没有【重点考核】标记")
    wait_text(page, "#chart-funds", "无数据：专项资金表没有【重点考核】标记")
    page.locator("#chart-status canvas").first.wait_for()  # tasks do carry the mark: their chart is drawn
    shoot(page, "dashboard-key-only.png")


@pytest.mark.parametrize(
    ("table", "first_read"),
    [
        ("空气质量站点", ("区域", "站点", "读数", "目标", "状态", "核查")),
        ("专项资金", ("区域", "执行率", "目标", "状态")),
        ("指标", ("指标", "现状", "目标", "达标情况")),  # the issue: 现状 / 目标 / 达标 sat off-screen
    ],
)
def test_every_table_reads_without_raw_values_or_sideways_scrolling(page, table, first_read):
    page.get_by_role("tab", name="任务进度").click()
    wait_text(page, "#dashboard-summary", "任务")
    choose(page, "#table-choice", table)
    wait_text(page, "#dashboard-summary", f"{table}：")
    grid = page.locator("#dashboard-table")
    grid.locator("[role=gridcell]").first.wait_for()
    assert not re.search(r"\b(nan|None|NaN|false|true|False|True)\b", grid.inner_text())
    for label in first_read:
        box = grid.locator(f"th[title='{label}']").bounding_box()
        assert box is not None and box["x"] + box["width"] <= VIEWPORT["width"], label
    if table == "指标":
        shoot(page, "dashboard-indicators.png")


def bar_pixels(chart) -> dict[str, int]:
    """How many pixels of a drawn chart have each status's bar colour."""
    image = Image.open(io.BytesIO(chart.locator("canvas").first.screenshot())).convert("RGB")
    counts = dict.fromkeys(BAR_COLOURS, 0)
    for pixel in image.getdata():
        for status, colour in BAR_COLOURS.items():
            if sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 24:
                counts[status] += 1
    return counts


@pytest.mark.parametrize("status", ["基本按进度", "已完成/达到要求"])
def test_status_colours_mean_what_they_say(page, status):
    page.get_by_role("tab", name="任务进度").click()
    wait_text(page, "#dashboard-summary", "任务")
    choose(page, "#status-filter", status)
    wait_text(page, "#chart-status .chart-caption", f"：{status} ")
    cell = page.locator("#dashboard-table [role=gridcell]", has_text=re.compile(rf"^\s*{status}\s*$")).first
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == CELL_COLOURS[status]
    page.locator("#chart-status canvas").first.wait_for()
    page.wait_for_timeout(500)  # Vega draws on the next frames
    pixels = bar_pixels(page.locator("#chart-status"))
    assert pixels[status] > 500, pixels
    assert all(n < 50 for other, n in pixels.items() if other != status), pixels


# -- 2. saved conversations, feedback, exports; 5. Chinese and the typed question -----------------------------


def test_conversations_are_saved_reopened_renamed_rated_exported_and_deleted(browser, site, assistant):
    context, page = open_page(browser, site)
    ask(page, "蓬江东湖子站PM10达标了吗？")
    ask(page, "那二氧化氮呢？")
    chat = page.locator("#chatbot")
    assert "22微克/立方米" in chat.inner_text()  # 东湖 NO2, read from the 2023 table
    facts = page.locator("#facts").inner_text()
    assert "空气质量站点" in facts and "stations" not in facts and "《2023年各县（市、区）" in facts

    page.reload(wait_until="load")  # the conversation is still there, from the server
    wait_text(page, "#chatbot", "那二氧化氮呢？")
    assert "蓬江东湖子站PM10达标了吗？" in page.locator("#chatbot").inner_text()
    assert "蓬江东湖子站PM10达标了吗？" in page.locator("#conversation-list").inner_text()

    page.locator("#conversation-title input").fill("东湖子站")
    page.locator("#rename-conversation").click()
    wait_text(page, "#conversation-list", "东湖子站")

    page.locator("#chatbot button[aria-label='踩']").last.click()  # 👎 (Gradio's own Chinese label)
    page.locator("#feedback-comment textarea").fill("应写明超出目标多少")
    page.locator("#feedback-submit").click()
    wait_text(page, "#feedback-note", "已保存补充说明")
    rated = [r for r in assistant.conversations.rated_turns() if r.turn.question == "那二氧化氮呢？"]
    assert [(r.turn.rating, r.turn.comment) for r in rated] == [(-1, "应写明超出目标多少")]

    with page.expect_download() as download:
        page.locator("#export-answer-md").click()
    assert download.value.suggested_filename.endswith(".md")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "那二氧化氮呢" in exported and "## 来源" in exported and "## 计算所用数据" in exported
    with page.expect_download() as download:
        page.locator("#export-answer-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["回答", "计算数据", "来源"]
    shoot(page, "chat.png")

    # a retrieval answer shows no empty facts table
    page.locator("#new-conversation").click()
    # the chat is cleared when the new conversation is open; a question sent before that lands in the old one
    page.wait_for_function("() => !document.querySelector('#chatbot').innerText.includes('那二氧化氮呢')")
    ask(page, "江门十三五规划对黑臭水体有什么要求？")
    assert not page.locator("#facts").is_visible()
    wait_text(page, "#conversation-list", "江门十三五规划")

    page.locator("#conversation-list label", has_text="东湖子站").click()
    wait_text(page, "#chatbot", "那二氧化氮呢？")
    page.locator("#delete-conversation").click()
    page.locator("#confirm-delete").click()
    page.wait_for_function("() => !document.querySelector('#conversation-list').innerText.includes('东湖子站')")
    assert "江门十三五规划" in page.locator("#conversation-list").inner_text()
    context.close()


def test_an_over_long_question_is_refused_in_chinese_and_kept(page):
    question = "恩平市" + "的任务" * 200
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.get_by_text("问题太长", exact=False).first.wait_for()
    toast = page.locator(".toast-body, [data-testid='toast-body']").first.inner_text()
    assert "提示" in toast and "Warning" not in toast
    assert page.locator("#question textarea").input_value() == question
    assert "问题太长" not in page.locator("#chatbot").inner_text()
    page.wait_for_timeout(500)  # the toast slides in
    shoot(page, "long-question.png", full_page=False)


def test_a_service_that_is_down_is_a_chinese_warning_and_the_question_stays(page, assistant, monkeypatch):
    def down(question, history=None):
        raise ServiceUnavailable("检索服务暂时不可用，请稍后再试", retry_after=30)

    monkeypatch.setattr(assistant, "ask", down)  # the server runs in this process, on this assistant
    page.locator("#question textarea").fill("哪些区县PM10未达标？")
    page.locator("#send").click()
    toast = page.locator("[data-testid='toast-body']", has_text="检索服务暂时不可用")
    toast.first.wait_for()
    assert "提示" in toast.first.inner_text() and "Error" not in toast.first.inner_text()
    assert page.locator("#question textarea").input_value() == "哪些区县PM10未达标？"
    page.wait_for_function("() => !document.querySelector('#chatbot').innerText.includes('正在查找')")
    assert "哪些区县PM10未达标？" not in page.locator("#chatbot").inner_text()  # not asked: only in the box


def test_what_a_user_reads_is_chinese(page):
    for tab in ("问答", "任务进度", "文件"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(500)
        text = page.locator("body").inner_text()
        for english in ("Warning", "Error", "Submit", "Clear", "Drop File Here", "Click to Upload", "Loading"):
            assert english not in text, (tab, english)


# -- 3. sources in place -------------------------------------------------------------------------------------


def test_a_citation_opens_the_reader_at_the_cited_row(page):
    ask(page, "哪些区县PM10未达标？")
    sources = page.locator("#sources button.source-link")
    assert sources.count() == 10  # ten stations above their PM10 target in the 2023 table
    sources.nth(3).click()
    cited = page.locator("#chat-reader-text tr.cited")
    cited.wait_for()
    assert "江海富民" in cited.inner_text()
    assert "《2023年各县（市、区）" in page.locator("#chat-reader-title").inner_text()
    page.wait_for_function(
        "() => { const r = document.querySelector('#chat-reader-text tr.cited').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    shoot(page, "sources-row.png", full_page=False)


def test_a_passage_citation_is_highlighted_under_its_headings(page):
    ask(page, "江门十三五规划对黑臭水体有什么要求？")
    page.locator("#sources button.source-link").first.click()
    mark = page.locator("#chat-reader-text mark.cited").first
    mark.wait_for()
    assert "黑臭" in page.locator("#chat-reader-text mark.cited").all_inner_texts().__str__()
    assert page.locator("#chat-reader-text h3").count() > 3  # the plan's chapters
    page.wait_for_function(
        "() => { const r = document.querySelector('#chat-reader-text mark.cited').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    shoot(page, "sources-passage.png", full_page=False)


def test_the_documents_reader_shows_headings_and_tables(page):
    page.get_by_role("tab", name="文件").click()
    choose(page, "#document-choice", "海门市打赢污染防治攻坚战2020年工作计划")
    page.locator("#document-text table").first.wait_for()
    reader = page.locator("#document-text")
    assert reader.locator("th", has_text="达到标准").count() >= 1
    headings = reader.locator("h3, h4").all_inner_texts()
    assert "一、总体工作目标" in headings and "（一）打赢蓝天保卫战" in headings


# -- 4. the upload panel; issue 13: links from documents stay text ---------------------------------------------


def test_without_a_token_the_panel_says_uploads_are_off_and_how_to_enable_them(browser, site_without_token):
    context, page = open_page(browser, site_without_token)
    page.get_by_role("tab", name="文件").click()
    status = page.locator("#upload-status").inner_text()
    assert "上传未启用" in status and "POLICY_API_TOKEN" in status and ".env" in status and "重启服务" in status
    assert page.locator("#upload-token input").is_disabled()
    assert page.locator("#verify-token").is_disabled()
    assert page.locator("#upload-button").is_disabled()
    assert page.locator("#upload-files input[type=file]").count() == 0  # nothing to choose a file with
    shoot(page, "upload-disabled.png", full_page=False)
    context.close()


@pytest.fixture
def leaves_no_upload(own_site):
    """The document the upload test adds is gone after it, even when it fails (the next test asks 示例区)."""
    yield
    _, assistant, _ = own_site
    if assistant.document("user-示例区任务表") is not None:
        assistant.delete_document("user-示例区任务表")


def test_upload_edit_and_delete_with_the_token(browser, own_site, tmp_path, leaves_no_upload):
    base, assistant, _ = own_site
    context, page = open_page(browser, base)
    page.get_by_role("tab", name="文件").click()
    assert "上传已启用" in page.locator("#upload-status").inner_text()
    assert page.locator("#upload-files input[type=file]").count() == 0  # locked until the token is verified

    page.locator("#upload-token input").fill("wrong")
    page.locator("#verify-token").click()
    wait_text(page, "#admin-note", "令牌不正确")
    assert page.locator("#upload-button").is_disabled()
    page.locator("#upload-token input").fill(TOKEN)
    page.locator("#verify-token").click()
    wait_text(page, "#admin-note", "令牌已验证")
    assert page.locator("#upload-token input").input_value() == ""  # the token does not stay on the page

    upload = tmp_path / "示例区任务表.txt"
    upload.write_text(
        "2024年示例区重点任务完成情况表\n\t序号\n\t区域\n\t任务\n\t完成情况\n\n\t1\n\t示例区\n\t建设污水管网。\n\t进度滞后。\n",
        encoding="utf-8",
    )
    page.locator("#upload-files input[type=file]").set_input_files(str(upload))
    page.locator("#upload-files").get_by_text("示例区任务表.txt").first.wait_for()
    page.locator("#upload-button").click()
    page.get_by_text(re.compile(r"第 \d+ 步：")).first.wait_for()  # progress by stage while it runs
    shoot(page, "upload-progress.png", full_page=False)
    wait_text(page, "#upload-result", "导入完成")
    result = page.locator("#upload-result").inner_text()
    assert "读取文件" in result and "解析表格" in result  # the stages it went through
    wait_text(page, "#document-list", "user-示例区任务表")
    shoot(page, "documents.png")
    other, second = open_page(browser, base)  # a page opened after the upload lists it too
    second.get_by_role("tab", name="文件").click()
    wait_text(second, "#document-list", "user-示例区任务表")
    other.close()

    page.locator("#edit-document").get_by_text("修改或删除所选文件").click()  # open, then fill it by choosing
    choose(page, "#document-choice", "2024年示例区重点任务完成情况表")
    # the form is filled from the chosen document: wait for every field of it, or a late one overwrites
    # what is typed next (CI saw an empty 发文机关 saved under load)
    wait_value(page, "#edit-title", "2024年示例区重点任务完成情况表")
    wait_value(page, "#edit-year", "2024")
    issuer = page.locator("#edit-issuer textarea, #edit-issuer input").first
    issuer.fill("示例区生态环境局")
    issuer.press("Tab")
    wait_value(page, "#edit-issuer", "示例区生态环境局")
    page.locator("#save-document").click()
    wait_text(page, "#edit-note", "已保存")
    assert assistant.document("user-示例区任务表").info.issuer == "示例区生态环境局"
    wait_text(page, "#document-list", "示例区生态环境局")

    page.locator("#delete-document").click()
    page.locator("#confirm-delete-document").click()
    wait_text(page, "#edit-note", "已删除")
    page.wait_for_function("() => !document.querySelector('#document-list').innerText.includes('user-示例区任务表')")
    assert assistant.document("user-示例区任务表") is None
    context.close()


def test_links_in_documents_are_shown_as_text(browser, own_site):
    base, _, _ = own_site
    context, page = open_page(browser, base)
    ask(page, "示例区环保宣传通知在哪里看？")
    chat = page.locator("#chatbot")
    wait_text(page, "#chatbot", "evil.example")
    assert "[环保宣传通知](http://evil.example/notice)" in chat.inner_text()
    assert page.locator("a[href*='evil.example']").count() == 0
    page.locator("#sources button.source-link").first.click()
    page.locator("#chat-reader-text mark.cited").first.wait_for()
    assert page.locator("a[href*='evil.example']").count() == 0
    assert "https://evil.example/page" in page.locator("#chat-reader-text").inner_text()
    shoot(page, "links-as-text.png", full_page=False)
    context.close()


# -- the page asks nothing of any other machine ---------------------------------------------------------------


def test_the_page_makes_no_request_off_the_machine(page):
    ask(page, "哪些区县PM10未达标？")
    page.locator("#sources button.source-link").first.click()
    page.locator("#chat-reader-text tr.cited").wait_for()
    page.get_by_role("tab", name="任务进度").click()
    page.locator("#chart-stations canvas").first.wait_for()
    page.get_by_role("tab", name="文件").click()
    choose(page, "#document-choice", "江门市生态环保“十三五”规划（征求意见稿）")
    page.locator("#document-text h3").first.wait_for()
    settle(page)
    assert page.external == []
