"""The Gradio app in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Screenshots of each tab are saved under artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
WAIT_MS = 60_000  # generous: CI machines are busy; these are not timing tests


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


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(site + "/", wait_until="networkidle")
    page.locator("#question textarea").wait_for()
    yield page
    context.close()


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


def test_chat_answers_with_sources_and_follow_up(page):
    ask(page, "哪些区县PM10未达标？")
    chat = page.locator("#chatbot")
    chat.get_by_text("来源（", exact=False).first.wait_for(timeout=WAIT_MS)
    text = chat.inner_text()
    for region in ("蓬江区", "江海区", "新会区", "开平市", "鹤山市"):
        assert region in text
    assert "台山市" not in text
    assert "东湖子站" in page.locator("#facts").inner_text()
    assert "extractive" in page.locator("#backend").inner_text()
    chat.get_by_text("来源（", exact=False).first.click()  # the sources expand
    page.get_by_text("东湖空气质量自动监测子站").first.wait_for(timeout=WAIT_MS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)

    ask(page, "那鹤山市呢？")
    page.wait_for_function("() => document.querySelector('#facts').innerText.includes('南山子站')", timeout=WAIT_MS)
    facts = page.locator("#facts").inner_text()
    assert "花果山子站" in facts and "东湖子站" not in facts


def test_text_from_documents_is_not_html(page):
    ask(page, "<b>海门市</b>2020年PM2.5目标是多少？")
    page.locator("#chatbot").get_by_text("33微克/立方米", exact=False).first.wait_for(timeout=WAIT_MS)
    assert page.locator("#chatbot b").count() == 0
    assert "<b>海门市</b>" in page.locator("#chatbot").inner_text()


def test_dashboard_filters_and_charts(page):
    page.get_by_role("tab", name="任务进度").click()
    page.locator("#chart-stations").locator("canvas, svg").first.wait_for(timeout=WAIT_MS)
    region = page.locator("#region-filter input")
    region.click()
    region.fill("鹤山市")
    page.get_by_role("option", name="鹤山市").click()
    page.wait_for_function(
        "() => document.querySelector('#dashboard-summary').innerText.includes('鹤山市')", timeout=WAIT_MS
    )
    table = page.locator("#dashboard-table").inner_text()
    assert "鹤山市" in table and "恩平市" not in table
    for chart in ("#chart-stations", "#chart-funds", "#chart-rates", "#chart-status"):
        assert page.locator(chart).locator("canvas, svg").count() > 0
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)


def test_documents_reader_and_upload_needs_token(page, tmp_path):
    page.get_by_role("tab", name="文件").click()
    listing = page.locator("#document-list")
    listing.get_by_text("hm-2020-work-plan").wait_for(timeout=WAIT_MS)
    choice = page.locator("#document-choice input")
    choice.click()
    page.get_by_role("option", name="海门市打赢污染防治攻坚战2020年工作计划").click()
    page.wait_for_function(
        "() => document.querySelector('#document-text textarea').value.includes('总体工作目标')", timeout=WAIT_MS
    )
    upload = tmp_path / "示例.txt"
    upload.write_text("示例区2024年工作要点\n一、目标\nPM2.5年均浓度达30微克/立方米。\n", encoding="utf-8")
    page.locator("#upload-files input[type=file]").set_input_files(str(upload))
    page.locator("#upload-button").click()
    page.get_by_text("令牌不正确", exact=False).wait_for(timeout=WAIT_MS)
    page.screenshot(path=str(SHOTS / "documents.png"), full_page=True)


def test_upload_with_token_adds_the_document(browser, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", api_token=TOKEN, _env_file=None)
    from assistant.documents import DocumentService

    DocumentService(settings).ingest()
    with running(create_app(settings), "/api/health") as base:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle")
        page.get_by_role("tab", name="文件").click()
        upload = tmp_path / "示例区任务表.txt"
        upload.write_text(
            "2024年示例区重点任务完成情况表\n\t序号\n\t区域\n\t任务\n\t完成情况\n\n\t1\n\t示例区\n\t建设污水管网。\n\t进度滞后。\n",
            encoding="utf-8",
        )
        page.locator("#upload-files input[type=file]").set_input_files(str(upload))
        page.locator("#upload-token input").fill(TOKEN)
        page.locator("#upload-button").click()
        page.get_by_text("导入完成", exact=False).wait_for(timeout=120_000)
        assert "示例区任务表" in page.locator("#document-list").inner_text()
        context.close()
