"""Working groups: the list, a group's space, members by hand, the balanced draw."""

import secrets

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _, ngettext
from wtforms.fields.choices import SelectChoice

from convention.access import can, require, scoped_or_404
from convention.extensions import db
from convention.groups import forms, queries, services
from convention.models import WorkingGroup
from convention.rules.groups import spread
from convention.rules.policy import Action
from convention.topics import queries as topic_queries
from convention.web.forms import form_page

bp = Blueprint("groups", __name__, url_prefix="/c/<slug>")
MAX_UPLOAD = 512 * 1024


def _all_groups() -> list[WorkingGroup]:
    """The convention's groups with their topics and members, in three queries."""
    return list(db.session.scalars(queries.groups_of(g.convention)))


@bp.get("/groups")
@require(Action.VIEW_GROUPS)
def list_groups():
    """List the working groups, the member's own first."""
    groups = _all_groups()
    recorded = services.attributes_of(g.convention) if can(Action.MANAGE_GROUPS) else {}
    names = sorted({k for values in recorded.values() for k in values})
    mixes = {
        name: spread([[m.id for m in gr.members] for gr in groups], recorded, name)
        for name in names
    }
    return render_template(
        "groups/group_list.html",
        groups=groups,
        mine=g.membership.group_ids if g.membership else frozenset(),
        attribute_names=names,
        mixes=mixes,
        recorded_count=len(recorded),
    )


@bp.route("/groups/new", methods=["GET", "POST"])
@require(Action.MANAGE_GROUPS)
def new_group():
    """Create a working group on one or more topics."""
    form = forms.GroupForm()
    topics = db.session.scalars(topic_queries.topics_of(g.convention)).all()
    form.topics.choices = [SelectChoice(t.id, t.title) for t in topics]
    valid = form.validate_on_submit()
    if valid and services.name_taken(g.convention, form.name.data):
        form.name.errors.append(_("Another working group already has this name: choose another."))
        valid = False
    if not valid:
        return form_page("groups/group_form.html", form)
    group = services.create_group(
        g.membership,
        name=form.name.data,
        description=form.description.data or "",
        topics=[t for t in topics if t.id in form.topics.data],
    )
    flash(_("The working group is created."), "success")
    return redirect(url_for(".show_group", group_id=group.id)), 303


@bp.get("/groups/<int:group_id>")
@require(Action.VIEW_GROUPS)
def show_group(group_id: int):
    """Show a group's space: its members, topics and recommendations, drafts for its members."""
    group = scoped_or_404(WorkingGroup, group_id)
    member_of = g.membership is not None and group.id in g.membership.group_ids
    drafts = member_of or can(Action.MANAGE_RECOMMENDATIONS)
    return render_template(
        "groups/group_detail.html",
        group=group,
        member_of=member_of,
        recommendations=db.session.scalars(queries.recommendations_of(group, drafts)).all(),
    )


@bp.route("/groups/<int:group_id>/members", methods=["GET", "POST"])
@require(Action.MANAGE_GROUPS)
def edit_members(group_id: int):
    """Choose a group's members by hand."""
    group = scoped_or_404(WorkingGroup, group_id)
    candidates = db.session.scalars(queries.candidates(g.convention)).all()
    form = forms.MembersForm(data={"members": [m.id for m in group.members]})
    form.members.choices = [SelectChoice(m.id, m.pseudonym) for m in candidates]
    if not form.validate_on_submit():
        return form_page("groups/group_members.html", form, group=group)
    chosen = [m for m in candidates if m.id in (form.members.data or [])]
    services.set_members(group, g.membership, chosen)
    flash(_("The group's members are saved."), "success")
    return redirect(url_for(".show_group", group_id=group.id)), 303


@bp.route("/groups/draw", methods=["GET", "POST"])
@require(Action.MANAGE_GROUPS)
def draw_groups():
    """Deal the citizens into the groups by a balanced draw from a shown seed."""
    form = forms.DrawForm()
    if not form.is_submitted():
        form.seed.data = str(secrets.randbelow(10**6))
    if not form.validate_on_submit():
        return form_page("groups/group_draw.html", form)
    try:
        services.draw(g.membership, form.seed.data.strip())
    except services.GroupError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".list_groups")), 303
    flash(_("The groups are drawn. Anyone can redo the draw with the same seed."), "success")
    return redirect(url_for(".list_groups")), 303


@bp.route("/groups/attributes", methods=["GET", "POST"])
@require(Action.MANAGE_GROUPS)
def upload_attributes():
    """Record the members' attributes the draw mixes, from a CSV file."""
    form = forms.AttributesForm()
    if not form.validate_on_submit():
        return form_page("groups/group_attributes.html", form)
    raw = form.file.data.read(MAX_UPLOAD + 1)
    try:
        if len(raw) > MAX_UPLOAD:
            raise services.GroupError(_("The file is too large."))
        count = services.import_attributes(g.membership, raw)
    except services.GroupError as error:
        db.session.rollback()
        form.file.errors = error.messages
        return render_template("groups/group_attributes.html", form=form), 422
    flash(
        ngettext(
            "Attributes recorded for %(num)s member.",
            "Attributes recorded for %(num)s members.",
            count,
        ),
        "success",
    )
    return redirect(url_for(".list_groups")), 303
