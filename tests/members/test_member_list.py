"""The member list: search, role filter, attendance, contacts for facilitators, CSV export."""

from datetime import timedelta

import pytest

from convention.extensions import db
from convention.meetings.queries import member_attendance, session_record
from convention.rules.policy import Role
from tests.factories import (
    make_attendance,
    make_convention,
    make_member,
    make_session,
    make_user,
)


@pytest.fixture
def panel(login_as):
    """A facilitator signed in, three members, two sessions held and one planned."""
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    ana = make_member(
        convention, pseudonym="Ana", user=make_user(email="ana@example.org", name="Ana Lima")
    )
    bo = make_member(
        convention, pseudonym="Bo", user=make_user(email="bo@example.org", name="Bo Ek")
    )
    expert = make_member(
        convention, role=Role.EXPERT, pseudonym="Dr Eve", user=make_user(name="=cmd|' /C calc'!A0")
    )
    held = [make_session(convention, starts_in=timedelta(days=-d)) for d in (14, 7)]
    make_session(convention, starts_in=timedelta(days=7))
    for session in held:
        make_attendance(session, ana, "present")
    make_attendance(held[0], bo, "absent")
    db.session.commit()
    login_as(facilitator.user)
    return convention, facilitator, ana, bo, expert


def _rows(page: str) -> list[str]:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]


def test_the_list_is_searched_by_name_or_pseudonym_and_filtered_by_role(client, panel):
    page = client.get("/c/ai/members?q=lima").text
    assert len(_rows(page)) == 1 and "Ana Lima" in page
    assert 'value="lima"' in page  # the search stays in its box
    assert len(_rows(client.get("/c/ai/members?q=dr eve").text)) == 1  # a pseudonym
    assert len(_rows(client.get("/c/ai/members?q=%25").text)) == 0  # no wildcard
    experts = client.get("/c/ai/members?role=expert").text
    assert len(_rows(experts)) == 1 and "Dr Eve" in experts
    assert len(_rows(client.get("/c/ai/members?role=citizen&q=bo").text)) == 1
    # An address nobody's form writes lists everyone, with the problem shown.
    wrong = client.get("/c/ai/members?role=king")
    assert wrong.status_code == 200 and len(_rows(wrong.text)) == 4
    assert 'aria-invalid="true"' in wrong.text
    assert len(_rows(client.get("/c/ai/members?q=%00").text)) == 4  # PostgreSQL refuses NUL


def test_each_members_attendance_counts_the_sessions_held(client, panel):
    """Two sessions held, one planned: Ana came to both, Bo was recorded absent."""
    page = client.get("/c/ai/members").text
    rows = {row.split('<th scope="row">')[1].split("<")[0]: row for row in _rows(page)}
    assert "<td>2 of 2</td>" in rows["Ana Lima"]
    assert "<td>0 of 2</td>" in rows["Bo Ek"]  # recorded absent
    # One figure of sessions held: the one the sessions page and the report give.
    convention = panel[0]
    assert member_attendance(convention)[0] == session_record(convention)[1].held == 2


def test_contacts_show_to_facilitators_and_nobody_else_reaches_the_list(client, panel, login_as):
    page = client.get("/c/ai/members").text
    assert 'href="mailto:ana@example.org"' in page
    _, _, ana, _, _ = panel
    login_as(ana.user)
    assert client.get("/c/ai/members").status_code == 403
    assert client.get("/c/ai/members.csv").status_code == 403


def test_the_csv_holds_the_rows_listed_with_formulas_neutralised(client, panel):
    response = client.get("/c/ai/members.csv?role=expert")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,Pseudonym,Role,State,Sessions present,Sessions held,Email,Username"
    assert len(lines) == 2 and lines[1].startswith("'=cmd|' /C calc'!A0,Dr Eve,Expert,Active,0,2,")
    everyone = client.get("/c/ai/members.csv").data.decode("utf-8-sig")
    assert "Ana Lima,Ana,Citizen,Active,2,2,ana@example.org," in everyone


def test_the_list_takes_the_same_number_of_queries_for_5_or_50_members(
    client, panel, count_queries
):
    convention = panel[0]
    with count_queries() as few:
        assert client.get("/c/ai/members").status_code == 200
    for _ in range(45):
        make_member(convention)
    with count_queries() as many:
        page = client.get("/c/ai/members")
    assert len(_rows(page.text)) == 49
    assert len(many) == len(few)
