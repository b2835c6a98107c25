"""Each person reads their own notifications and marks them read."""

import re

import sqlalchemy as sa

from convention.extensions import db
from convention.models import (
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboxMessage,
)
from convention.notifications.services import notify
from tests.factories import make_comment, make_convention, make_member, make_topic, make_user


def test_people_see_only_their_notifications_and_mark_them_read(client, login_as):
    convention = make_convention(slug="ai", title="Convention on AI")
    me, other = make_member(convention), make_member(convention)
    notify([me.user_id], convention, NotificationKind.SESSION, "/c/ai/sessions/1", title="Day 1")
    notify([other.user_id], convention, NotificationKind.SESSION, "/c/ai/sessions/2", title="Day 2")
    db.session.commit()
    login_as(me.user)
    page = client.get("/account/notifications").text
    assert "A new session is scheduled: Day 1." in page and "Day 2" not in page
    mine = db.session.scalar(sa.select(Notification.id).where(Notification.user_id == me.user_id))
    assert f'action="/account/notifications/{mine}/open"' in page
    assert "Notifications (1 new)" in client.get("/c/ai/").text
    assert client.post("/account/notifications/read").status_code == 303
    unread = db.session.scalars(
        sa.select(Notification.user_id).where(Notification.read_at.is_(None))
    )
    assert list(unread) == [other.user_id]
    assert "Notifications (1 new)" not in client.get("/c/ai/").text


def test_notification_text_is_escaped(client, login_as):
    convention = make_convention(slug="ai")
    me = make_member(convention)
    kind = NotificationKind.REPLY
    notify([me.user_id], convention, kind, "/c/ai/", pseudonym="<b>x</b>", topic="<i>t</i>")
    db.session.commit()
    login_as(me.user)
    page = client.get("/account/notifications").text
    assert "&lt;b&gt;x&lt;/b&gt; answered your contribution on “&lt;i&gt;t&lt;/i&gt;”" in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/account/notifications").status_code == 302


def test_a_reply_is_also_mailed_in_the_readers_language_unless_they_opt_out(client, login_as):
    convention = make_convention(slug="ai", title="Convention IA")
    author = make_member(convention, user=make_user(email="ana@example.org"), pseudonym="Ana")
    author.user.locale = "fr"
    db.session.commit()
    topic = make_topic(convention, title="Caméras")
    root = make_comment(topic, author)
    replier = make_member(convention, pseudonym="Bo")
    login_as(replier.user)
    client.post(f"/c/ai/comments/{root.id}/reply", data={"stance": "for", "body": "Oui"})
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert mail.recipient == "ana@example.org"
    assert "Bo a répondu à votre contribution sur « Caméras »." in mail.body
    notice = db.session.scalar(sa.select(Notification))
    # The link leads straight to the page concerned: a GET marks nothing read.
    assert f"http://convention.test{notice.path}" in mail.body and "/open" not in mail.body
    assert "/account/notifications" in mail.body

    login_as(author.user)
    page = client.get("/account/notifications").text
    assert re.search(r'<option selected value="immediate">', page)
    choices = {kind.value: "immediate" for kind in NotificationKind} | {"reply": "off"}
    assert client.post("/account/notifications/settings", data=choices).status_code == 303
    stored = db.session.get(NotificationPreference, (author.user_id, NotificationKind.REPLY))
    assert stored.delivery is Delivery.OFF
    login_as(replier.user)
    client.post(f"/c/ai/comments/{root.id}/reply", data={"stance": "for", "body": "Encore"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 2


def test_following_a_notification_marks_it_read_and_leads_to_its_page(client, login_as):
    convention = make_convention(slug="ai")
    me, other = make_member(convention), make_member(convention)
    notify([me.user_id, other.user_id], convention, NotificationKind.SESSION, "/c/ai/sessions/1")
    db.session.commit()
    mine, theirs = (
        db.session.scalar(sa.select(Notification).where(Notification.user_id == member.user_id))
        for member in (me, other)
    )
    login_as(me.user)
    # Someone else's notification is not found: ids do not leak who was told what.
    assert client.post(f"/account/notifications/{theirs.id}/open").status_code == 404
    assert client.get(f"/account/notifications/{mine.id}/open").status_code == 405
    response = client.post(f"/account/notifications/{mine.id}/open")
    assert response.status_code == 303 and response.location == "/c/ai/sessions/1"
    db.session.expire_all()
    assert mine.read_at is not None and theirs.read_at is None
    assert "Notifications (1 new)" not in client.get("/c/ai/").text


def test_accounts_without_email_are_only_notified_in_the_app(client, login_as):
    convention = make_convention(slug="ai")
    me = make_member(convention, user=make_user(username="lou"))
    notify([me.user_id], convention, NotificationKind.SESSION, "/c/ai/sessions/1", title="Day")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    login_as(me.user)
    assert "only shown here" in client.get("/account/notifications").text
