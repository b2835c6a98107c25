"""The dashboard, a convention's home page, its settings, phase and audit log."""

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from convention.access import require
from convention.audit import head_hash
from convention.conventions import audit_log, forms, queries, services, todo
from convention.extensions import db
from convention.models import PhaseMoveError
from convention.rules.phases import Phase, allowed_moves, can_move
from convention.rules.policy import Action
from convention.web import confirm, names
from convention.web.forms import form_page
from convention.web.urls import query_int

bp = Blueprint("conventions", __name__)

AUDIT_PAGE_SIZE = 50


@bp.get("/")
def dashboard():
    """Show my conventions and what awaits me, or the public conventions to a visitor."""
    public = db.session.scalars(queries.public_conventions()).all()
    if not current_user.is_authenticated:
        return render_template("conventions/home.html", public=public)
    memberships = db.session.scalars(queries.my_memberships(current_user)).all()
    return render_template(
        "conventions/dashboard.html",
        memberships=memberships,
        todos=todo.todo_for(list(memberships)),
        public=public,
    )


@bp.get("/c/<slug>/")
@require(Action.VIEW)
def show_convention():
    """Show the convention's mandate, where it stands, and what its members can do."""
    ids = [g.convention.id]
    members = dict(db.session.execute(queries.member_counts(ids)).all())
    member = g.membership
    return render_template(
        "conventions/convention_detail.html",
        member_count=members.get(g.convention.id, 0),
        phase_form=_phase_form(),
        todo=todo.todo_for([member])[member.id] if member else None,
    )


def _phase_form() -> forms.PhaseForm:
    """Offer only the phases the lifecycle allows from here."""
    form = forms.PhaseForm(formdata=None)
    moves = allowed_moves(g.convention.phase)
    form.phase.choices = [c for c in form.phase.choices if Phase(c.value) in moves]
    return form


@bp.post("/c/<slug>/phase")
@require(Action.MANAGE_CONVENTION)
def change_phase():
    """Ask first, then move the convention to the next or previous phase."""
    form = forms.PhaseForm()
    back = url_for("conventions.show_convention")
    target = Phase(form.phase.data) if form.validate_on_submit() else None
    if target == g.convention.phase:
        flash(_("The convention is already in this phase."), "info")  # a double click
        return redirect(back), 303
    try:
        if target is None or not can_move(g.convention.phase, target):
            raise PhaseMoveError(form.errors)
        if not confirm.confirmed():
            return _ask_phase(target, back)
        services.move_phase(g.membership, target)
    except PhaseMoveError:
        db.session.rollback()
        flash(_("The convention cannot move to this phase from where it is."), "error")
        return redirect(back), 303
    flash(_("The convention is now in its new phase."), "success")
    return redirect(back), 303


def _ask_phase(target: Phase, back: str) -> str:
    """Say what moving to the phase does, and ask to confirm it."""
    consequence = _(
        "This will move the convention from “%(current)s” to “%(target)s”. Every member sees "
        "the new phase and is told of it; the pages offer what the new phase calls for.",
        current=names.PHASE_NAMES[g.convention.phase],
        target=names.PHASE_NAMES[target],
    )
    return confirm.ask(consequence, _("Change the phase"), back, phase=target.value)


@bp.route("/c/<slug>/settings", methods=["GET", "POST"])
@require(Action.MANAGE_CONVENTION)
def edit_convention():
    """Change the convention's title, mandate, charter, time zone, languages and visibility."""
    form = forms.ConventionForm(obj=g.convention)
    if not form.validate_on_submit():
        return form_page("conventions/convention_edit.html", form)
    services.update_settings(g.membership, **form.data)
    flash(_("The settings are saved."), "success")
    return redirect(url_for("conventions.show_convention"))


@bp.get("/c/<slug>/charter")
@require(Action.VIEW)
def show_charter():
    """Show the convention's charter and code of conduct."""
    return render_template("conventions/charter.html")


@bp.get("/c/<slug>/audit")
@require(Action.VIEW_AUDIT)
def show_audit():
    """Show the convention's audit log as sentences, filtered, a page at a time."""
    page = max(query_int("page", 1) or 1, 1)
    filters = audit_log.Filters.parse(request.args)
    select = filters.apply(queries.audit_log(g.convention), g.convention.time_zone)
    events = db.session.scalars(
        select.limit(AUDIT_PAGE_SIZE + 1).offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    shown = events[:AUDIT_PAGE_SIZE]
    return render_template(
        "conventions/audit_log.html",
        events=shown,
        names=audit_log.names_of(shown),
        sentence=audit_log.sentence,
        details=audit_log.details,
        who=audit_log.who,
        filters=filters,
        families=audit_log.FAMILIES,
        family_names=audit_log.FAMILY_NAMES,
        actors=audit_log.actors(g.convention),
        head=head_hash(g.convention),
        page=page,
        has_next=len(events) > AUDIT_PAGE_SIZE,
    )


@bp.get("/c/<slug>/audit.csv")
@require(Action.VIEW_AUDIT)
def export_audit():
    """Export the filtered audit log as CSV, oldest first."""
    filters = audit_log.Filters.parse(request.args)
    select = filters.apply(queries.audit_log(g.convention), g.convention.time_zone)
    events = list(reversed(db.session.scalars(select).all()))
    return Response(
        audit_log.to_csv(events, g.convention.time_zone),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={g.convention.slug}-audit.csv"},
    )
