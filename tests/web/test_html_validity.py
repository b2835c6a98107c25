"""The main pages are valid where the W3C checker found faults: ids, times, form actions, icon."""

import re
from html.parser import HTMLParser

import pytest

from convention.extensions import db
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_ballot,
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_topic,
)

# A valid `datetime` value to the second, with its offset: no fractions of a second.
SECOND_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


class Page(HTMLParser):
    """What the checks need from a page: its ids, `datetime` values, forms' actions, head links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.times: list[str] = []
        self.actions: list[str | None] = []
        self.heads: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.ids += [found["id"]] if "id" in found else []
        self.times += [found["datetime"]] if "datetime" in found else []
        self.actions += [found.get("action")] if tag == "form" else []
        self.heads += [found] if tag in ("meta", "link") else []


def assert_valid(html: str) -> Page:
    page = Page(html)
    repeated = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert repeated == []
    assert [value for value in page.times if not SECOND_TIME.match(value)] == []
    assert "" not in page.actions
    assert any(h.get("name") == "description" and h.get("content") for h in page.heads)
    assert any(h.get("rel") == "icon" and h.get("href", "").endswith(".svg") for h in page.heads)
    return page


@pytest.fixture
def convention():
    """A convention in its amendment phase: a submitted recommendation, an open ballot."""
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS, public=True)
    topic = make_topic(convention)
    author = make_member(convention, pseudonym="Ana")
    group = make_group(convention, members=[author], topics=[topic])
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    ballot = make_ballot(convention, facilitator, opened=True)
    db.session.commit()
    return author, recommendation, ballot


def test_the_home_page_for_visitors_and_members_is_valid(client, login_as, convention):
    assert_valid(client.get("/").text)
    author, _, _ = convention
    login_as(author.user)
    assert_valid(client.get("/").text)
    assert_valid(client.get("/c/ai/").text)


def test_a_recommendation_page_with_contribution_and_opinion_forms_is_valid(
    client, login_as, convention
):
    author, recommendation, _ = convention
    login_as(author.user)
    url = f"/c/ai/recommendations/{recommendation.id}"
    posted = client.post(f"{url}/comments", data={"stance": "for", "body": "Good idea"})
    assert posted.status_code == 303
    html = client.get(url).text
    page = assert_valid(html)
    assert "Add your contribution" in html and "Your minority opinion" in html
    assert len(page.times) == 1
    assert page.ids.count("body") == 1 and '<label for="body">Your contribution' in html


def test_a_ballot_page_is_valid(client, login_as, convention):
    author, _, ballot = convention
    login_as(author.user)
    response = client.get(f"/c/ai/ballots/{ballot.id}")
    assert response.status_code == 200
    assert_valid(response.text)


def test_favicon_ico_leads_to_the_svg_icon(client):
    with client.get("/favicon.ico", follow_redirects=True) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml" and b"<svg" in response.data
