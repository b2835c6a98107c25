"""Facilitators see who speaks and who has not, as a chart with a table and a text alternative."""

import re
from datetime import timedelta

from convention.extensions import db
from convention.rules.policy import Role
from tests.factories import (
    make_attendance,
    make_comment,
    make_convention,
    make_member,
    make_question,
    make_session,
    make_topic,
)


def test_the_page_lists_the_least_heard_first_with_an_accessible_chart(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    quiet = make_member(convention, pseudonym="Quiet")
    talker = make_member(convention, pseudonym="Talker")
    make_member(convention, role=Role.EXPERT, pseudonym="Expert")
    topic = make_topic(convention)
    for _ in range(4):
        make_comment(topic, talker)
    make_question(topic, talker)
    session = make_session(convention, starts_in=timedelta(days=-1))
    make_attendance(session, quiet)
    db.session.commit()
    login_as(facilitator.user)
    page = client.get("/c/ai/participation").text
    assert page.index(">Quiet<") < page.index(">Talker<") and "Expert" not in page
    assert re.search(r">Quiet</th><td>0</td><td>0</td><td>1</td>", page)
    assert re.search(r">Talker</th><td>4</td><td>1</td><td>0</td>", page)
    assert "Sessions held so far: 1." in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert "style=" not in svg
    assert "0 contributions: 1 citizen." in svg and "3–5 contributions: 1 citizen." in svg


def test_only_facilitators_see_participation(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention).user)
    assert client.get("/c/ai/participation").status_code == 403
