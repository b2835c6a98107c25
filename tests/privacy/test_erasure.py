"""Erasure on request: the person is forgotten, the convention's record stays whole."""

import sqlalchemy as sa

from convention import audit
from convention.extensions import db
from convention.models import (
    AuditEvent,
    Invitation,
    MemberAttributes,
    Notification,
    NotificationKind,
    OutboxMessage,
    User,
    UserSession,
)
from convention.rules.policy import Role
from tests.conftest import put_session
from tests.factories import (
    PASSWORD,
    make_comment,
    make_convention,
    make_invitation,
    make_member,
    make_topic,
)


def _world():
    convention = make_convention(slug="ai")
    me = make_member(convention, pseudonym="Nadia")
    other = make_member(convention, pseudonym="Omar")
    topic = make_topic(convention)
    mine = make_comment(topic, me, body="Keep a human counter open.")
    theirs = make_comment(topic, other, body="Agreed.")
    invitation, _token, _code = make_invitation(convention, email=me.user.email, name="Nadia E.")
    invitation.accepted_by_id = me.user_id
    db.session.add_all(
        [
            MemberAttributes(
                membership_id=me.id, convention_id=convention.id, attributes={"age": "18-24"}
            ),
            OutboxMessage(recipient=me.user.email, subject="Welcome", body="Hello Nadia"),
            Notification(
                user_id=me.user_id,
                convention_id=convention.id,
                kind=NotificationKind.ANSWER,
                details={"topic": topic.title},
                path="/c/ai/topics",
            ),
            # Omar was told that Nadia answered him: her name is in his notice.
            Notification(
                user_id=other.user_id,
                convention_id=convention.id,
                kind=NotificationKind.REPLY,
                details={"pseudonym": "Nadia", "topic": topic.title},
                path="/c/ai/topics",
            ),
        ]
    )
    audit.record(me.user, "comment.posted", mine, convention=convention)
    db.session.commit()
    return convention, me, other, topic, theirs


def _erase(client, **data):
    form = {"password": PASSWORD, "understood": "y"} | data
    return client.post("/account/erase", data=form)


def test_erasing_forgets_the_person_and_keeps_their_words_under_former_member(client, login_as):
    convention, me, other, topic, _theirs = _world()
    email, user_id = me.user.email, me.user_id
    login_as(me.user)
    response = _erase(client)
    assert response.status_code == 302
    user = db.session.get(User, user_id)
    assert user.email is None and user.erased_at is not None and not user.active
    assert user.display_name == "Former member" and me.pseudonym == "Former member"
    assert not user.check_password(PASSWORD)
    for model in (UserSession, Notification):
        assert not db.session.scalars(sa.select(model).where(model.user_id == user_id)).all()
    assert db.session.get(MemberAttributes, me.id) is None
    assert not db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == email)
    ).all()
    accepted = sa.select(Invitation).where(Invitation.accepted_by_id == user_id)
    invitation = db.session.scalar(accepted)
    assert invitation.email is None and invitation.name == ""
    assert not db.session.scalars(sa.select(AuditEvent).where(AuditEvent.actor_id == user_id)).all()
    # The convention's record stays whole: the comment is there, credited to a former member.
    login_as(other.user)
    page = client.get(f"/c/ai/topics/{topic.id}")
    assert "Keep a human counter open." in page.text and "Former member" in page.text
    assert "Nadia" not in page.text
    notices = client.get("/account/notifications").text
    assert "Former member answered your contribution" in notices and "Nadia" not in notices


def test_every_device_is_signed_out_and_the_old_password_signs_nobody_in(app, client, login_as):
    _convention, me, _other, _topic, _theirs = _world()
    email = me.user.email
    phone = put_session(app.test_client(), me.user)
    assert phone.get("/account").status_code == 200
    login_as(me.user)
    _erase(client)
    assert phone.get("/account").status_code == 302
    assert client.get("/account").status_code == 302
    client.post("/login", data={"login": email, "password": PASSWORD})
    assert client.get("/account").status_code == 302


def test_a_wrong_password_or_no_confirmation_erases_nothing(client, login_as):
    _convention, me, _other, _topic, _theirs = _world()
    login_as(me.user)
    assert _erase(client, password="not my password").status_code == 422
    assert _erase(client, understood="").status_code == 422
    db.session.expire_all()
    assert me.user.erased_at is None and me.pseudonym == "Nadia"


def test_the_chain_still_verifies_after_an_erasure(client, login_as):
    _convention, me, _other, _topic, _theirs = _world()
    login_as(me.user)
    _erase(client)
    _heads, breaks = audit.verify_log()
    assert breaks == []
    erased = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.erased"))
    assert erased is not None and erased.actor_id is None


def test_the_facilitator_sees_a_former_member_in_the_member_list(client, login_as):
    convention, me, _other, _topic, _theirs = _world()
    facilitator = make_member(convention, role=Role.FACILITATOR)
    login_as(me.user)
    _erase(client)
    login_as(facilitator.user)
    page = client.get("/c/ai/members")
    assert page.status_code == 200
    assert "Former member" in page.text and "Nadia" not in page.text
