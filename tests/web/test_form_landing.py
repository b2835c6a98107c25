"""A failed submit lands at its form, error summary first; long pages offer a way to the form."""

from html.parser import HTMLParser

import pytest

from convention.rules.phases import Phase
from tests.factories import (
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_topic,
)


class Elements(HTMLParser):
    """Every element with an id, by id: its tag and attributes; and every link's target."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.by_id: dict[str, tuple[str, dict]] = {}
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.by_id[found["id"]] = (tag, found)
        self.links += [found["href"]] if tag == "a" and "href" in found else []
        self.scripts += [found["src"]] if tag == "script" and "src" in found else []


def assert_lands_at(html: str, action: str, anchor: str) -> None:
    """Check the form posts to `action#anchor` and its summary can take the focus."""
    page = Elements(html)
    assert page.by_id[anchor] == ("form", page.by_id[anchor][1])
    assert page.by_id[anchor][1]["action"] == f"{action}#{anchor}"
    tag, summary = page.by_id[f"{anchor}-errors"]
    assert (tag, summary["class"], summary["tabindex"]) == ("div", "error-summary", "-1")
    assert any(src.endswith("/static/page.js") for src in page.scripts)


@pytest.fixture
def topic(app, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    citizen = make_member(convention)
    login_as(citizen.user)
    return make_topic(convention)


def test_an_empty_contribution_on_a_topic_brings_the_reader_back_to_the_form(client, topic):
    action = f"/c/ai/topics/{topic.id}/comments"
    response = client.post(action, data={"stance": "for", "body": ""})
    assert response.status_code == 422
    assert_lands_at(response.text, action, "comment-form")


def test_an_empty_contribution_on_a_recommendation_brings_the_reader_back_to_the_form(
    client, login_as, app
):
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS)
    topic = make_topic(convention)
    author = make_member(convention)
    group = make_group(convention, members=[author], topics=[topic])
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    login_as(author.user)
    action = f"/c/ai/recommendations/{recommendation.id}/comments"
    response = client.post(action, data={"stance": "for", "body": ""})
    assert response.status_code == 422
    assert_lands_at(response.text, action, "comment-form")
    assert "#add-contribution" in Elements(response.text).links


def test_a_short_page_keeps_a_plain_action_and_a_summary_that_takes_the_focus(client, app):
    # No anchor: a successful submit's redirect would inherit it, in the address and the landing.
    response = client.post("/login", data={"login": "", "password": ""})
    assert response.status_code == 422
    page = Elements(response.text)
    assert "login-form" not in page.by_id
    assert page.by_id["login-form-errors"][1]["tabindex"] == "-1"


def test_a_question_to_the_experts_also_lands_at_its_form(client, topic):
    action = f"/c/ai/topics/{topic.id}/questions"
    response = client.post(action, data={"question": ""})
    assert response.status_code == 422
    assert_lands_at(response.text, action, "question-form")


def test_a_topic_open_for_contributions_links_to_its_form_from_the_top(client, topic):
    page = Elements(client.get(f"/c/ai/topics/{topic.id}").text)
    assert "#add-contribution" in page.links
    assert page.by_id["add-contribution"][0] == "h3"
    assert page.by_id["comment-form"][0] == "form"


def test_a_closed_topic_offers_no_way_to_a_form_it_does_not_show(client, app, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    login_as(make_member(convention).user)
    closed = make_topic(convention, is_open=False)
    page = Elements(client.get(f"/c/ai/topics/{closed.id}").text)
    assert "#add-contribution" not in page.links
    assert "comment-form" not in page.by_id
