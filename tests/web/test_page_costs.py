"""The pages a crowd reads at once cost the same queries whatever the data, and write nothing."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Comment, Recommendation, ReportVersion
from convention.reports import queries as report_queries
from convention.rules.comments import REPLIES_SHOWN
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.report import assemble, canonical, fingerprint
from tests.factories import (
    make_ballot,
    make_comment,
    make_convention,
    make_member,
    make_recommendation,
    make_topic,
)
from tests.voting.conftest import sign_in, vote

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(WRITES)]


def test_the_live_poll_costs_the_same_few_queries_however_many_voted_and_writes_nothing(
    client, count_queries
):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizens = [make_member(convention, pseudonym=f"Citizen{i}") for i in range(12)]
    ballot = make_ballot(convention, facilitator, opened=True)
    path = f"/c/ai/ballots/{ballot.id}/live.json"
    sign_in(client, citizens[0])
    client.get(path)  # the first read after opening freezes the ballot, once
    with count_queries() as none_voted:
        assert client.get(path).get_json()["voted"] == 0
    for citizen in citizens:
        sign_in(client, citizen)
        vote(client, ballot, {"*": "for"})
    with count_queries() as all_voted:
        assert client.get(path).get_json()["voted"] == len(citizens)
    # one round trip for the sign-in with the convention and membership, one for the count
    assert len(all_voted) == len(none_voted) == 2
    assert _writes(all_voted) == []


def test_the_topic_page_shows_stored_html_in_the_same_queries_whatever_the_threads(
    client, login_as, count_queries
):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    member = make_member(convention)
    topic = make_topic(convention)
    root = make_comment(topic, member, body="*Why* <script>alert(1)</script>")
    login_as(member.user)
    with count_queries() as short:
        page = client.get(f"/c/ai/topics/{topic.id}").text
    assert "<em>Why</em>" in page and "<script>alert(1)" not in page
    for n in range(60):
        make_comment(topic, member, parent=root, body=f"reply {n}")
        make_comment(topic, member, body=f"thread {n}")
    with count_queries() as long:
        page = client.get(f"/c/ai/topics/{topic.id}").text
    assert len(long) == len(short)
    assert _writes(long) == []
    # the page shows each thread's first replies; the whole thread is one link away
    shown = REPLIES_SHOWN - 1
    assert f"reply {shown}<" in page and f"reply {shown + 1}<" not in page
    assert f"Show {60 - REPLIES_SHOWN} more replies" in page
    with count_queries() as whole:
        thread = client.get(f"/c/ai/topics/{topic.id}?thread={root.id}").text
    assert "reply 59<" in thread and "thread 0<" not in thread
    assert len(whole) <= len(long)
    assert client.get(f"/c/ai/topics/{topic.id}?thread=999999").status_code == 404


def test_an_edited_contribution_shows_its_new_text_sanitised(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    member = make_member(convention)
    topic = make_topic(convention)
    comment = make_comment(topic, member, body="first")
    login_as(member.user)
    client.post(
        f"/c/ai/comments/{comment.id}/edit",
        data={"body": "**second** [x](javascript:alert(1))", "stance": "remark"},
    )
    stored = db.session.get(Comment, comment.id)
    db.session.refresh(stored)
    assert stored.body_html.startswith("<p><strong>second</strong>")
    assert 'href="javascript' not in stored.body_html
    assert "<strong>second</strong>" in client.get(f"/c/ai/topics/{topic.id}").text


def _publish_directly(convention, facilitator) -> None:
    """Store a version of the report as publishing would, without rendering its PDF files."""
    data = canonical(assemble(report_queries.report_input(convention)))
    number = (
        db.session.scalar(
            sa.select(sa.func.max(ReportVersion.number)).where(
                ReportVersion.convention_id == convention.id
            )
        )
        or 0
    )
    db.session.add(
        ReportVersion(
            convention_id=convention.id,
            number=number + 1,
            content=data.decode(),
            sha256=fingerprint(data),
            published_by_id=facilitator.id,
        )
    )
    db.session.commit()


def test_the_public_report_costs_the_same_queries_whatever_its_size(client, count_queries):
    convention = make_convention(slug="ai", public=True, phase=Phase.REPORT)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    writer = make_member(convention)
    topic = make_topic(convention)
    make_recommendation(topic, writer, title="Open algorithms", state="adopted")
    _publish_directly(convention, facilitator)
    with count_queries() as small:
        assert client.get("/c/ai/report").status_code == 200
    for n in range(60):
        db.session.add(
            Recommendation(
                convention_id=convention.id, number=10 + n, topic_id=topic.id,
                created_by_id=writer.id, title=f"Idea {n}", body="Text.", state="adopted",
            )
        )  # fmt: skip
    db.session.commit()
    _publish_directly(convention, facilitator)
    with count_queries() as large:
        assert "Idea 59" in client.get("/c/ai/report").text
    assert len(large) == len(small)
    assert _writes(large) == []
