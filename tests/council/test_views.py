"""The council answers, members reply once, and the public reads the accountability pages."""

from datetime import date

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, CouncilResponse, Notification, ResponseReply
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_response,
    make_topic,
    make_update,
)


@pytest.fixture
def setting(app):
    convention = make_convention(slug="ai", public=True, phase=Phase.COUNCIL_RESPONSE)
    topic = make_topic(convention)
    writer = make_member(convention)
    group = make_group(convention, members=[writer], topics=[topic])
    adopted = make_recommendation(
        topic, writer, group=group, title="Open algorithms", state="adopted"
    )
    council = make_member(convention, role=Role.COUNCIL)
    return convention, adopted, writer, council


ANSWER = {
    "debated_on": "2024-04-11",
    "votes_for": "40",
    "votes_against": "5",
    "votes_abstain": "2",
    "decision": "adopted_with_changes",
    "reasons": "The budget allows a first step.",
    "department": "Digital services",
    "deadline": "2025-06-30",
}


def test_a_council_member_answers_and_the_authors_are_notified(client, login_as, setting):
    convention, adopted, writer, council = setting
    login_as(council.user)
    response = client.post(f"/c/ai/recommendations/{adopted.id}/response", data=ANSWER)
    assert response.status_code == 303
    answer = db.session.scalar(sa.select(CouncilResponse))
    assert (answer.votes_for, answer.decision, answer.deadline) == (
        40,
        "adopted_with_changes",
        date(2025, 6, 30),
    )
    notified = db.session.scalars(sa.select(Notification.user_id)).all()
    assert notified == [writer.user_id]
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action.like("council%")))


def test_reasons_are_required_except_for_plain_adoption(client, login_as, setting):
    _, adopted, _, council = setting
    login_as(council.user)
    url = f"/c/ai/recommendations/{adopted.id}/response"
    refused = client.post(url, data=ANSWER | {"decision": "rejected", "reasons": ""})
    assert refused.status_code == 422
    assert db.session.scalar(sa.select(CouncilResponse)) is None
    accepted = client.post(url, data=ANSWER | {"decision": "adopted", "reasons": ""})
    assert accepted.status_code == 303


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.FACILITATOR, Role.EXPERT, Role.OBSERVER])
def test_only_council_members_answer(client, login_as, setting, role):
    convention, adopted, _, _ = setting
    login_as(make_member(convention, role=role).user)
    url = f"/c/ai/recommendations/{adopted.id}/response"
    assert client.post(url, data=ANSWER).status_code == 403


def test_a_citizen_replies_once_per_answer(client, login_as, setting):
    convention, adopted, writer, council = setting
    answer = make_response(adopted, council)
    login_as(writer.user)
    url = f"/c/ai/responses/{answer.id}/replies"
    assert client.post(url, data={"body": "Thank you, we will watch."}).status_code == 303
    assert client.post(url, data={"body": "Again."}).status_code == 409
    assert len(db.session.scalars(sa.select(ResponseReply)).all()) == 1
    assert "Thank you, we will watch." in client.get(f"/c/ai/responses/{answer.id}").text


def test_the_council_adds_implementation_updates(client, login_as, setting):
    _, adopted, _, council = setting
    answer = make_response(adopted, council)
    login_as(council.user)
    url = f"/c/ai/responses/{answer.id}/updates"
    done = {"status": "completed", "percent": "90", "noted_on": "2024-09-01", "note": "Done."}
    assert client.post(url, data=done).status_code == 422
    assert client.post(url, data=done | {"percent": "100"}).status_code == 303
    db.session.refresh(answer)
    assert answer.status == "completed" and answer.percent == 100


def test_anonymous_visitors_read_the_public_pages_of_a_public_convention(client, setting):
    _, adopted, _, council = setting
    answer = make_response(
        adopted, council, decision="referred", reasons="Study.", deadline=date(2024, 1, 1)
    )
    page = client.get("/c/ai/accountability")
    assert page.status_code == 200
    assert "Open algorithms" in page.text and "Overdue" in page.text
    assert client.get(f"/c/ai/responses/{answer.id}").status_code == 200
    assert client.get("/c/ai/transparency").status_code == 200
    assert client.get(f"/c/ai/responses/{answer.id}/replies").status_code == 405


def test_private_conventions_keep_their_pages_from_visitors(client, app):
    make_convention(slug="closed", public=False)
    assert client.get("/c/closed/accountability").status_code == 302
    assert client.get("/c/closed/transparency").status_code == 302


def test_the_accountability_page_filters_by_allow_listed_values(client, setting):
    convention, adopted, writer, council = setting
    other = make_recommendation(
        make_topic(convention), writer, title="Train the staff", state="adopted"
    )
    answer = make_response(adopted, council, decision="adopted", deadline=date(2024, 1, 1))
    make_update(answer, council, status="in_progress", percent=30)
    overdue = client.get("/c/ai/accountability?overdue=1").text
    assert "Open algorithms" in overdue and "Train the staff" not in overdue
    pending = client.get("/c/ai/accountability?decision=pending").text
    assert "Train the staff" in pending and "Open algorithms" not in pending
    assert other.title in client.get("/c/ai/accountability?decision=<script>").text
    assert "<script>" not in client.get("/c/ai/accountability?status=<script>").text


def test_names_in_replies_are_escaped(client, setting):
    convention, adopted, _, council = setting
    answer = make_response(adopted, council)
    member = make_member(convention)
    member.pseudonym = "<img src=x onerror=alert(1)>"
    db.session.add(
        ResponseReply(
            convention_id=convention.id, response_id=answer.id, membership_id=member.id, body="Hi"
        )
    )
    db.session.commit()
    page = client.get(f"/c/ai/responses/{answer.id}").text
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_another_conventions_answer_is_not_found(client, setting):
    _, adopted, _, council = setting
    answer = make_response(adopted, council)
    make_convention(slug="other", public=True)
    assert client.get(f"/c/other/responses/{answer.id}").status_code == 404
