"""Amendments: proposed by any citizen, decided by the authors only, stale and conflicts shown."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Amendment, RecommendationVersion
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_amendment,
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_topic,
)


def setup():
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS)
    topic = make_topic(convention)
    author = make_member(convention, pseudonym="Ana")
    group = make_group(convention, members=[author], topics=[topic])
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    return convention, author, recommendation


def versions(recommendation):
    return db.session.scalars(
        sa.select(RecommendationVersion).where(
            RecommendationVersion.recommendation_id == recommendation.id
        )
    ).all()


def test_a_citizen_amends_one_paragraph(client, login_as):
    convention, author, recommendation = setup()
    login_as(make_member(convention, pseudonym="Bo").user)
    url = f"/c/ai/recommendations/{recommendation.id}/amendments/new"
    assert "Paragraph 2: It explains each one." in client.get(url).text
    response = client.post(
        url, data={"paragraph": 1, "new_text": "It explains each one simply.", "justification": "X"}
    )
    assert response.status_code == 303
    amendment = db.session.scalar(sa.select(Amendment))
    assert amendment.paragraph == 1 and amendment.base_text == "It explains each one."
    page = client.get(response.location).text
    assert "<ins>" in page and "simply" in page


def test_accepting_makes_exactly_one_version_crediting_the_amendment(client, login_as):
    convention, author, recommendation = setup()
    amendment = make_amendment(recommendation, make_member(convention), paragraph=0)
    login_as(author.user)
    assert client.post(f"/c/ai/amendments/{amendment.id}/accept").status_code == 303
    found = versions(recommendation)
    assert len(found) == 2 and found[-1].amendment_id == amendment.id
    assert found[-1].body == "New words.\n\nIt explains each one."
    db.session.refresh(amendment)
    assert amendment.state == "accepted"
    assert client.post(f"/c/ai/amendments/{amendment.id}/accept").status_code == 303
    assert len(versions(recommendation)) == 2


def test_a_stale_amendment_on_a_changed_paragraph_cannot_be_accepted(client, login_as):
    convention, author, recommendation = setup()
    first = make_amendment(recommendation, make_member(convention), paragraph=0, new_text="One.")
    second = make_amendment(recommendation, make_member(convention), paragraph=0, new_text="Two.")
    other_paragraph = make_amendment(recommendation, make_member(convention), paragraph=1)
    login_as(author.user)
    assert "change the same wording" in client.get(f"/c/ai/amendments/{first.id}").text
    response = client.post(f"/c/ai/amendments/{first.id}/accept", follow_redirects=True)
    assert "now conflict" in response.text
    response = client.post(f"/c/ai/amendments/{second.id}/accept", follow_redirects=True)
    assert "has changed since" in response.text
    assert len(versions(recommendation)) == 2
    assert client.post(f"/c/ai/amendments/{other_paragraph.id}/accept").status_code == 303
    assert len(versions(recommendation)) == 3


def test_only_authors_decide_not_the_proposer_nor_a_facilitator(client, login_as):
    convention, author, recommendation = setup()
    proposer = make_member(convention)
    amendment = make_amendment(recommendation, proposer)
    for member in (proposer, make_member(convention, role=Role.FACILITATOR)):
        login_as(member.user)
        client.post(f"/c/ai/amendments/{amendment.id}/accept")
        client.post(f"/c/ai/amendments/{amendment.id}/reject", data={"reason": "No way"})
    db.session.refresh(amendment)
    assert amendment.state == "open" and len(versions(recommendation)) == 1


def test_a_rejected_amendment_can_be_put_to_the_vote(client, login_as):
    convention, author, recommendation = setup()
    amendment = make_amendment(recommendation, make_member(convention))
    login_as(author.user)
    response = client.post(
        f"/c/ai/amendments/{amendment.id}/reject",
        data={"reason": "We prefer ours.", "put_to_vote": "y"},
    )
    assert response.status_code == 303
    db.session.refresh(amendment)
    assert (amendment.state, amendment.put_to_vote) == ("rejected", True)
    assert "The panel will vote on this amendment." in client.get(response.location).text


def test_amendments_are_commented_on(client, login_as):
    convention, author, recommendation = setup()
    amendment = make_amendment(recommendation, make_member(convention))
    login_as(author.user)
    response = client.post(
        f"/c/ai/amendments/{amendment.id}/comments", data={"stance": "against", "body": "Too vague"}
    )
    assert response.status_code == 303 and f"/amendments/{amendment.id}" in response.location
    assert "Too vague" in client.get(response.location).text


def test_no_amendment_outside_the_amendment_phase(client, login_as):
    convention, author, recommendation = setup()
    convention.phase = Phase.DRAFTING
    db.session.commit()
    login_as(make_member(convention).user)
    url = f"/c/ai/recommendations/{recommendation.id}/amendments/new"
    assert client.get(url).status_code == 403
