"""`/docs` and `/redoc` work on a machine without internet: every script, style and icon comes from this server.

FastAPI's own pages load Swagger UI and Redoc from a CDN (and Redoc loads Google Fonts), so on a government
intranet they stay blank. Here the files come from the fastapi-offline wheel, served under `/docs-assets`.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.support.servers import running
from tests.ui import test_browser
from tests.ui.test_browser import SHOTS, WAIT_MS
from ui.app import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

browser = test_browser.browser  # the same headless Debian Chromium, launched with the same offline flags

# what each page needs: its viewer's script (and Swagger UI's stylesheet), the favicon and the API description
DOC_PAGES = {"/docs": {".js", ".css", ".png", ".json"}, "/redoc": {".js", ".png", ".json"}}
# what a browser fetches from a page's HTML: scripts, styles, icons and the OpenAPI document
REFERENCES = re.compile(r"""(?:src|href|spec-url)="([^"]*)"|\burl:\s*'([^']*)'""")
ANY_HOST = re.compile(r"(?:https?:)?//[^\s\"'<>]+")
# the type Python's mimetypes gives depends on the host's /etc/mime.types: either JavaScript type will do
CONTENT_TYPES = {".js": ("text/javascript", "application/javascript"), ".css": ("text/css",), ".png": ("image/png",),
                 ".json": ("application/json",)}  # fmt: skip
LOCAL_HOSTS = {"127.0.0.1"}
OPERATIONS = ("/api/ask", "/api/chat", "/api/search", "/api/tables/{name}", "/v1/chat/completions")


def references(html: str) -> list[str]:
    return [src or url for src, url in REFERENCES.findall(html)]


def suffix(url: str) -> str:
    return "." + url.rsplit(".", 1)[-1]


class TestDocPagesUseOnlyLocalFiles:
    @pytest.fixture
    def client(self, settings):
        return TestClient(create_app(settings, with_web=False))  # no lifespan: nothing is loaded

    @pytest.mark.parametrize("page", DOC_PAGES)
    def test_page_names_no_other_host(self, client, page):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert ANY_HOST.findall(response.text) == []  # no CDN, no Google Fonts, no remote favicon
        for url in references(response.text):
            assert url.startswith("/") and not url.startswith("//"), url
        # and the browser is told to fetch from this server only, whatever the scripts ask for
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "*" not in policy and ANY_HOST.findall(policy) == []

    @pytest.mark.parametrize("page", DOC_PAGES)
    def test_referenced_files_are_served_with_their_type(self, client, page):
        urls = references(client.get(page).text)
        assert {suffix(url) for url in urls} == DOC_PAGES[page]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"].split(";")[0] in CONTENT_TYPES[suffix(url)], url
            assert response.content, url

    def test_openapi_lists_the_api_but_not_the_doc_pages(self, client):
        paths = client.get("/openapi.json").json()["paths"]
        assert "/api/ask" in paths and "/docs" not in paths and "/redoc" not in paths


# -- in a real browser, with the Gradio app mounted at `/` -----------------------------------------------------


@pytest.fixture(scope="module")
def site(ingested_settings, assistant):
    """The full app (API + web UI), so a Gradio mount that shadowed /docs or /redoc would show here."""
    with running(create_app(ingested_settings, assistant=assistant), "/api/health") as base:
        yield base


@dataclass
class Visit:
    """One page opened in the browser, with every request it made."""

    page: Page
    requested: list[str] = field(default_factory=list)
    blocked_by_page: set[str] = field(default_factory=set)  # stopped by the page's Content-Security-Policy
    errors: list[str] = field(default_factory=list)

    def leaving_the_machine(self) -> list[str]:
        """Requests the browser would have sent to another host (data: and blob: URLs are made in the page)."""
        return [
            url
            for url in self.requested
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname not in LOCAL_HOSTS
            and url not in self.blocked_by_page
        ]


@contextmanager
def offline_visit(chromium, url: str):
    """Open `url` and record its requests; one that does go to another host is aborted here, never sent."""
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})

    def only_local(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    def failed(request):
        if request.failure == "csp":
            visit.blocked_by_page.add(request.url)

    context.route("**/*", only_local)
    visit = Visit(context.new_page())
    visit.page.set_default_timeout(WAIT_MS)
    visit.page.on("request", lambda request: visit.requested.append(request.url))
    visit.page.on("requestfailed", failed)
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    try:
        visit.page.goto(url, wait_until="networkidle")
        yield visit
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_swagger_ui_renders_offline(browser, site):
    with offline_visit(browser, site + "/docs") as visit:
        page = visit.page
        page.locator('.opblock-summary-path[data-path="/api/ask"]').wait_for()
        # Swagger UI puts a zero-width space before each "/" so that long paths can wrap
        text = page.locator("#swagger-ui").inner_text().replace("\u200b", "")
        assert "政策文件问答助手 API" in text
        for path in OPERATIONS:
            assert path in text
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "docs.png"), full_page=True)

        # "Try it out" still reaches the API from the page
        health = page.locator(".opblock", has=page.locator('[data-path="/api/health"]'))
        health.locator(".opblock-summary").click()
        health.get_by_role("button", name="Try it out").click()
        health.get_by_role("button", name="Execute").click()
        health.locator(".live-responses-table .response-col_status", has_text="200").wait_for()

    assert site + "/docs-assets/swagger-ui-bundle.js" in visit.requested
    assert visit.leaving_the_machine() == []
    assert visit.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_redoc_renders_offline(browser, site):
    with offline_visit(browser, site + "/redoc") as visit:
        page = visit.page
        page.locator("h1", has_text="政策文件问答助手 API").wait_for()
        page.get_by_text("/api/ask", exact=True).first.wait_for(state="attached")
        text = page.locator("redoc").inner_text()
        for path in OPERATIONS:
            assert path in text
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "redoc.png"))  # the viewport: the whole page is many screens long

    assert site + "/docs-assets/redoc.standalone.js" in visit.requested
    # Redoc's sidebar asks for its maker's logo on cdn.redoc.ly; the page's policy must stop it before it is sent
    assert visit.leaving_the_machine() == []
    assert visit.errors == []
