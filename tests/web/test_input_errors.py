"""Bad input gets a clear 4xx in the reader's language, never a 5xx, and keeps what was typed."""

import pytest

from convention.extensions import db
from convention.models import Briefing, WorkingGroup
from convention.models.recommendations import recommendation_briefings
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_briefing,
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_topic,
)

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9"}


@pytest.fixture
def room(app):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention)
    topic = make_topic(convention)
    return convention, facilitator, citizen, topic


@pytest.mark.parametrize(
    ("headers", "message"),
    [({}, "Remove the invisible control characters"), (FRENCH, "Retirez les caractères")],
)
def test_a_nul_byte_in_a_citizen_form_is_refused_in_the_readers_language(
    client, login_as, room, headers, message
):
    _, _, citizen, topic = room
    login_as(citizen.user)
    response = client.post(
        f"/c/ai/topics/{topic.id}/comments",
        data={"body": "Cameras\x00 everywhere, really?", "stance": "question"},
        headers=headers,
    )
    assert response.status_code == 422
    assert message in response.text
    assert "everywhere, really?" in response.text  # what was typed comes back


def test_multi_line_text_keeps_tabs_and_line_breaks(client, login_as, room):
    _, _, citizen, topic = room
    login_as(citizen.user)
    body = "First line\r\n\tindented second line"
    response = client.post(
        f"/c/ai/topics/{topic.id}/comments", data={"body": body, "stance": "remark"}
    )
    assert response.status_code in (302, 303)


def test_a_name_refuses_direction_controls(client, login_as, room):
    _, facilitator, _, topic = room
    login_as(facilitator.user)
    response = client.post(
        "/c/ai/groups/new", data={"name": "Atelier \u202eA", "topics": [str(topic.id)]}
    )
    assert response.status_code == 422
    assert "Remove the invisible or control characters" in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(WorkingGroup)) == 0


@pytest.mark.parametrize("number", [2**31 - 1, 2**31, 10**20])
def test_an_id_beyond_what_columns_hold_answers_404(client, login_as, room, number):
    login_as(room[2].user)
    assert client.get(f"/c/ai/topics/{number}").status_code == 404
    assert client.post(f"/c/ai/topics/{number}/comments", data={"body": "x"}).status_code == 404


def test_a_slug_with_a_nul_byte_answers_404(client):
    assert client.get("/c/a%00i/").status_code == 404


@pytest.mark.parametrize("page", [str(10**20), "²", "1e3", "1_000"])
def test_an_impossible_page_number_answers_400(client, login_as, room, page):
    _, facilitator, _, topic = room
    login_as(facilitator.user)
    assert client.get(f"/c/ai/topics/{topic.id}", query_string={"page": page}).status_code == 400
    assert client.get("/c/ai/audit", query_string={"page": page}).status_code == 400
    assert client.get("/c/ai/recommendations", query_string={"topic": page}).status_code == 400


def test_a_page_past_the_end_is_an_empty_page(client, login_as, room):
    _, facilitator, _, topic = room
    login_as(facilitator.user)
    assert client.get(f"/c/ai/topics/{topic.id}?page=2147483647").status_code == 200


def test_a_session_in_the_hour_skipped_for_summer_time_is_a_form_error(client, login_as, room):
    login_as(room[1].user)
    response = client.post(
        "/c/ai/sessions/new",
        data={"title": "Plenary", "starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T05:00"},
    )
    assert response.status_code == 422
    assert "This time does not exist here" in response.text
    assert 'value="Plenary"' in response.text


@pytest.mark.parametrize("when", ["0001-01-01T10:00", "9999-12-31T23:59"])
def test_a_date_no_convention_means_is_a_form_error(client, login_as, room, when):
    login_as(room[1].user)
    response = client.post(
        "/c/ai/sessions/new", data={"title": "Plenary", "starts_at": when, "ends_at": when}
    )
    assert response.status_code == 422
    assert "Give a date between the years 1900 and 2200" in response.text


def test_a_ballot_closing_before_it_opens_is_a_form_error(client, login_as, room):
    login_as(room[1].user)
    data = {
        "title": "Charter",
        "method": "approval",
        "majority": "expressed",
        "threshold": "pct",
        "quorum_percent": "0",
        "opens_at": "2027-05-03T19:00",
        "closes_at": "2027-05-03T18:00",
    }
    response = client.post("/c/ai/ballots/new", data=data)
    assert response.status_code == 422
    assert "The ballot must close after it opens." in response.text
    assert "Give the percentage of votes for needed." in response.text


def test_a_duplicate_group_name_is_a_form_error(client, login_as, room):
    convention, facilitator, _, topic = room
    make_group(convention, name="Atelier A", topics=[topic])
    login_as(facilitator.user)
    response = client.post(
        "/c/ai/groups/new", data={"name": "Atelier A", "topics": [str(topic.id)]}
    )
    assert response.status_code == 422
    assert "Another working group already has this name" in response.text


def test_a_username_longer_than_accounts_hold_is_a_form_error(client, login_as, room):
    login_as(room[1].user)
    response = client.post(
        "/c/ai/members/new",
        data={
            "display_name": "Walk In",
            "login": "w" * 65,
            "pseudonym": "Walk",
            "password": "a long enough secret",
            "role": "citizen",
            "charter": "y",
        },
    )
    assert response.status_code == 422
    assert "A username has at most 64 characters." in response.text


def test_an_unknown_convention_language_is_a_form_error(client, login_as, room):
    login_as(room[1].user)
    response = client.post(
        "/c/ai/settings",
        data={"title": "AI", "mandate": "Why?", "time_zone": "Europe/Paris", "languages": "zz"},
    )
    assert response.status_code == 422
    assert "This platform is not translated into zz." in response.text


def test_a_briefing_a_recommendation_cites_cannot_be_withdrawn(client, login_as, room):
    _, facilitator, citizen, topic = room
    briefing = make_briefing(topic, facilitator)
    recommendation = make_recommendation(topic, citizen)
    db.session.execute(
        recommendation_briefings.insert().values(
            recommendation_id=recommendation.id, briefing_id=briefing.id
        )
    )
    db.session.commit()
    login_as(facilitator.user)
    response = client.post(f"/c/ai/briefings/{briefing.id}/delete", headers=FRENCH)
    assert response.status_code == 409
    assert "R-1" in response.text and 'lang="fr"' in response.text
    assert "cannot be withdrawn" not in response.text  # said in French
    assert db.session.get(Briefing, briefing.id) is not None
    english = client.post(f"/c/ai/briefings/{briefing.id}/delete")
    assert "recommendations R-1 cite it as evidence" in english.text
