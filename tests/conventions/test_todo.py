"""What awaits each role, on the dashboard and the convention's home: due, then gone once done."""

import html
from datetime import date, timedelta

from convention.clock import utcnow
from convention.extensions import db
from convention.models import Flag, Notification, NotificationKind, ReportVersion
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_amendment,
    make_ballot,
    make_comment,
    make_convention,
    make_group,
    make_invitation,
    make_member,
    make_question,
    make_recommendation,
    make_response,
    make_session,
    make_topic,
    make_user,
)
from tests.voting.conftest import vote


def _todo(client, url: str = "/c/ai/") -> str:
    """Return the to-do part of a page."""
    page = client.get(url).text
    start = page.index('id="todo-title"') if url != "/" else page.index("What awaits me")
    return html.unescape(
        page[start : page.index("</section>", start)] if url != "/" else page[start:]
    )


def test_a_citizen_sees_the_ballot_to_vote_in_until_voting(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention)
    ballot = make_ballot(
        convention,
        facilitator,
        opened=True,
        title="Charter",
        closes_at=utcnow() + timedelta(days=2),
    )
    login_as(citizen.user)
    for url in ("/", "/c/ai/"):
        todo = _todo(client, url)
        assert f'href="/c/ai/ballots/{ballot.id}"' in todo and "Vote in “Charter” before" in todo
    vote(client, ballot, {"*": "for"})
    assert "Charter" not in _todo(client) and "Charter" not in _todo(client, "/")
    # The ballot's opening was notified: news, not a task, until it is read.
    assert "1 other unread notification" in _todo(client)
    client.post("/account/notifications/read")
    assert "Nothing to do now." in _todo(client)


def test_a_citizen_sees_the_coming_session_and_what_was_published(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.REPORT)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention)
    session = make_session(convention, title="Plenary", starts_in=timedelta(days=3))
    login_as(citizen.user)
    todo = _todo(client)
    assert f'/c/ai/sessions/{session.id}"' in todo and "Next session: Plenary" in todo
    db.session.add(
        ReportVersion(
            convention_id=convention.id,
            number=1,
            content="{}",
            sha256="0" * 64,
            published_by_id=facilitator.id,
        )
    )
    db.session.commit()
    assert 'href="/c/ai/report"' in _todo(client) and "The report was published on" in _todo(client)


def test_a_citizen_sees_unread_replies_and_answers_until_read(client, login_as):
    convention = make_convention(slug="ai")
    citizen = make_member(convention)
    for kind in (NotificationKind.REPLY, NotificationKind.REPLY, NotificationKind.ANSWER):
        db.session.add(
            Notification(user_id=citizen.user_id, convention_id=convention.id, kind=kind, path="/")
        )
    db.session.commit()
    login_as(citizen.user)
    todo = _todo(client)
    assert "2 new replies to your contributions" in todo
    assert "1 of your questions has a new answer" in todo
    assert 'href="/account/notifications"' in todo
    client.post("/account/notifications/read")
    assert "replies" not in _todo(client) and "answer" not in _todo(client)


def test_a_citizen_sees_amendments_to_their_groups_recommendations(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS)
    citizen, other, outsider = (make_member(convention) for _ in range(3))
    topic = make_topic(convention)
    group = make_group(convention, members=[citizen])
    recommendation = make_recommendation(topic, citizen, group=group, state="submitted")
    amendment = make_amendment(recommendation, other)
    login_as(outsider.user)
    assert "amendment" not in _todo(client)
    login_as(citizen.user)
    todo = _todo(client)
    assert "1 amendment to your group's recommendations awaits your decision" in todo
    assert f'href="/c/ai/amendments/{amendment.id}"' in todo
    amendment.state = "rejected"
    db.session.commit()
    assert "amendment" not in _todo(client)


def test_a_facilitator_sees_flags_questions_invitations_attendance_and_ballots(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention)
    topic = make_topic(convention)
    comment = make_comment(topic, citizen)
    db.session.add(
        Flag(
            convention_id=convention.id,
            comment_id=comment.id,
            flagged_by_id=citizen.id,
            reason="respect",
        )
    )
    question = make_question(topic, citizen)
    make_invitation(convention)
    past = make_session(convention, starts_in=timedelta(days=-2))
    ballot = make_ballot(convention, facilitator)
    login_as(facilitator.user)
    todo = _todo(client)
    assert "1 flagged contribution to review" in todo and 'href="/c/ai/moderation"' in todo
    assert "1 question awaits an answer" in todo and "/c/ai/questions?pending=1" in todo
    assert "1 invitation is waiting for an answer" in todo
    assert "1 past session without attendance recorded" in todo
    assert f'/c/ai/sessions/{past.id}/attendance"' in todo
    assert "1 ballot to open by hand" in todo
    client.post(f"/c/ai/comments/{comment.id}/dismiss")
    client.post(f"/c/ai/questions/{question.id}/answer", data={"answer": "About 2 million."})
    client.post(f"/c/ai/ballots/{ballot.id}/open")
    client.post(f"/c/ai/sessions/{past.id}/attendance", data={f"status-{citizen.id}": "present"})
    todo = _todo(client)
    assert "flagged" not in todo and "question" not in todo
    assert "to open by hand" not in todo and "1 open ballot to close by hand" in todo
    assert "without attendance" not in todo


def test_a_facilitator_is_asked_to_publish_the_report(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.REPORT)
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    todo = _todo(client)
    assert "The report is ready to be published" in todo and '"/c/ai/report/draft"' in todo


def test_an_expert_sees_the_questions_to_answer(client, login_as):
    convention = make_convention(slug="ai")
    expert = make_member(convention, role=Role.EXPERT)
    question = make_question(make_topic(convention), make_member(convention))
    login_as(expert.user)
    assert "1 question awaits an answer" in _todo(client)
    client.post(f"/c/ai/questions/{question.id}/answer", data={"answer": "Yes."})
    assert "question" not in _todo(client)


def test_a_council_member_sees_answers_due_and_overdue(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.COUNCIL_RESPONSE)
    council = make_member(convention, role=Role.COUNCIL)
    topic = make_topic(convention)
    author = make_member(convention)
    due = make_recommendation(topic, author, state="adopted")
    late = make_recommendation(topic, author, state="adopted", title="Train the staff")
    make_response(late, council, deadline=date(2020, 1, 1))
    login_as(council.user)
    todo = _todo(client)
    assert "1 adopted recommendation awaits the council's answer" in todo
    assert f'/c/ai/recommendations/{due.id}/response"' in todo
    assert "1 answer is overdue" in todo and "overdue=1" in todo
    make_response(due, council)
    assert "awaits the council" not in _todo(client)


def test_an_observer_sees_the_latest_results_and_an_empty_state_says_what_comes_next(
    client, login_as
):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    observer = make_member(convention, role=Role.OBSERVER)
    make_session(convention, starts_in=timedelta(days=40))
    login_as(observer.user)
    assert "Nothing to do now. Next: session on" in _todo(client)
    now = utcnow()
    make_ballot(convention, facilitator, opened_at=now - timedelta(days=1), closed_at=now)
    todo = _todo(client)
    assert "1 ballot closed lately: see its results" in todo and '"/c/ai/results"' in todo


def test_the_dashboard_to_do_costs_the_same_queries_whatever_the_data(
    client, login_as, count_queries
):
    user = make_user()
    login_as(user)

    def world():
        convention = make_convention(phase=Phase.AMENDMENTS)
        facilitator = make_member(convention, role=Role.FACILITATOR)
        citizens = [make_member(convention) for _ in range(3)]
        topic = make_topic(convention)
        for citizen in citizens:
            make_question(topic, citizen)
            make_session(convention, starts_in=timedelta(days=-3))
            make_ballot(convention, facilitator, opened=True)
            recommendation = make_recommendation(topic, citizen, state="adopted")
            make_amendment(recommendation, citizen)
            make_invitation(convention)
        return convention, citizens

    roles = list(Role)
    for role in roles:
        convention, _ = world()
        make_member(convention, user=user, role=role)
    with count_queries() as few:
        client.get("/")
    for _ in range(3):
        for role in roles:
            convention, citizens = world()
            member = make_member(convention, user=user, role=role)
            if role is Role.CITIZEN:
                make_group(convention, members=[member, *citizens])
    with count_queries() as many:
        page = client.get("/").text
    assert page.count('class="card"') == 4 * len(roles)
    assert len(many) == len(few)
