"""Joining by invitation: by link or printed code, once, before expiry, never once revoked."""

from datetime import timedelta

import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.models import AuditEvent, Membership, User
from convention.rules.policy import Role
from tests.factories import PASSWORD, make_convention, make_invitation, make_member, make_user

NEW_ACCOUNT = {
    "display_name": "Nadia Example",
    "password": "a long enough password",
    "confirm": "a long enough password",
    "pseudonym": "Nadia",
    "charter": "y",
}


def accept(client, path: str, **overrides):
    """Open an invitation at `path` and accept it with a new account."""
    opened = client.get(path)
    assert opened.status_code == 302
    return client.post("/join/invitation", data=NEW_ACCOUNT | overrides)


def membership_of(email: str) -> Membership | None:
    return db.session.scalar(sa.select(Membership).join(User).where(User.email == email))


def test_an_emailed_link_creates_the_account_and_membership(client):
    convention = make_convention(slug="ai")
    invitation, token, _ = make_invitation(convention, email="nadia@example.org", role=Role.EXPERT)

    response = accept(client, f"/join/{token}")

    assert response.status_code == 302
    assert response.location.endswith("/c/ai/")
    membership = membership_of("nadia@example.org")
    assert membership.role is Role.EXPERT
    assert membership.pseudonym == "Nadia"
    assert membership.charter_accepted_at is not None
    assert "Nadia" in client.get("/c/ai/").text  # signed in straight away
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "invitation.accepted" in actions


def test_the_token_leaves_the_address_bar(client):
    convention = make_convention()
    _, token, _ = make_invitation(convention)
    response = client.get(f"/join/{token}")
    assert response.location == "/join/invitation"
    assert token not in response.location


def test_a_printed_code_works_typed_in_lower_case_with_spaces(client):
    convention = make_convention(slug="ai")
    _, _, code = make_invitation(convention, email=None, name="Lou Letter")
    typed = " ".join([code[:4].lower(), code[4:8], code[8:]])

    assert client.post("/join", data={"code": typed}).status_code == 302
    page = client.get("/join/invitation")
    assert "Lou" in page.text
    response = client.post("/join/invitation", data=NEW_ACCOUNT | {"username": "lou.letter"})

    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.username == "lou.letter"))
    assert user is not None and user.email is None
    client.post("/logout")
    login = client.post("/login", data={"login": "LOU.LETTER", "password": NEW_ACCOUNT["password"]})
    assert login.status_code == 302


def test_without_email_a_username_is_required(client):
    convention = make_convention()
    _, _, code = make_invitation(convention, email=None)
    client.post("/join", data={"code": code})
    response = client.post("/join/invitation", data=NEW_ACCOUNT)
    assert response.status_code == 422
    assert "Choose a username" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_wrong_code_is_refused_with_a_message(client):
    response = client.post("/join", data={"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 422
    assert "not valid" in response.text


def test_an_invitation_works_once(client):
    convention = make_convention()
    _, token, code = make_invitation(convention)
    assert accept(client, f"/join/{token}").status_code == 302
    client.post("/logout")

    again = accept(client, f"/join/{token}", display_name="Intruder")
    assert again.status_code == 410
    client.post("/join", data={"code": code})
    assert client.get("/join/invitation").status_code == 410
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_an_expired_invitation_cannot_be_used(client):
    convention = make_convention()
    invitation, token, _ = make_invitation(convention)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = accept(client, f"/join/{token}")
    assert response.status_code == 410
    assert "expired" in response.text
    assert membership_of("invitee@example.org") is None


def test_a_revoked_invitation_cannot_be_used(client):
    convention = make_convention()
    invitation, token, _ = make_invitation(convention)
    invitation.revoked_at = utcnow()
    db.session.commit()
    assert accept(client, f"/join/{token}").status_code == 410
    assert membership_of("invitee@example.org") is None


def test_an_unknown_link_answers_404(client):
    assert client.get("/join/not-a-token").status_code == 404


def test_an_existing_account_joins_a_second_convention_after_signing_in(client, login_as):
    first, second = make_convention(slug="first"), make_convention(slug="second")
    member = make_member(first, user=make_user(email="sam@example.org"))
    _, token, _ = make_invitation(second, email="sam@example.org")

    response = client.get(f"/join/{token}", follow_redirects=True)
    assert "sign in to join" in response.text
    client.post(
        "/login?next=/join/invitation", data={"login": "sam@example.org", "password": PASSWORD}
    )
    page = client.get("/join/invitation")
    assert "Your name" not in page.text  # no second account is offered
    response = client.post("/join/invitation", data={"pseudonym": "Sam", "charter": "y"})

    assert response.status_code == 302
    roles = db.session.scalars(sa.select(Membership).where(Membership.user_id == member.user_id))
    assert {m.convention.slug for m in roles} == {"first", "second"}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_an_invitation_for_someone_else_is_refused_to_a_signed_in_account(client, login_as):
    convention = make_convention()
    make_user(email="owner@example.org")
    _, token, _ = make_invitation(convention, email="owner@example.org")
    login_as(make_user(email="other@example.org"))
    client.get(f"/join/{token}")
    assert client.get("/join/invitation").status_code == 403


def test_the_charter_must_be_accepted(client):
    convention = make_convention()
    _, token, _ = make_invitation(convention)
    response = accept(client, f"/join/{token}", charter="")
    assert response.status_code == 422
    assert "accept the charter" in response.text
    assert membership_of("invitee@example.org") is None


def test_the_invitation_page_shows_the_charter(client):
    convention = make_convention()
    convention.charter = "## Code of conduct\n\nWe criticise **ideas**, never people."
    db.session.commit()
    _, token, _ = make_invitation(convention)
    page = client.get(f"/join/{token}", follow_redirects=True)
    assert "<strong>ideas</strong>" in page.text


def test_a_taken_username_is_refused_and_nothing_is_saved(client):
    make_user(username="taken")
    convention = make_convention()
    _, _, code = make_invitation(convention, email=None)
    client.post("/join", data={"code": code})
    response = client.post("/join/invitation", data=NEW_ACCOUNT | {"username": "Taken"})
    assert response.status_code == 422
    assert "taken" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 0
