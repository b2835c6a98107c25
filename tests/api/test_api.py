"""The open data API serves what the public pages show, and nothing more, as cacheable JSON."""

import re

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Convention
from convention.rules.policy import Role
from convention.rules.recommendations import reference
from tests.factories import make_convention, make_member

BASE = "/api/v1/conventions/open-city"


def test_public_conventions_are_listed_and_private_ones_answer_404(client, seeded):
    listed = client.get("/api/v1/conventions").get_json()
    assert [c["slug"] for c in listed["items"]] == ["open-city"]
    for path in ("", "/sessions", "/topics", "/ballots", "/reports", "/selection"):
        response = client.get(f"/api/v1/conventions/hidden{path}")
        assert response.status_code == 404, path
        assert response.get_json()["status"] == 404


def test_a_facilitators_cookie_gives_nothing_more(client, login_as, seeded):
    anonymous = {p: client.get(BASE + p).get_json() for p in ("/recommendations", "/ballots")}
    hidden = db.session.scalar(sa.select(Convention).where(Convention.slug == "hidden"))
    make_member(hidden, role=Role.FACILITATOR, user=seeded.facilitator.user)
    login_as(seeded.facilitator.user)  # facilitator of both: the pages would show them everything
    assert client.get("/c/hidden/").status_code == 200
    assert client.get("/api/v1/conventions/hidden").status_code == 404
    assert client.get("/api/v1/conventions/hidden/sessions").status_code == 404
    assert "Set-Cookie" not in client.get(BASE).headers
    for path, body in anonymous.items():
        assert client.get(BASE + path).get_json() == body
    assert "Secret draft" not in client.get(BASE + "/recommendations").get_data(as_text=True)


def test_sealed_results_stay_out_until_the_ballot_closes(client, seeded):
    ballots = client.get(BASE + "/ballots").get_json()["items"]
    assert [b["id"] for b in ballots] == [seeded.closed.id]
    assert seeded.sealed.id not in {b["id"] for b in ballots}
    assert client.get(f"{BASE}/ballots/{seeded.sealed.id}").status_code == 404
    assert client.get(f"{BASE}/ballots/{seeded.closed.id}").get_json()["id"] == seeded.closed.id
    # Another convention's ballot is not found through this one.
    assert client.get(f"/api/v1/conventions/hidden/ballots/{seeded.closed.id}").status_code == 404


def test_secret_ballots_publish_counts_never_per_member_or_per_channel_data(client, seeded):
    ballot = client.get(BASE + "/ballots").get_json()["items"][0]
    assert ballot["secret"] is True
    result = ballot["items"][0]["result"]
    assert (result["yes"], result["no"], result["participants"]) == (2, 1, 3)
    assert not {"online", "room", "channels"} & set(result)
    text = client.get(BASE + "/ballots").get_data(as_text=True)
    assert not any(c.pseudonym in text for c in seeded.citizens)
    assert "membership" not in text


def test_voted_recommendations_come_with_their_versions_and_drafts_never(client, seeded):
    items = client.get(BASE + "/recommendations").get_json()["items"]
    assert [r["reference"] for r in items] == [reference(seeded.adopted.number)]
    assert items[0]["state"] == "adopted"
    assert [v["number"] for v in items[0]["versions"]] == [1]
    assert "author" not in str(items[0])


def test_council_answers_have_updates_and_a_history_list(client, seeded):
    answer = client.get(BASE + "/council-answers").get_json()["items"][0]
    assert answer["recommendation_id"] == seeded.adopted.id
    assert answer["history"] == []
    assert answer["updates"][0]["percent"] == 40


def test_report_versions_link_their_files_with_their_hashes(client, seeded):
    version = client.get(BASE + "/reports").get_json()["items"][0]
    assert version["sha256"] == "a" * 64
    assert version["files"][0]["sha256"] == "b" * 64
    assert version["files"][0]["url"].endswith("/c/open-city/report.json?version=1")


def test_the_draw_is_public_record(client, seeded):
    draw = client.get(BASE + "/selection").get_json()
    assert draw["list_hash"] == "c" * 64 and draw["drawn_index"] == 1
    assert {q["value"]: q["in_panel"] for q in draw["quotas"]} == {"f": 2, "m": 2}
    assert "Name1" not in client.get(BASE + "/selection").get_data(as_text=True)


def test_briefings_link_their_files_with_their_hashes(client, seeded):
    briefing = client.get(BASE + "/topics").get_json()["items"][0]["briefings"][0]
    assert "author" not in str(briefing)
    stored = briefing["files"][0]
    assert stored["sha256"] == "d" * 64
    assert stored["url"].startswith("http://convention.test/c/open-city/files/")


def test_an_unpublished_draw_answers_404(client, seeded):
    make_convention(slug="undrawn", public=True)
    assert client.get("/api/v1/conventions/undrawn/selection").status_code == 404


def test_sessions_show_their_public_parts_only(client, seeded):
    session = client.get(BASE + "/sessions").get_json()["items"][0]
    assert session["id"] == seeded.session.id
    assert "online_url" not in session


def test_pages_follow_next_links_in_a_stable_order(client, app):
    for n in range(5):
        make_convention(slug=f"city-{n}", public=True)
    seen, url = [], "/api/v1/conventions?limit=2"
    while url:
        body = client.get(url).get_json()
        assert len(body["items"]) <= 2
        seen += [c["slug"] for c in body["items"]]
        url = body["next"]
    assert seen == [f"city-{n}" for n in range(5)]


def test_an_etag_answers_304_when_nothing_changed(client, seeded):
    first = client.get(BASE)
    etag = first.headers["ETag"]
    again = client.get(BASE, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    db.session.execute(
        sa.update(Convention).where(Convention.slug == seeded.slug).values(title="Renamed")
    )
    db.session.commit()
    assert client.get(BASE, headers={"If-None-Match": etag}).status_code == 200


def test_any_site_may_read_without_credentials(client, seeded):
    response = client.get(BASE, headers={"Origin": "https://newsroom.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert client.get("/api/v1/nowhere").headers["Access-Control-Allow-Origin"] == "*"


def test_errors_are_json(client, seeded):
    missing = client.get("/api/v1/nowhere")
    assert missing.status_code == 404 and missing.is_json
    refused = client.get("/api/v1/conventions?limit=1000")
    assert refused.status_code == 400 and "limit" in refused.get_json()["errors"]["query"]
    assert client.post("/api/v1/conventions").status_code == 405


def test_too_many_requests_answer_429_as_json(client, app, seeded):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    paths = ["", "/topics", "/ballots", "/sessions"]
    statuses = [client.get(BASE + path).status_code for path in paths]
    assert statuses == [200, 200, 200, 429]  # one budget across every operation
    assert client.get(BASE).get_json()["status"] == 429


def test_the_spec_documents_every_operation_with_404_and_429(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert len(spec["paths"]) == 10
    for operations in spec["paths"].values():
        assert {"404", "429", "304"} <= set(operations["get"]["responses"])


def test_the_docs_page_lists_operations_without_javascript_and_api_points_to_it(client):
    assert client.get("/api").location.endswith("/api/v1/docs")
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "GET /api/v1/conventions/{convention_slug}/ballots" in page
    assert "<code>convention_slug</code></td><td>path</td><td>The convention" in page
    assert "<code>If-None-Match</code>" in page and "Not Modified" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script; page.js enhances


def test_lists_cost_the_same_queries_whatever_their_length(client, seeded, count_queries):
    from tests.factories import make_briefing, make_recommendation, make_topic

    def counted(path: str) -> int:
        with count_queries() as statements:
            assert client.get(BASE + path).status_code == 200
        return len(statements)

    before = {p: counted(p) for p in ("/topics", "/recommendations", "/council-answers")}
    convention = db.session.scalar(sa.select(Convention).where(Convention.slug == seeded.slug))
    for n in range(5):
        topic = make_topic(convention, title=f"Topic {n}")
        make_briefing(topic, seeded.facilitator)
        make_recommendation(topic, seeded.citizens[0], state="adopted", title=f"R{n}")
    assert {p: counted(p) for p in before} == before
