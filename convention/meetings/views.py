"""Sessions: the calendar, each session's agenda, attendance, and iCalendar downloads."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from convention.access import require, scoped_or_404
from convention.clock import local_to_utc, utc_to_local, utcnow
from convention.extensions import db
from convention.meetings import forms, ical, queries, services
from convention.models import AgendaItem, ConventionSession, Topic
from convention.rules.meetings import AttendanceStatus, agenda_times, may_apologise
from convention.rules.policy import Action
from convention.topics.queries import topics_of
from convention.web.forms import ActionForm, form_page

bp = Blueprint("meetings", __name__, url_prefix="/c/<slug>")


@bp.get("/sessions")
@require(Action.VIEW_MATERIALS)
def list_sessions():
    """Show the coming sessions first, then the past ones."""
    sessions = db.session.scalars(queries.sessions_of(g.convention)).all()
    now = utcnow()
    upcoming = [s for s in sessions if s.ends_at >= now]
    past = [s for s in reversed(sessions) if s.ends_at < now]
    return render_template("meetings/session_list.html", upcoming=upcoming, past=past)


@bp.route("/sessions/new", methods=["GET", "POST"])
@require(Action.MANAGE_SESSIONS)
def new_session():
    """Schedule a session; every member is told."""
    form = forms.SessionForm()
    if not form.validate_on_submit():
        return form_page("meetings/session_form.html", form)
    session = services.schedule_session(g.membership, **_fields(form))
    flash(_("The session is scheduled."), "success")
    return redirect(url_for("meetings.show_session", session_id=session.id))


def _fields(form: forms.SessionForm) -> dict:
    """Read the form, times converted from the convention's zone to UTC."""
    fields = {k: v for k, v in form.data.items() if k != "csrf_token"}
    for key in ("starts_at", "ends_at"):
        fields[key] = local_to_utc(fields[key], g.convention.time_zone)
    fields["online_url"] = fields["online_url"] or None
    return fields


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@require(Action.MANAGE_SESSIONS)
def edit_session(session_id: int):
    """Change a session's time, place or details."""
    session = scoped_or_404(ConventionSession, session_id)
    form = forms.SessionForm(data=_local_times(session) if request.method == "GET" else None)
    if not form.validate_on_submit():
        return form_page("meetings/session_form.html", form, session=session)
    services.update_session(session, g.membership, **_fields(form))
    flash(_("The session is saved."), "success")
    return redirect(url_for("meetings.show_session", session_id=session.id))


def _local_times(session: ConventionSession) -> dict:
    """Fill the form with a session, its times in the convention's zone."""
    zone = g.convention.time_zone
    return {key: getattr(session, key) for key in services.SESSION_FIELDS} | {
        "starts_at": utc_to_local(session.starts_at, zone),
        "ends_at": utc_to_local(session.ends_at, zone),
    }


@bp.get("/sessions/<int:session_id>")
@require(Action.VIEW_MATERIALS)
def show_session(session_id: int):
    """Show a session: when, where, its agenda, and for facilitators its attendance."""
    session = scoped_or_404(ConventionSession, session_id)
    return render_session(session)


def render_session(session: ConventionSession, agenda_form=None, status: int = 200):
    """Render a session's page with its agenda's running times."""
    times = agenda_times(session.starts_at, [item.minutes for item in session.agenda])
    counts = dict(db.session.execute(queries.attendance_counts(session)).all())
    apologised = db.session.scalars(queries.apologies(session)).all()
    page = render_template(
        "meetings/session_detail.html",
        session=session,
        apologised=apologised,
        upcoming=may_apologise(session.starts_at, session.cancelled_at is not None, utcnow()),
        agenda=list(zip(session.agenda, times, strict=True)),
        counts=counts,
        agenda_form=agenda_form or _agenda_form(formdata=None),
        action_form=ActionForm(),
    )
    return page, status


def _agenda_form(**kwargs) -> forms.AgendaItemForm:
    """An agenda form offering the convention's topics."""
    form = forms.AgendaItemForm(**kwargs)
    topics = db.session.scalars(topics_of(g.convention)).all()
    form.topic_id.choices = [(0, _("No topic"))] + [(t.id, t.title) for t in topics]
    return form


@bp.post("/sessions/<int:session_id>/apology")
@require(Action.SEND_APOLOGIES)
def send_apology(session_id: int):
    """Say ahead that one cannot come to a session, or take it back."""
    session = scoped_or_404(ConventionSession, session_id)
    choice = request.form.get("apology")
    if not ActionForm().validate_on_submit() or choice not in ("send", "withdraw"):
        abort(400)
    try:
        if choice == "send":
            services.send_apology(session, g.membership)
        else:
            services.withdraw_apology(session, g.membership)
    except services.SessionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.show_session", session_id=session.id)), 303
    said = (
        _("The facilitators know you cannot come.")
        if choice == "send"
        else _("The facilitators know you can come after all.")
    )
    flash(said, "success")
    return redirect(url_for("meetings.show_session", session_id=session.id)), 303


@bp.post("/sessions/<int:session_id>/cancel")
@require(Action.MANAGE_SESSIONS)
def cancel_session(session_id: int):
    """Cancel a session; calendars show it cancelled."""
    session = scoped_or_404(ConventionSession, session_id)
    try:
        services.cancel_session(session, g.membership)
    except services.SessionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.show_session", session_id=session.id)), 303
    flash(_("The session is cancelled."), "success")
    return redirect(url_for("meetings.show_session", session_id=session.id)), 303


@bp.post("/sessions/<int:session_id>/agenda")
@require(Action.MANAGE_SESSIONS)
def add_agenda_item(session_id: int):
    """Add an item to a session's agenda."""
    session = scoped_or_404(ConventionSession, session_id)
    form = _agenda_form()
    if not form.validate_on_submit():
        return render_session(session, agenda_form=form, status=422)
    topic = scoped_or_404(Topic, form.topic_id.data) if form.topic_id.data else None
    services.add_agenda_item(session, g.membership, form.title.data, form.minutes.data, topic)
    return redirect(url_for("meetings.show_session", session_id=session.id, _anchor="agenda")), 303


@bp.post("/agenda/<int:item_id>/delete")
@require(Action.MANAGE_SESSIONS)
def remove_agenda_item(item_id: int):
    """Take an item off the agenda."""
    item = scoped_or_404(AgendaItem, item_id)
    session_id = item.session_id
    services.remove_agenda_item(item)
    return redirect(url_for("meetings.show_session", session_id=session_id, _anchor="agenda")), 303


@bp.post("/agenda/<int:item_id>/move")
@require(Action.MANAGE_SESSIONS)
def move_agenda_item(item_id: int):
    """Move an agenda item one place up or down."""
    item = scoped_or_404(AgendaItem, item_id)
    form = ActionForm()
    direction = request.form.get("direction")
    if not form.validate_on_submit() or direction not in ("up", "down"):
        return redirect(url_for("meetings.show_session", session_id=item.session_id)), 303
    services.move_agenda_item(item, -1 if direction == "up" else 1)
    return redirect(
        url_for("meetings.show_session", session_id=item.session_id, _anchor="agenda")
    ), 303


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@require(Action.MANAGE_SESSIONS)
def record_attendance(session_id: int):
    """Record who came, on one screen a facilitator can use on a phone at the door."""
    session = scoped_or_404(ConventionSession, session_id)
    members = db.session.scalars(queries.active_members(g.convention)).all()
    form = ActionForm()
    if not form.validate_on_submit():
        recorded = dict(db.session.execute(queries.attendance_of(session)).all())
        # Who apologised ahead starts as excused; the facilitator may still change it.
        for member in db.session.scalars(queries.apologies(session)):
            recorded.setdefault(member.id, AttendanceStatus.EXCUSED)
        return render_template(
            "meetings/attendance.html",
            session=session,
            members=members,
            recorded=recorded,
            form=form,
        )
    statuses = _statuses([m.id for m in members])
    changed = services.record_attendance(session, g.membership, statuses)
    flash(_("Attendance is saved (%(count)d changes).", count=changed), "success")
    return redirect(url_for("meetings.show_session", session_id=session.id)), 303


def _statuses(member_ids: list[int]) -> dict[int, AttendanceStatus]:
    """Read each member's status from the form; unknown members and values are ignored."""
    allowed = {s.value for s in AttendanceStatus}
    found = {i: request.form.get(f"status-{i}") for i in member_ids}
    return {i: AttendanceStatus(v) for i, v in found.items() if v in allowed}


@bp.get("/sessions.ics")
@require(Action.VIEW_MATERIALS)
def calendar_ics():
    """Download every session of the convention as a calendar."""
    sessions = db.session.scalars(queries.sessions_of(g.convention)).all()
    return _ics([_event(s) for s in sessions], f"{g.convention.slug}.ics")


@bp.get("/sessions/<int:session_id>.ics")
@require(Action.VIEW_MATERIALS)
def session_ics(session_id: int):
    """Download one session as a calendar event."""
    session = scoped_or_404(ConventionSession, session_id)
    return _ics([_event(session)], f"{g.convention.slug}-session-{session.id}.ics")


def _event(session: ConventionSession) -> ical.Event:
    """Describe a session for calendars, its agenda as the description."""
    agenda = "\n".join(f"- {item.title}" for item in session.agenda)
    place = " — ".join(p for p in (session.location, session.online_url or "") if p)
    return ical.Event(
        uid=f"session-{session.id}-{g.convention.slug}@{request.host.split(':')[0]}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=f"{session.title} · {g.convention.title}",
        description="\n\n".join(p for p in (session.description, agenda) if p),
        location=place,
        url=url_for("meetings.show_session", session_id=session.id, _external=True),
        sequence=session.sequence,
        cancelled=session.cancelled_at is not None,
    )


def _ics(events: list[ical.Event], filename: str) -> Response:
    """Answer a calendar file to download."""
    body = ical.calendar(g.convention.title, events, utcnow())
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response
