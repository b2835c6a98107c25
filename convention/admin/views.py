"""Administrators create conventions, appoint their facilitators and read the outbox."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from convention.access import require_admin
from convention.admin import queries
from convention.admin.forms import FacilitatorForm
from convention.conventions import services as convention_services
from convention.conventions.forms import NewConventionForm
from convention.conventions.queries import member_counts
from convention.extensions import db
from convention.members.letters import issued_page
from convention.members.services import IssuedInvitation, MemberError
from convention.models import Convention
from convention.web.forms import form_page

bp = Blueprint("admin", __name__, url_prefix="/admin")

OUTBOX_SIZE = 100


@bp.get("/")
@require_admin
def list_conventions():
    """List every convention with its member count, and offer to create one."""
    return _conventions_page(NewConventionForm(formdata=None))


def _conventions_page(form: NewConventionForm, status: int = 200):
    """Render the list of conventions with the creation form."""
    conventions = db.session.scalars(queries.conventions()).all()
    counts = dict(db.session.execute(member_counts([c.id for c in conventions])).all())
    page = render_template(
        "admin/convention_list.html", conventions=conventions, counts=counts, form=form
    )
    return page, status


@bp.post("/conventions")
@require_admin
def create_convention():
    """Create a convention in its set-up phase."""
    form = NewConventionForm()
    if not form.validate_on_submit():
        return _conventions_page(form, 422)
    try:
        convention = convention_services.create_convention(current_user, **form.data)
    except convention_services.ConventionError as error:
        form.slug.errors.append(str(error))
        return _conventions_page(form, 422)
    flash(_("The convention is created. Appoint its facilitators now."), "success")
    return redirect(url_for("admin.appoint_facilitator", convention_id=convention.id))


@bp.route("/conventions/<int:convention_id>/facilitators", methods=["GET", "POST"])
@require_admin
def appoint_facilitator(convention_id: int):
    """Make someone a facilitator of a convention."""
    convention = db.session.get(Convention, convention_id) or abort(404)
    form = FacilitatorForm()
    if not form.validate_on_submit():
        return form_page("admin/facilitator_appoint.html", form, convention=convention)
    try:
        result = convention_services.appoint_facilitator(
            convention, current_user, form.email.data.lower(), form.name.data
        )
    except MemberError as error:
        db.session.rollback()
        form.email.errors.append(str(error))
        page = render_template("admin/facilitator_appoint.html", convention=convention, form=form)
        return page, 422
    if isinstance(result, IssuedInvitation):
        return issued_page([result], from_admin=True)
    flash(_("%(name)s is now a facilitator.", name=result.user.display_name), "success")
    return redirect(url_for("admin.list_conventions"))


@bp.get("/outbox")
@require_admin
def show_outbox():
    """Show the latest messages the platform wrote."""
    messages = db.session.scalars(queries.latest_outbox(OUTBOX_SIZE)).all()
    return render_template("admin/outbox.html", messages=messages)
