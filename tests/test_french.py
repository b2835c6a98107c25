"""Every word in the reader's language: French pages, letters and messages, with French grammar."""

from datetime import timedelta

import sqlalchemy as sa

from convention import audit
from convention.extensions import db
from convention.models import AuditEvent, BallotItem, ItemKind, OutboxMessage
from convention.rules.policy import Role
from tests.factories import (
    make_amendment,
    make_ballot,
    make_convention,
    make_invitation,
    make_member,
    make_question,
    make_recommendation,
    make_session,
    make_topic,
)

FR = {"Accept-Language": "fr"}


def test_a_form_error_summary_is_in_french(client):
    page = client.post("/login", data={"login": "", "password": ""}, headers=FR)
    assert page.status_code == 422
    assert "Veuillez corriger ce qui suit :" in page.text


def test_the_login_required_message_is_in_french(client):
    page = client.get("/account", headers=FR, follow_redirects=True)
    assert "Veuillez vous connecter pour accéder à cette page." in page.text
    assert "Please log in" not in page.text


def _convention_with(role: Role, pseudonym: str = "Alice"):
    """A convention on its `ai` slug, and a member of `role` signed in speaking French."""
    convention = make_convention(slug="ai")
    member = make_member(convention, role=role, pseudonym=pseudonym)
    member.user.locale = "fr"
    db.session.commit()
    return convention, member


def test_attendance_counts_agree_in_number(client, login_as):
    convention, facilitator = _convention_with(Role.FACILITATOR)
    login_as(facilitator.user)
    ana, bo, cy = (make_member(convention, pseudonym=name) for name in ("Ana", "Bo", "Cy"))
    session = make_session(convention, starts_in=timedelta(hours=-2))
    statuses = {f"status-{ana.id}": "excused", f"status-{bo.id}": "absent"}
    client.post(
        f"/c/ai/sessions/{session.id}/attendance", data=statuses | {f"status-{cy.id}": "absent"}
    )
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert "0 présent·e, 1 excusé·e, 2 absent·es." in page


def test_a_diff_counts_one_word_and_two_words(client, login_as):
    convention, author = _convention_with(Role.CITIZEN)
    recommendation = make_recommendation(make_topic(convention), author, body="Publish the code.")
    login_as(author.user)
    url = f"/c/ai/recommendations/{recommendation.id}"
    client.post(
        f"{url}/edit", data={"title": recommendation.title, "body": "Publish all new code."}
    )
    history = client.get(f"{url}/history").text
    assert "2 mots ajoutés, 1 mot supprimé." in history


def test_a_question_by_a_name_starting_with_a_vowel_reads_well(client, login_as):
    convention, member = _convention_with(Role.CITIZEN, pseudonym="Églantine")
    topic = make_topic(convention)
    make_question(topic, member)
    login_as(member.user)
    page = client.get(f"/c/ai/topics/{topic.id}").text
    assert "Question posée par Églantine le" in page and "de Églantine" not in page


def test_a_letter_printed_by_an_english_facilitator_is_in_the_conventions_language(
    client, login_as
):
    convention, facilitator = _convention_with(Role.FACILITATOR)
    facilitator.user.locale = "en"
    db.session.commit()
    login_as(facilitator.user)
    data = {"name": "Zoé", "email": "zoe@example.org", "role": "citizen"}
    page = client.post("/c/ai/invitations", data=data).text
    assert "1 invitation ready" in page
    assert '<article class="letter" lang="fr">' in page
    assert "Nous vous invitons à participer à Convention on AI." in page
    assert "Ce code ne peut servir qu'une fois" in page
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert mail.subject == "Invitation\u00a0: Convention on AI"


def test_the_audit_log_says_each_event_in_french_and_keeps_its_code(client, login_as):
    convention, facilitator = _convention_with(Role.FACILITATOR)
    newcomer = make_member(convention, pseudonym="Zoé")
    invitation, _token, _code = make_invitation(convention)
    audit.record(
        newcomer.user, "invitation.accepted", invitation, convention=convention, role="citizen"
    )
    db.session.commit()
    login_as(facilitator.user)
    page = client.get("/c/ai/audit").text
    assert "a accepté une invitation (rôle : Citoyen·ne)" in page
    assert "invitation.accepted" not in page and "role=citizen" not in page
    assert db.session.scalar(sa.select(AuditEvent.action)) == "invitation.accepted"


def test_a_first_version_is_labelled_in_french(client, login_as):
    convention, author = _convention_with(Role.CITIZEN)
    recommendation = make_recommendation(make_topic(convention), author)
    login_as(author.user)
    history = client.get(f"/c/ai/recommendations/{recommendation.id}/history").text
    assert "Premier brouillon" in history and "First draft" not in history


def test_an_amendment_on_a_ballot_is_named_in_the_readers_language(client, login_as):
    convention, facilitator = _convention_with(Role.FACILITATOR)
    recommendation = make_recommendation(make_topic(convention), facilitator, state="final")
    amendment = make_amendment(recommendation, facilitator)
    ballot = make_ballot(convention, facilitator, questions=())
    db.session.add(
        BallotItem(
            ballot_id=ballot.id,
            convention_id=convention.id,
            position=1,
            kind=ItemKind.AMENDMENT,
            amendment_id=amendment.id,
        )
    )
    db.session.commit()
    login_as(facilitator.user)
    french = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert f"Amendement {amendment.id} à {recommendation.reference}" in french
    facilitator.user.locale = "en"
    db.session.commit()
    english = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert f"Amendment {amendment.id} to {recommendation.reference}" in english
