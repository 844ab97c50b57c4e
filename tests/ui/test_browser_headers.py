"""The Gradio app under the security headers, in headless Chromium: it still works, and nothing breaks the policy.

Every page event is watched for CSP violations (`securitypolicyviolation`, console "Content Security Policy"):
the chat, the dashboard's charts and the document reader must all run without one.
"""

from __future__ import annotations

import pytest

from tests.support.servers import running
from tests.ui.test_browser import CHROMIUM_ARGS, SHOTS, WAIT_MS, ask, browser, settle, track  # noqa: F401  (fixture)
from ui.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WATCH = """window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def site(ingested_settings, assistant):
    with running(create_app(ingested_settings, assistant=assistant), "/api/health") as base:
        yield base


def test_the_web_app_works_under_the_policy(browser, site):  # noqa: F811
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    context.add_init_script(WATCH)
    page = context.new_page()
    track(page)
    page.set_default_timeout(WAIT_MS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(site + "/", wait_until="load")
    page.locator("#question textarea").wait_for()
    headers = response.headers
    assert (
        "frame-ancestors 'none'" in headers["content-security-policy"]
        and "connect-src 'self'" in headers["content-security-policy"]
    )
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"

    ask(page, "鹤山PM10为什么没达标，有什么措施？")
    page.locator("#chatbot").get_by_text("来源（", exact=False).first.wait_for(timeout=WAIT_MS)
    page.get_by_role("tab", name="任务进度").click()
    page.locator("#chart-stations canvas").first.wait_for(timeout=WAIT_MS)  # Vega draws on a canvas
    page.get_by_role("tab", name="文件").click()
    page.locator("#document-list").get_by_text("hm-2020-work-plan").wait_for(timeout=WAIT_MS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=str(SHOTS / "under-csp.png"), full_page=True)

    violations = page.evaluate("() => window.__violations")
    assert violations == [] and not [m for m in console if "Content Security Policy" in m], (violations, console)
    context.close()


def test_the_docs_pages_work_under_their_policy(browser, site):  # noqa: F811
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(site + "/docs", wait_until="networkidle")
    page.get_by_text("/api/ask").first.wait_for(timeout=WAIT_MS)
    assert page.evaluate("() => window.__violations") == []
    context.close()
