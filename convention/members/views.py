"""Facilitators' pages for the panel: members, roles, invitations, in-person onboarding."""

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from convention.access import can, require, scoped_or_404
from convention.extensions import db
from convention.meetings.queries import member_attendance
from convention.members import forms, imports, letters, queries, services
from convention.members.csv_import import InviteeRow, parse_invitees
from convention.members.files import members_csv
from convention.models import Invitation, InvitationImport, Membership
from convention.rules.policy import Action, Role
from convention.web.acts import act_then_redirect
from convention.web.forms import ActionForm, form_page

bp = Blueprint("members", __name__, url_prefix="/c/<slug>")


@bp.get("/members")
@require(Action.VIEW_MEMBERS)
def list_members():
    """List the members with their roles, states and attendance; searched and filtered."""
    filters = forms.MemberFilterForm(request.args)
    members = _listed(filters)
    held, present = member_attendance(g.convention)
    return render_template(
        "members/member_list.html",
        members=members,
        filters=filters,
        held=held,
        present=present,
        role_form=forms.RoleForm(),
        action_form=ActionForm(),
    )


@bp.get("/members.csv")
@require(Action.VIEW_MEMBERS)
def export_members():
    """Export the members listed (same search and filter) as a spreadsheet."""
    members = _listed(forms.MemberFilterForm(request.args))
    held, present = member_attendance(g.convention)
    text = members_csv(members, held, present, contacts=can(Action.VIEW_CONTACTS))
    name = f"{g.convention.slug}-members.csv"
    return Response(
        text, mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={name}"}
    )


def _listed(filters: forms.MemberFilterForm) -> list[Membership]:
    """Return the memberships the search and the role filter select."""
    return list(db.session.scalars(queries.members_of(g.convention, *filters.criteria())))


@bp.post("/members/<int:membership_id>/role")
@require(Action.MANAGE_MEMBERS)
def change_role(membership_id: int):
    """Give a member another role."""
    membership = scoped_or_404(Membership, membership_id)
    form = forms.RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose a role from the list."), "error")
        return redirect(url_for("members.list_members")), 303
    return _apply(
        lambda: services.change_role(membership, Role(form.role.data), g.membership),
        _("The role of %(name)s is changed.", name=membership.user.display_name),
    )


@bp.post("/members/<int:membership_id>/deactivate")
@require(Action.MANAGE_MEMBERS)
def deactivate_member(membership_id: int):
    """Stop a member from taking part; their contributions stay."""
    membership = scoped_or_404(Membership, membership_id)
    return _apply(
        lambda: services.set_active(membership, False, g.membership),
        _("%(name)s is deactivated.", name=membership.user.display_name),
    )


@bp.post("/members/<int:membership_id>/reactivate")
@require(Action.MANAGE_MEMBERS)
def reactivate_member(membership_id: int):
    """Let a deactivated member take part again."""
    membership = scoped_or_404(Membership, membership_id)
    return _apply(
        lambda: services.set_active(membership, True, g.membership),
        _("%(name)s is active again.", name=membership.user.display_name),
    )


def _apply(change, success: str, endpoint: str = "members.list_members"):
    """Run a service and say so, or undo it and show the rule it broke."""
    return act_then_redirect(change, url_for(endpoint), success)


@bp.route("/members/new", methods=["GET", "POST"])
@require(Action.MANAGE_MEMBERS)
def onboard_member():
    """Create a member's account with them, at a session."""
    form = forms.OnboardForm()
    if not form.validate_on_submit():
        return form_page("members/member_onboard.html", form)
    person = services.InPersonMember(
        form.display_name.data,
        form.login.data,
        form.password.data,
        form.pseudonym.data,
        Role(form.role.data),
    )
    try:
        services.onboard_in_person(g.membership, person)
    except services.MemberError as error:
        db.session.rollback()
        form.login.errors.append(str(error))
        return render_template("members/member_onboard.html", form=form), 422
    flash(_("%(name)s is now a member and can sign in.", name=person.display_name), "success")
    return redirect(url_for("members.list_members"))


@bp.get("/invitations")
@require(Action.MANAGE_MEMBERS)
def list_invitations():
    """Show every invitation and its state, with the forms to invite more."""
    return _invitations_page(forms.InviteForm(formdata=None), forms.InviteCsvForm(formdata=None))


def _invitations_page(invite_form, csv_form, status: int = 200, csv_errors=()):
    """Render the invitations page with the given forms and errors."""
    invitations = db.session.scalars(queries.invitations_of(g.convention)).all()
    page = render_template(
        "members/invitation_list.html",
        invitations=invitations,
        invite_form=invite_form,
        csv_form=csv_form,
        csv_errors=csv_errors,
        action_form=ActionForm(),
    )
    return page, status


@bp.post("/invitations")
@require(Action.MANAGE_MEMBERS)
def create_invitation():
    """Invite one person."""
    form = forms.InviteForm()
    if not form.validate_on_submit():
        return _invitations_page(form, forms.InviteCsvForm(formdata=None), 422)
    row = InviteeRow(
        0, (form.email.data or "").lower() or None, form.name.data, Role(form.role.data)
    )
    try:
        issued = services.invite(g.convention, current_user, row)
    except services.MemberError as error:
        db.session.rollback()
        form.email.errors.append(str(error))
        return _invitations_page(form, forms.InviteCsvForm(formdata=None), 422)
    return letters.issued_page([issued])


@bp.post("/invitations/import")
@require(Action.MANAGE_MEMBERS)
def import_invitations():
    """Invite everyone in a CSV file, or nobody if any line is wrong; a large file in a job."""
    form = forms.InviteCsvForm()
    if not form.validate_on_submit():
        return _invitations_page(forms.InviteForm(formdata=None), form, 422)
    rows, errors = parse_invitees(form.file.data.read())
    if not errors:
        errors = services.refused_rows(g.convention, rows)
    if errors:
        return _invitations_page(forms.InviteForm(formdata=None), form, 422, errors)
    if len(rows) > imports.IN_REQUEST_ROWS:
        batch = imports.queue_import(g.convention, current_user, rows)
        return redirect(url_for("members.show_import", import_id=batch.id)), 303
    issued, _refused = services.invite_many(g.convention, current_user, rows)
    return letters.issued_page(issued)


@bp.get("/invitations/imports/<int:import_id>")
@require(Action.MANAGE_MEMBERS)
def show_import(import_id: int):
    """Show how a large invitation file is doing, then what it made and the letters to print."""
    batch = scoped_or_404(InvitationImport, import_id)
    return render_template("members/import_detail.html", batch=batch, form=ActionForm())


@bp.post("/invitations/imports/<int:import_id>/letters")
@require(Action.MANAGE_MEMBERS)
def print_import_letters(import_id: int):
    """Make new codes for the file's people without an address and show their letters once."""
    batch = scoped_or_404(InvitationImport, import_id)
    issued = imports.print_letters(batch, g.membership)
    if not issued:
        flash(_("No letter is left to print: every invitation is accepted or revoked."), "info")
        return redirect(url_for("members.show_import", import_id=batch.id)), 303
    return letters.issued_page(issued)


@bp.post("/invitations/<int:invitation_id>/resend")
@require(Action.MANAGE_MEMBERS)
def resend_invitation(invitation_id: int):
    """Send an invitation again with a new link and code."""
    invitation = scoped_or_404(Invitation, invitation_id)
    try:
        issued = services.resend(invitation, g.membership)
    except services.MemberError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("members.list_invitations")), 303
    return letters.issued_page([issued])


@bp.post("/invitations/<int:invitation_id>/revoke")
@require(Action.MANAGE_MEMBERS)
def revoke_invitation(invitation_id: int):
    """Make a pending invitation unusable."""
    invitation = scoped_or_404(Invitation, invitation_id)
    return _apply(
        lambda: services.revoke(invitation, g.membership),
        _("The invitation of %(name)s is revoked.", name=invitation.name),
        "members.list_invitations",
    )
