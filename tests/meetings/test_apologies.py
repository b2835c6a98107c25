"""A member says ahead that they cannot come; the facilitator sees it and starts from it."""

from datetime import timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Apology
from convention.rules.meetings import may_apologise
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_session


def _send(client, session, choice="send"):
    return client.post(f"/c/ai/sessions/{session.id}/apology", data={"apology": choice})


def test_a_citizen_says_they_cannot_come_then_takes_it_back(client, login_as):
    convention = make_convention(slug="ai")
    citizen = make_member(convention, pseudonym="Ana")
    session = make_session(convention, starts_in=timedelta(days=3))
    login_as(citizen.user)
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert "I can't come" in page
    assert _send(client, session).status_code == 303
    assert _send(client, session).status_code == 303  # a double click records it once
    assert db.session.scalar(sa.select(sa.func.count(Apology.id))) == 1
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert "You said you cannot come." in page and "I can come after all" in page
    _send(client, session, "withdraw")
    assert db.session.scalar(sa.select(sa.func.count(Apology.id))) == 0


def test_the_facilitator_sees_apologies_and_the_register_starts_with_them_excused(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    ana, bo = make_member(convention, pseudonym="Ana"), make_member(convention, pseudonym="Bo")
    session = make_session(convention, starts_in=timedelta(days=3))
    login_as(ana.user)
    _send(client, session)
    login_as(facilitator.user)
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert "1 member said they cannot come:" in page and "Ana" in page
    register = client.get(f"/c/ai/sessions/{session.id}/attendance").text
    assert f'name="status-{ana.id}" value="excused" checked' in register
    assert f'name="status-{bo.id}" value="excused" checked' not in register


def test_too_late_once_the_session_started_and_never_for_staff(client, login_as):
    convention = make_convention(slug="ai")
    citizen = make_member(convention)
    started = make_session(convention, starts_in=timedelta(hours=-1))
    login_as(citizen.user)
    assert "I can't come" not in client.get(f"/c/ai/sessions/{started.id}").text
    _send(client, started)
    assert db.session.scalar(sa.select(sa.func.count(Apology.id))) == 0
    assert "has started or is cancelled" in client.get(f"/c/ai/sessions/{started.id}").text
    expert = make_member(convention, role=Role.EXPERT)
    login_as(expert.user)
    upcoming = make_session(convention, starts_in=timedelta(days=2))
    assert _send(client, upcoming).status_code == 403


def test_the_rule_allows_apologies_only_before_the_start():
    from datetime import datetime

    start = datetime(2027, 1, 10, 9)
    assert may_apologise(start, False, start - timedelta(minutes=1))
    assert not may_apologise(start, False, start)
    assert not may_apologise(start, True, start - timedelta(days=1))
