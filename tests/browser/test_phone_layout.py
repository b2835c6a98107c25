"""On a 320 px phone no demo page scrolls sideways; charts stay legible, targets thumb-sized."""

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from convention.demo import DEMO_PASSWORD, seed
from convention.extensions import db
from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

PAGES_PER_ROLE = 40
# Who crawls, and from where: each signed-in role from the dashboard, a visitor from the demo.
ROLES = {
    "citizen": "citizen@demo.invalid",
    "facilitator": "facilitator@demo.invalid",
    "council member": "council@demo.invalid",
    "observer": "observer@demo.invalid",
    "anonymous": None,
}
# Downloads and the sign-out form's target are not pages to lay out.
NOT_PAGES = ("/logout", "/export", "/download", "/files/")

# What a phone shows wrong: sideways scroll, chart text under 14 px, header controls under 44 px.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const faults = [];
  if (document.documentElement.scrollWidth > width) {
    faults.push(`${document.documentElement.scrollWidth} px wide`);
  }
  for (const text of document.querySelectorAll("svg.chart text")) {
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    if (size < 14) { faults.push(`chart text "${text.textContent}" at ${size.toFixed(1)} px`); }
  }
  const controls = ".site-header a, .site-header button, .site-header summary";
  for (const control of document.querySelectorAll(controls)) {
    const box = control.getBoundingClientRect();
    if (box.height && box.height < 44) {
      faults.push(`"${control.textContent.trim()}" ${box.height} px high`);
    }
  }
  return faults;
}"""


@pytest.fixture
def demo(live_server: LiveServer) -> None:
    """The demo convention, as `make run` seeds it."""
    seed()
    db.session.commit()


def crawl(page: Page, live_server: LiveServer, start: str) -> dict[str, list[str]]:
    """Visit up to PAGES_PER_ROLE same-site pages breadth first; return the faults by page."""
    host = urlsplit(live_server.url).netloc
    queue, seen, faults = [start], {start}, {}
    for _ in range(PAGES_PER_ROLE):
        if not queue:
            break
        path = queue.pop(0)
        page.goto(live_server(path))
        if found := page.evaluate(MEASURE):
            faults[path] = found
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            link = urlsplit(href)
            target = link.path + (f"?{link.query}" if link.query else "")
            # A dot in the last segment is a file (.pdf, .csv, .ics, .json), not a page.
            if link.netloc != host or target in seen or "." in link.path.rsplit("/", 1)[-1]:
                continue
            if not any(part in link.path for part in NOT_PAGES):
                seen.add(target)
                queue.append(target)
    return faults


def test_no_page_of_any_role_is_wider_than_a_320_px_phone(
    live_server: LiveServer, demo, new_page: Callable[..., Page], sign_in
) -> None:
    faults = {}
    for role, email in ROLES.items():
        phone = new_page(viewport={"width": 320, "height": 640})
        if email:
            sign_in(phone, email, DEMO_PASSWORD)
        faults |= {
            f"{role} {path}": found
            for path, found in crawl(phone, live_server, "/" if email else "/c/demo/").items()
        }
    assert faults == {}
