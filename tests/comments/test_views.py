"""Members contribute on a topic: threads, stances, edits with history, tombstones, pages."""

import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.models import AuditEvent, Comment, Notification
from convention.rules.comments import PAGE_SIZE, Stance
from convention.rules.policy import Role
from tests.factories import make_comment, make_convention, make_member, make_topic, make_user


def setup_topic(login_as, role=Role.CITIZEN, **topic):
    convention = make_convention(slug="ai")
    member = make_member(convention, role=role)
    topic = make_topic(convention, **topic)
    login_as(member.user)
    return convention, member, topic


def test_a_citizen_posts_an_argument_and_finds_it_on_the_topic(client, login_as):
    _, member, topic = setup_topic(login_as)
    response = client.post(
        f"/c/ai/topics/{topic.id}/comments", data={"stance": "against", "body": "Too *costly*."}
    )
    comment = db.session.scalar(sa.select(Comment))
    assert response.status_code == 303
    assert response.location.endswith(f"/c/ai/topics/{topic.id}?page=1#c{comment.id}")
    assert (comment.author_id, comment.stance.value, comment.depth) == (member.id, "against", 0)
    page = client.get(f"/c/ai/topics/{topic.id}").text
    assert "<em>costly</em>" in page
    assert "Against (1)" in page


def test_an_empty_contribution_is_refused_and_the_page_explains(client, login_as):
    _, _, topic = setup_topic(login_as)
    response = client.post(f"/c/ai/topics/{topic.id}/comments", data={"stance": "for", "body": ""})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_a_closed_topic_accepts_no_contribution(client, login_as):
    _, _, topic = setup_topic(login_as, is_open=False)
    response = client.post(f"/c/ai/topics/{topic.id}/comments", data={"stance": "for", "body": "x"})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
    assert "This topic is closed" in client.get(f"/c/ai/topics/{topic.id}").text


def test_replies_nest_three_levels_then_stay_at_the_last(client, login_as):
    convention, member, topic = setup_topic(login_as)
    other = make_member(convention)
    root = make_comment(topic, other)
    for _ in range(3):
        parent = db.session.scalars(sa.select(Comment).order_by(Comment.id.desc())).first()
        client.post(f"/c/ai/comments/{parent.id}/reply", data={"stance": "remark", "body": "yes"})
    rows = db.session.scalars(sa.select(Comment).order_by(Comment.id)).all()
    assert [c.depth for c in rows] == [0, 1, 2, 2]
    assert [c.parent_id for c in rows] == [None, root.id, rows[1].id, rows[1].id]
    assert {c.root_id for c in rows[1:]} == {root.id}


def test_a_reply_notifies_the_author_of_the_answered_contribution(client, login_as):
    convention, member, topic = setup_topic(login_as)
    other = make_member(convention, pseudonym="Noa")
    root = make_comment(topic, other)
    client.post(f"/c/ai/comments/{root.id}/reply", data={"stance": "for", "body": "Agreed"})
    notice = db.session.scalar(sa.select(Notification))
    assert notice.user_id == other.user_id and notice.kind.value == "reply"
    assert notice.details["pseudonym"] == member.pseudonym
    client.post(f"/c/ai/comments/{root.id}/reply", data={"stance": "for", "body": "Again"})
    login_as(other.user)
    page = client.get("/account/notifications").text
    assert f"{member.pseudonym} answered your contribution" in page


def test_editing_keeps_the_earlier_text_in_a_public_history(client, login_as):
    _, member, topic = setup_topic(login_as)
    comment = make_comment(topic, member, body="First thought", stance="for")
    response = client.post(
        f"/c/ai/comments/{comment.id}/edit", data={"stance": "against", "body": "Second thought"}
    )
    assert response.status_code == 303
    page = client.get(f"/c/ai/topics/{topic.id}").text
    assert "Second thought" in page and "First thought" not in page and "edited" in page
    history = client.get(f"/c/ai/comments/{comment.id}/history").text
    assert "First thought" in history and "Second thought" in history


def test_only_the_author_may_edit_or_delete(client, login_as):
    convention, member, topic = setup_topic(login_as)
    theirs = make_comment(topic, make_member(convention))
    assert client.get(f"/c/ai/comments/{theirs.id}/edit").status_code == 403
    assert client.post(f"/c/ai/comments/{theirs.id}/delete").status_code == 403
    assert db.session.get(Comment, theirs.id).deleted_at is None


def test_deleting_leaves_a_tombstone_and_keeps_the_replies(client, login_as):
    convention, member, topic = setup_topic(login_as)
    mine = make_comment(topic, member, body="Regrettable words")
    client.post(f"/c/ai/comments/{mine.id}/edit", data={"stance": "remark", "body": "Better words"})
    make_comment(topic, make_member(convention), parent=mine, body="A reply that stays")
    assert client.post(f"/c/ai/comments/{mine.id}/delete").status_code == 303
    page = client.get(f"/c/ai/topics/{topic.id}").text
    assert "Contribution deleted by its author." in page
    assert "Regrettable" not in page and "Better words" not in page
    assert "A reply that stays" in page
    assert client.get(f"/c/ai/comments/{mine.id}/history").status_code == 404
    stored = db.session.get(Comment, mine.id)
    assert stored.body == "" and stored.revisions == []
    assert db.session.scalar(sa.select(AuditEvent.action)) == "comment.deleted"


def test_threads_are_paginated_with_a_bounded_number_of_queries(client, login_as, count_queries):
    convention, member, topic = setup_topic(login_as)
    other = make_member(convention)
    for n in range(PAGE_SIZE + 5):
        root = make_comment(topic, other, body=f"thread {n:02d}")
    make_comment(topic, member, parent=root, body="last reply")
    with count_queries() as few:
        first = client.get(f"/c/ai/topics/{topic.id}").text
    assert "thread 00" in first and f"thread {PAGE_SIZE:02d}" not in first
    assert "Page 1 of 2" in first
    second = client.get(f"/c/ai/topics/{topic.id}?page=2").text
    assert f"thread {PAGE_SIZE + 4:02d}" in second and "last reply" in second
    # 500 more contributions, as replies and as new threads, added in one transaction.
    for n in range(250):
        db.session.add(
            Comment(
                convention_id=convention.id,
                topic_id=topic.id,
                author_id=member.id,
                body=f"more {n}",
                stance=Stance.REMARK,
                parent_id=root.id,
                root_id=root.id,
                depth=1,
                created_at=utcnow(),
            )
        )
        db.session.add(
            Comment(
                convention_id=convention.id,
                topic_id=topic.id,
                author_id=other.id,
                body=f"thread more {n}",
                stance=Stance.FOR,
                created_at=utcnow(),
            )
        )
    db.session.commit()
    with count_queries() as many:
        assert client.get(f"/c/ai/topics/{topic.id}?page=2").status_code == 200
    assert len(many) == len(few) <= 20


def test_filters_and_order_are_allow_listed(client, login_as):
    convention, member, topic = setup_topic(login_as)
    make_comment(topic, member, body="pro argument", stance="for")
    make_comment(topic, member, body="con argument", stance="against")
    page = client.get(f"/c/ai/topics/{topic.id}?stance=for").text
    assert "pro argument" in page and "con argument" not in page
    odd = client.get(f"/c/ai/topics/{topic.id}?stance=<script>&order=id;drop&page=-4")
    assert odd.status_code == 200 and "<script>" not in odd.text
    assert "pro argument" in odd.text and "con argument" in odd.text


def test_names_and_text_are_inert_everywhere(client, login_as):
    convention = make_convention(slug="ai")
    evil = make_member(
        convention,
        user=make_user(name="<script>x()</script>"),
        pseudonym='<img src=x onerror="y()">',
    )
    topic = make_topic(convention, body="[click](javascript:alert(1)) <b onclick=z()>hi</b>")
    make_comment(topic, evil, body="<script>alert(1)</script> [a](javascript:b())")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    for url in (f"/c/ai/topics/{topic.id}", "/c/ai/participation"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert 'href="javascript:' not in page and "<b onclick" not in page


def test_another_conventions_comments_answer_404(client, login_as):
    other = make_convention(slug="other")
    foreign = make_comment(make_topic(other), make_member(other))
    _, _, topic = setup_topic(login_as)
    assert client.get(f"/c/ai/comments/{foreign.id}/reply").status_code == 404
    assert client.get(f"/c/ai/comments/{foreign.id}/history").status_code == 404
    assert client.post(f"/c/ai/comments/{foreign.id}/delete").status_code == 404
    assert client.get(f"/c/ai/topics/{foreign.topic_id}").status_code == 404
