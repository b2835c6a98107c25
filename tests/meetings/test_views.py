"""Facilitators schedule sessions and their agenda, record attendance; everyone gets calendars."""

from datetime import timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AgendaItem, Attendance, AuditEvent, ConventionSession, Notification
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_session, make_topic

SESSION = {
    "title": "Hearing day",
    "starts_at": "2026-06-06T09:30",
    "ends_at": "2026-06-06T17:00",
    "location": "City hall",
    "online_url": "",
    "description": "Bring **questions**.",
}


def facilitated(login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    login_as(facilitator.user)
    return convention, facilitator


def test_scheduling_stores_utc_and_tells_every_other_member(client, login_as):
    convention, facilitator = facilitated(login_as)
    citizens = [make_member(convention) for _ in range(3)]
    make_member(convention, active=False)
    response = client.post("/c/ai/sessions/new", data=SESSION)
    session = db.session.scalar(sa.select(ConventionSession))
    assert response.location.endswith(f"/c/ai/sessions/{session.id}")
    assert session.starts_at.isoformat() == "2026-06-06T07:30:00+00:00"  # Paris, summer time
    told = set(db.session.scalars(sa.select(Notification.user_id)))
    assert told == {c.user_id for c in citizens}
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert "09:30" in page and "<strong>questions</strong>" in page


def test_a_session_cannot_end_before_it_starts(client, login_as):
    facilitated(login_as)
    response = client.post("/c/ai/sessions/new", data=SESSION | {"ends_at": "2026-06-06T08:00"})
    assert response.status_code == 422 and "The end must come after the start." in response.text


def test_editing_shows_local_times_and_bumps_the_calendar_sequence(client, login_as):
    convention, _ = facilitated(login_as)
    client.post("/c/ai/sessions/new", data=SESSION)
    session = db.session.scalar(sa.select(ConventionSession))
    assert 'value="2026-06-06T09:30"' in client.get(f"/c/ai/sessions/{session.id}/edit").text
    client.post(f"/c/ai/sessions/{session.id}/edit", data=SESSION | {"location": "Library"})
    assert (session.location, session.sequence) == ("Library", 1)
    client.post(f"/c/ai/sessions/{session.id}/cancel")
    assert session.cancelled_at is not None and session.sequence == 2
    assert "STATUS:CANCELLED" in client.get(f"/c/ai/sessions/{session.id}.ics").text
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["session.scheduled", "session.updated", "session.cancelled"]


def test_the_agenda_shows_running_times_and_can_be_reordered(client, login_as):
    convention, _ = facilitated(login_as)
    topic = make_topic(convention, title="Cameras")
    session = make_session(convention)
    for title, minutes, topic_id in (
        ("Welcome", 30, 0),
        ("Debate", 90, topic.id),
        ("Lunch", "", 0),
    ):
        data = {"title": title, "minutes": minutes, "topic_id": topic_id}
        assert client.post(f"/c/ai/sessions/{session.id}/agenda", data=data).status_code == 303
    items = db.session.scalars(sa.select(AgendaItem).order_by(AgendaItem.position)).all()
    assert [(i.title, i.minutes, i.topic_id) for i in items] == [
        ("Welcome", 30, None),
        ("Debate", 90, topic.id),
        ("Lunch", None, None),
    ]
    client.post(f"/c/ai/agenda/{items[2].id}/move", data={"direction": "up"})
    client.post(f"/c/ai/agenda/{items[0].id}/delete")
    titles = db.session.scalars(sa.select(AgendaItem.title).order_by(AgendaItem.position)).all()
    assert titles == ["Lunch", "Debate"]
    page = client.get(f"/c/ai/sessions/{session.id}").text
    assert page.index("Lunch") < page.index("Debate") and ">Cameras</a>" in page


def test_an_agenda_item_cannot_point_to_another_conventions_topic(client, login_as):
    convention, _ = facilitated(login_as)
    foreign = make_topic(make_convention(slug="other"))
    session = make_session(convention)
    data = {"title": "Sneaky", "topic_id": foreign.id}
    assert client.post(f"/c/ai/sessions/{session.id}/agenda", data=data).status_code == 422


def test_attendance_is_recorded_on_one_screen_and_updated(client, login_as):
    convention, facilitator = facilitated(login_as)
    ana, bo = make_member(convention, pseudonym="Ana"), make_member(convention, pseudonym="Bo")
    session = make_session(convention, starts_in=timedelta(hours=-2))
    form = client.get(f"/c/ai/sessions/{session.id}/attendance").text
    assert f'name="status-{ana.id}"' in form and "<legend>Ana" in form
    data = {f"status-{ana.id}": "present", f"status-{bo.id}": "excused", "status-99999": "present"}
    client.post(f"/c/ai/sessions/{session.id}/attendance", data=data)
    client.post(f"/c/ai/sessions/{session.id}/attendance", data={f"status-{bo.id}": "bogus"})
    client.post(f"/c/ai/sessions/{session.id}/attendance", data={f"status-{ana.id}": "absent"})
    rows = dict(db.session.execute(sa.select(Attendance.membership_id, Attendance.status)).all())
    assert {k: v.value for k, v in rows.items()} == {ana.id: "absent", bo.id: "excused"}
    assert "0 present, 1 excused, 1 absent." in client.get(f"/c/ai/sessions/{session.id}").text
    again = client.get(f"/c/ai/sessions/{session.id}/attendance").text
    assert f'name="status-{bo.id}" value="excused" checked' in again


def test_members_read_sessions_and_download_the_calendar(client, login_as):
    convention = make_convention(slug="ai", title="Convention on AI")
    login_as(make_member(convention).user)
    past = make_session(convention, title="Opening", starts_in=timedelta(days=-20))
    make_session(convention, title="Closing, at last", starts_in=timedelta(days=20))
    page = client.get("/c/ai/sessions").text
    assert page.index("Coming sessions") < page.index("Closing, at last") < page.index("Opening")
    whole = client.get("/c/ai/sessions.ics")
    assert whole.mimetype == "text/calendar"
    assert whole.headers["Content-Disposition"] == 'attachment; filename="ai.ics"'
    assert whole.text.count("BEGIN:VEVENT") == 2 and "Closing\\, at last" in whole.text
    one = client.get(f"/c/ai/sessions/{past.id}.ics").text
    assert one.count("BEGIN:VEVENT") == 1 and f"UID:session-{past.id}-ai@" in one
    assert client.get("/c/ai/sessions/new").status_code == 403
    assert client.get(f"/c/ai/sessions/{past.id}/attendance").status_code == 403


def test_a_bare_carriage_return_in_a_title_does_not_reach_the_calendar(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention).user)
    session = make_session(convention, title="Day 1\rEND:VEVENT\rX-EVIL:1")
    for url in ("/c/ai/sessions.ics", f"/c/ai/sessions/{session.id}.ics"):
        calendar = client.get(url).data
        assert b"\r" not in calendar.replace(b"\r\n", b"")
        lines = calendar.split(b"\r\n")
        assert lines.count(b"END:VEVENT") == 1 and not any(ln.startswith(b"X-EVIL") for ln in lines)


def test_private_calendars_need_a_member_and_foreign_ids_answer_404(client, login_as):
    convention = make_convention(slug="ai")
    session = make_session(convention)
    assert client.get(f"/c/ai/sessions/{session.id}.ics").status_code == 302
    other = make_convention(slug="other")
    login_as(make_member(other, role=Role.FACILITATOR).user)
    assert client.get(f"/c/other/sessions/{session.id}.ics").status_code == 404
    assert client.get(f"/c/other/sessions/{session.id}/attendance").status_code == 404
