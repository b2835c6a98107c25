"""Members flag contributions; facilitators hide them with a reason, restore or dismiss, audited."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Comment, Flag, Notification
from convention.rules.policy import Role
from tests.factories import make_comment, make_convention, make_member, make_topic


def flagged_comment(login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    author = make_member(convention, pseudonym="Rude")
    reader = make_member(convention)
    comment = make_comment(make_topic(convention), author, body="An insult")
    login_as(reader.user)
    return convention, facilitator, author, reader, comment


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_member_flags_once_and_never_their_own(client, login_as):
    _, _, author, reader, comment = flagged_comment(login_as)
    data = {"reason": "respect", "note": "Personal attack"}
    assert client.post(f"/c/ai/comments/{comment.id}/flag", data=data).status_code == 303
    again = client.post(f"/c/ai/comments/{comment.id}/flag", data=data, follow_redirects=True)
    assert "already flagged" in again.text
    login_as(author.user)
    client.post(f"/c/ai/comments/{comment.id}/flag", data=data)
    flags = db.session.scalars(sa.select(Flag)).all()
    assert [(f.flagged_by_id, f.reason.value) for f in flags] == [(reader.id, "respect")]
    assert actions() == ["comment.flagged"]


def test_an_unknown_flag_reason_is_refused(client, login_as):
    *_, comment = flagged_comment(login_as)
    response = client.post(f"/c/ai/comments/{comment.id}/flag", data={"reason": "because"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Flag)) == 0


def test_the_queue_shows_flags_and_hiding_needs_a_reason(client, login_as):
    _, facilitator, author, _, comment = flagged_comment(login_as)
    client.post(f"/c/ai/comments/{comment.id}/flag", data={"reason": "respect", "note": "Rude"})
    login_as(facilitator.user)
    queue = client.get("/c/ai/moderation").text
    assert "An insult" in queue and "Disrespectful or hurtful" in queue and "“Rude”" in queue
    assert client.post(f"/c/ai/comments/{comment.id}/hide", data={"reason": ""}).status_code == 422
    response = client.post(
        f"/c/ai/comments/{comment.id}/hide", data={"reason": "Personal attack (rule 1)."}
    )
    assert response.status_code == 303
    stored = db.session.get(Comment, comment.id)
    assert stored.hidden_reason == "Personal attack (rule 1)." and stored.hidden_by_id
    assert db.session.scalar(sa.select(Flag.outcome)).value == "hidden"
    assert actions()[-1] == "comment.hidden"
    notice = db.session.scalar(sa.select(Notification).where(Notification.kind == "hidden"))
    assert notice.user_id == author.user_id and notice.details["reason"].startswith("Personal")
    assert "No contribution awaits a decision." in client.get("/c/ai/moderation").text


def test_members_read_the_reason_not_the_hidden_text(client, login_as):
    _, facilitator, _, reader, comment = flagged_comment(login_as)
    login_as(facilitator.user)
    client.post(f"/c/ai/comments/{comment.id}/hide", data={"reason": "Off topic."})
    login_as(reader.user)
    page = client.get(f"/c/ai/topics/{comment.topic_id}").text
    assert "Hidden by the facilitators: Off topic." in page and "An insult" not in page
    assert client.get(f"/c/ai/comments/{comment.id}/history").status_code == 404
    assert client.get(f"/c/ai/comments/{comment.id}/reply").status_code == 200
    client.post(f"/c/ai/comments/{comment.id}/reply", data={"stance": "remark", "body": "x"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 1


def test_a_hidden_contribution_can_be_restored(client, login_as):
    _, facilitator, author, _, comment = flagged_comment(login_as)
    login_as(facilitator.user)
    client.post(f"/c/ai/comments/{comment.id}/hide", data={"reason": "Too hasty."})
    assert "Too hasty." in client.get("/c/ai/moderation").text
    assert client.post(f"/c/ai/comments/{comment.id}/restore").status_code == 303
    assert db.session.get(Comment, comment.id).hidden_at is None
    assert actions()[-2:] == ["comment.hidden", "comment.restored"]
    kinds = db.session.scalars(sa.select(Notification.kind).order_by(Notification.id)).all()
    assert [k.value for k in kinds] == ["hidden", "restored"]
    assert "An insult" in client.get(f"/c/ai/topics/{comment.topic_id}").text


def test_dismissing_keeps_the_contribution_and_closes_the_flags(client, login_as):
    _, facilitator, _, _, comment = flagged_comment(login_as)
    client.post(f"/c/ai/comments/{comment.id}/flag", data={"reason": "spam"})
    login_as(facilitator.user)
    assert client.post(f"/c/ai/comments/{comment.id}/dismiss").status_code == 303
    flag = db.session.scalar(sa.select(Flag))
    assert flag.outcome.value == "dismissed" and flag.resolved_by_id == facilitator.user_id
    assert db.session.get(Comment, comment.id).hidden_at is None
    assert actions()[-1] == "comment.flags_dismissed"
    again = client.post(f"/c/ai/comments/{comment.id}/dismiss", follow_redirects=True)
    assert "no open flag" in again.text


def test_citizens_cannot_moderate(client, login_as):
    *_, comment = flagged_comment(login_as)
    assert client.get("/c/ai/moderation").status_code == 403
    assert (
        client.post(f"/c/ai/comments/{comment.id}/hide", data={"reason": "x" * 5}).status_code
        == 403
    )
    assert client.post(f"/c/ai/comments/{comment.id}/restore").status_code == 403
    assert db.session.get(Comment, comment.id).hidden_at is None
