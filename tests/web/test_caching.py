"""HTTP caching: visitors' public pages are shared and revalidated, nothing of a session is kept."""

import pytest

from convention.extensions import db
from convention.reports import services as reports
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import make_ballot, make_convention, make_member, make_user

MAX_AGE = 60


@pytest.fixture
def public(app):
    """A public convention whose pages visitors may read, with caching switched on."""
    app.config["PUBLIC_MAX_AGE"] = MAX_AGE
    convention = make_convention(slug="ai", public=True, phase=Phase.REPORT)
    return convention


def test_a_visitor_gets_a_public_page_with_an_etag_and_a_304_when_unchanged(client, public):
    page = client.get("/c/ai/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    assert "Set-Cookie" not in page.headers
    assert {"Cookie", "Accept-Language"} <= set(page.headers["Vary"].replace(" ", "").split(","))
    etag = page.headers["ETag"]
    again = client.get("/c/ai/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/c/ai/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.data == page.data


def test_a_signed_in_member_gets_private_no_store_on_the_same_page(client, login_as, public):
    member = make_member(public, role=Role.CITIZEN)
    login_as(member.user)
    page = client.get("/c/ai/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "private, no-store"
    assert "ETag" not in page.headers


def test_a_signed_in_account_never_gets_a_visitors_copy(client, login_as, public):
    visitor_page = client.get("/c/ai/").text
    login_as(make_user(email="someone@example.org"))
    page = client.get("/c/ai/")
    assert page.headers["Cache-Control"] == "private, no-store"
    assert page.text != visitor_page  # the account's own menu, not the visitor's


def test_the_app_reuses_a_visitors_page_until_it_expires(client, clock, count_queries, public):
    first = client.get("/c/ai/").text
    public.title = "Renamed convention"
    db.session.commit()
    with count_queries() as kept:
        again = client.get("/c/ai/")
    assert again.text == first and kept == []
    assert again.headers["Cache-Control"] == f"public, max-age={MAX_AGE}" and again.headers["ETag"]
    clock.move(seconds=MAX_AGE + 1)
    assert "Renamed convention" in client.get("/c/ai/").text


def test_without_a_max_age_nothing_is_public(app, client, public):
    app.config["PUBLIC_MAX_AGE"] = 0
    page = client.get("/c/ai/")
    assert "ETag" not in page.headers
    assert "public" not in page.headers.get("Cache-Control", "")


def test_voting_pages_are_never_cacheable(client, login_as, public):
    facilitator = make_member(public, role=Role.FACILITATOR)
    citizen = make_member(public, role=Role.CITIZEN)
    ballot = make_ballot(public, facilitator, opened=True)
    assert "public" not in client.get(f"/c/ai/ballots/{ballot.id}").headers.get("Cache-Control", "")
    login_as(citizen.user)
    for path in (f"/c/ai/ballots/{ballot.id}", f"/c/ai/ballots/{ballot.id}/live.json"):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        assert "public" not in response.headers["Cache-Control"]
        assert "ETag" not in response.headers
    vote = client.post(f"/c/ai/ballots/{ballot.id}/votes", data={})
    assert "no-store" in vote.headers["Cache-Control"]


def test_the_published_report_is_public_to_visitors_and_holds_no_csrf_token(client, public):
    facilitator = make_member(public, role=Role.FACILITATOR)
    reports.publish(public, facilitator)
    db.session.commit()
    page = client.get("/c/ai/report")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    assert "csrf_token" not in page.text
    assert (
        client.get("/c/ai/report", headers={"If-None-Match": page.headers["ETag"]}).status_code
        == 304
    )
