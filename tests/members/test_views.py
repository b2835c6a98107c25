"""Facilitators manage the panel: invitations, files of invitees, roles, deactivation."""

import io
import re

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Invitation, Membership, OutboxMessage, User
from convention.rules.invitations import InvitationState
from convention.rules.policy import Role
from tests.factories import make_convention, make_invitation, make_member


def facilitated(login_as, slug="ai"):
    convention = make_convention(slug=slug)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    login_as(facilitator.user)
    return convention, facilitator


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def upload(client, text: str):
    data = {"file": (io.BytesIO(text.encode("utf-8")), "people.csv")}
    return client.post("/c/ai/invitations/import", data=data, content_type="multipart/form-data")


def test_inviting_by_email_sends_a_link_and_shows_the_letter_once(client, login_as, mailbox):
    facilitated(login_as)
    response = client.post(
        "/c/ai/invitations", data={"name": "Zoé", "email": "Zoe@Example.org", "role": "citizen"}
    )
    assert response.status_code == 200
    code = re.search(r'class="code">([A-Z0-9-]+)<', response.text).group(1)
    [sent] = mailbox
    assert sent["recipient"] == "zoe@example.org"
    assert code in sent["body"] and "/join/" in sent["body"]
    # The outbox says a link and a code were sent, to whom, but keeps neither.
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert mail.recipient == "zoe@example.org" and "/join/••••••" in mail.body
    assert code not in mail.body and mail.secret_body is None
    invitation = db.session.scalar(sa.select(Invitation))
    assert code.replace("-", "") not in (invitation.code_hash, invitation.token_hash)
    assert code not in client.get("/c/ai/invitations").text


def test_inviting_someone_without_email_prints_a_code(client, login_as):
    facilitated(login_as)
    response = client.post(
        "/c/ai/invitations", data={"name": "Lou", "email": "", "role": "citizen"}
    )
    assert re.search(r'class="code">[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}<', response.text)
    assert count(OutboxMessage) == 0


def test_an_active_member_cannot_be_invited_twice(client, login_as):
    convention, _ = facilitated(login_as)
    member = make_member(convention)
    response = client.post(
        "/c/ai/invitations", data={"name": "X", "email": member.user.email, "role": "citizen"}
    )
    assert response.status_code == 422
    assert "already a member" in response.text


def test_a_csv_invites_everyone_in_french_or_english(client, login_as):
    facilitated(login_as)
    text = (
        "Courriel;Nom;Rôle\n"
        "ana@example.org;Ana;citoyenne\n;Lou Letter;citizen\nbo@example.org;Bo;expert\n"
    )
    response = upload(client, text)
    assert response.status_code == 200
    assert response.text.count('class="code"') == 3
    roles = dict(db.session.execute(sa.select(Invitation.name, Invitation.role)).all())
    assert roles == {"Ana": Role.CITIZEN, "Lou Letter": Role.CITIZEN, "Bo": Role.EXPERT}


def test_a_csv_invites_everyone_in_german(client, login_as):
    facilitated(login_as)
    text = "E-Mail;Name;Rolle\nana@example.org;Ana;Bürgerin\n;Lou;Moderator:in\n;Bo;Expertin\n"
    response = upload(client, text)
    assert response.status_code == 200
    roles = dict(db.session.execute(sa.select(Invitation.name, Invitation.role)).all())
    assert roles == {"Ana": Role.CITIZEN, "Lou": Role.FACILITATOR, "Bo": Role.EXPERT}


def test_a_csv_with_bad_rows_reports_each_line_and_imports_nothing(client, login_as):
    convention, _ = facilitated(login_as)
    member = make_member(convention)
    text = (
        "email,name,role\n"
        "good@example.org,Good,citizen\n"
        "not-an-email,Bad Email,citizen\n"
        "other@example.org,,citizen\n"
        "third@example.org,Third,mayor\n"
        "good@example.org,Twice,citizen\n"
        f"{member.user.email},Member,citizen\n"
    )
    response = upload(client, text)
    assert response.status_code == 422
    assert "Line 3:" in response.text and "not a valid email" in response.text
    assert "Line 4:" in response.text and "name is missing" in response.text
    assert "Line 5:" in response.text and "Unknown role" in response.text
    assert "Line 6:" in response.text and "appears twice" in response.text
    assert "Nobody was invited" in response.text
    assert count(Invitation) == 0 and count(OutboxMessage) == 0


def test_members_already_in_the_convention_are_reported_by_line(client, login_as):
    convention, _ = facilitated(login_as)
    member = make_member(convention)
    response = upload(
        client, f"email,name,role\nnew@example.org,New,citizen\n{member.user.email},M,citizen\n"
    )
    assert response.status_code == 422
    assert "Line 3:" in response.text and "already a member" in response.text
    assert count(Invitation) == 0


def test_a_file_without_header_or_in_another_encoding_is_explained(client, login_as):
    facilitated(login_as)
    assert "first line must name the columns" in upload(client, "ana@example.org,Ana\n").text
    data = {"file": (io.BytesIO(b"email,name\n\x81,\x8d"), "x.csv")}
    response = client.post(
        "/c/ai/invitations/import", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 422 and "UTF-8" in response.text


def test_resending_replaces_the_link_and_code(client, login_as):
    convention, _ = facilitated(login_as)
    invitation, token, code = make_invitation(convention)
    response = client.post(f"/c/ai/invitations/{invitation.id}/resend")
    assert response.status_code == 200
    client.post("/logout")
    assert client.get(f"/join/{token}").status_code == 404
    assert client.post("/join", data={"code": code}).status_code == 422
    new_code = re.search(r'class="code">([A-Z0-9-]+)<', response.text).group(1)
    assert client.post("/join", data={"code": new_code}).status_code == 302
    assert invitation.sent_count == 2


def test_revoking_stops_the_invitation_and_is_audited(client, login_as):
    convention, _ = facilitated(login_as)
    invitation, token, _ = make_invitation(convention)
    assert client.post(f"/c/ai/invitations/{invitation.id}/revoke").status_code == 303
    assert invitation.state() is InvitationState.REVOKED
    assert "Revoked" in client.get("/c/ai/invitations").text
    assert (
        db.session.scalar(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc()))
        == "invitation.revoked"
    )


def test_the_invitation_list_shows_each_state(client, login_as):
    convention, _ = facilitated(login_as)
    make_invitation(convention, name="Pending Person")
    page = client.get("/c/ai/invitations").text
    assert "Pending Person" in page and "Pending" in page


def test_changing_a_role_is_audited(client, login_as):
    convention, _ = facilitated(login_as)
    member = make_member(convention)
    response = client.post(f"/c/ai/members/{member.id}/role", data={"role": "observer"})
    assert response.status_code == 303
    assert member.role is Role.OBSERVER
    event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.details == {"before": "citizen", "after": "observer"}


def test_the_last_facilitator_cannot_step_down(client, login_as):
    _, facilitator = facilitated(login_as)
    response = client.post(f"/c/ai/members/{facilitator.id}/role", data={"role": "citizen"})
    assert response.status_code == 303
    db.session.expire_all()
    assert facilitator.role is Role.FACILITATOR
    assert client.post(f"/c/ai/members/{facilitator.id}/deactivate").status_code == 303
    db.session.expire_all()
    assert facilitator.active


def test_a_deactivated_member_loses_access_but_keeps_their_account(client, login_as):
    convention, _ = facilitated(login_as)
    member = make_member(convention)
    client.post(f"/c/ai/members/{member.id}/deactivate")
    client.post("/logout")
    login_as(member.user)
    assert client.get("/c/ai/").status_code == 403
    assert "Convention on AI" not in client.get("/").text
    assert count(User) == 2


def test_in_person_onboarding_creates_an_account_that_signs_in(client, login_as):
    facilitated(login_as)
    response = client.post(
        "/c/ai/members/new",
        data={
            "display_name": "Marcel",
            "login": "marcel",
            "pseudonym": "Marcel",
            "password": "chosen by marcel",
            "role": "citizen",
            "charter": "y",
        },
    )
    assert response.status_code == 302
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "membership.onboarded_in_person" in actions
    client.post("/logout")
    assert (
        client.post("/login", data={"login": "Marcel", "password": "chosen by marcel"}).status_code
        == 302
    )
    assert client.get("/c/ai/").status_code == 200


def test_ids_from_another_convention_answer_404(client, login_as):
    facilitated(login_as, slug="ai")
    other = make_convention(slug="other")
    stranger = make_member(other)
    invitation, _, _ = make_invitation(other)
    assert (
        client.post(f"/c/ai/members/{stranger.id}/role", data={"role": "observer"}).status_code
        == 404
    )
    assert client.post(f"/c/ai/members/{stranger.id}/deactivate").status_code == 404
    assert client.post(f"/c/ai/invitations/{invitation.id}/revoke").status_code == 404
    assert client.post(f"/c/ai/invitations/{invitation.id}/resend").status_code == 404
    assert stranger.role is Role.CITIZEN and stranger.active


def test_membership_is_unique_per_user_and_convention(app):
    convention = make_convention()
    member = make_member(convention)
    db.session.add(
        Membership(
            user_id=member.user_id, convention_id=convention.id, role=Role.CITIZEN, pseudonym="x"
        )
    )
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
