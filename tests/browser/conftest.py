"""Real Chromium against a live server: one browser and one server per run, one profile per test.

The server is the app built from the suite's test configuration, with CSRF on (a real browser
submits real forms) and no SERVER_NAME (the browser reaches it at 127.0.0.1:<port>). It serves
the whole run; rows are removed after each test, as with the `app` fixture.
"""

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from convention import create_app
from convention.extensions import db, limiter
from tests.conftest import _empty_tables, _test_config

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 10_000


@dataclass
class LiveServer:
    """The running app and the address the browser reaches it at."""

    app: Flask
    url: str

    def __call__(self, path: str) -> str:
        """Return the absolute URL of `path` on this server."""
        return self.url + path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, shared by every browser test of the run."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: `make chromium` installs it (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run on CI, but {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _serving(database_url: str) -> Iterator[LiveServer]:
    """Serve a CSRF-protected app on a free local port, in a thread, for the whole run."""
    config = _test_config(database_url) | {"WTF_CSRF_ENABLED": True}
    config.pop("SERVER_NAME")
    app = create_app(config)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    # A short poll interval: shutdown() waits for the serving loop to notice.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server"
    )
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.port}")
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(_serving: LiveServer) -> Iterator[LiveServer]:
    """The live server, inside an app context for the test's factories; rows removed after."""
    with _serving.app.app_context():
        limiter.reset()
        yield _serving
        db.session.remove()
        _empty_tables()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a tab in a fresh browser profile, phone-sized unless told otherwise; closed after."""
    contexts: list[BrowserContext] = []

    def open_page(**options: Any) -> Page:
        ctx = browser.new_context(**(PHONE | options))
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        return ctx.new_page()

    yield open_page
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A phone-sized tab in a fresh browser profile."""
    return new_page()


@pytest.fixture
def sign_in(live_server: LiveServer) -> Callable[[Page, str, str], None]:
    """Sign in through the login form, as a person would, and wait for the next page."""

    def submit(page: Page, login: str, password: str) -> None:
        page.goto(live_server("/login"))
        # By id, not by label: the page may be in any language.
        page.locator("#login").fill(login)
        page.locator("#password").fill(password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "/login" not in page.url, f"signing in as {login} failed"

    return submit
