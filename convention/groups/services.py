"""Changes to working groups: create, assign members by hand or by draw, record attributes."""

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit, csvfiles
from convention.extensions import db
from convention.models import Convention, MemberAttributes, Membership, Topic, User, WorkingGroup
from convention.rules.groups import draw_groups
from convention.rules.policy import Role

MAX_ATTRIBUTES = 6


class GroupError(ValueError):
    """Raised when a change to working groups is refused."""


def create_group(
    convention: Convention, actor: User, *, name: str, description: str, topics: list[Topic]
) -> WorkingGroup:
    """Add a working group on one or more topics."""
    group = WorkingGroup(
        convention_id=convention.id, name=name.strip(), description=description, topics=topics
    )
    db.session.add(group)
    db.session.flush()
    audit.record(actor, "group.created", group, convention=convention, name=group.name)
    return group


def set_members(
    group: WorkingGroup, convention: Convention, actor: User, members: list[Membership]
) -> None:
    """Choose a group's members by hand; each member leaves any other group."""
    _leave_other_groups(group.convention_id, [m.id for m in members], keep=group.id)
    group.members = members
    group.draw_seed = None
    db.session.flush()
    audit.record(
        actor,
        "group.members_set",
        group,
        convention=convention,
        members=sorted(m.id for m in members),
    )


def _leave_other_groups(convention_id: int, member_ids: list[int], keep: int) -> None:
    """Take these members out of the convention's other groups: one group per member."""
    for other in db.session.scalars(
        sa.select(WorkingGroup).where(
            WorkingGroup.convention_id == convention_id, WorkingGroup.id != keep
        )
    ):
        other.members = [m for m in other.members if m.id not in member_ids]


def draw(convention: Convention, actor: User, seed: str) -> list[WorkingGroup]:
    """Deal the active citizens into the convention's groups by a balanced draw from `seed`."""
    groups = db.session.scalars(
        sa.select(WorkingGroup)
        .where(WorkingGroup.convention_id == convention.id)
        .order_by(WorkingGroup.id)
    ).all()
    if not groups:
        raise GroupError(_("Create the working groups first."))
    citizens = db.session.scalars(
        sa.select(Membership).where(
            Membership.convention_id == convention.id,
            Membership.active.is_(True),
            Membership.role == Role.CITIZEN,
        )
    ).all()
    recorded = attributes_of(convention)
    dealt = draw_groups({m.id: recorded.get(m.id, {}) for m in citizens}, len(groups), seed)
    by_id = {m.id: m for m in citizens}
    for group, ids in zip(groups, dealt, strict=True):
        group.members, group.draw_seed = [by_id[i] for i in ids], seed
    db.session.flush()
    audit.record(
        actor,
        "group.drawn",
        "working_groups",
        convention=convention,
        seed=seed,
        groups={g.id: ids for g, ids in zip(groups, dealt, strict=True)},
    )
    return list(groups)


def attributes_of(convention: Convention) -> dict[int, dict[str, str]]:
    """Return the recorded attributes of each member of the convention."""
    rows = db.session.scalars(
        sa.select(MemberAttributes).where(MemberAttributes.convention_id == convention.id)
    )
    return {row.membership_id: dict(row.attributes) for row in rows}


def import_attributes(convention: Convention, actor: User, data: bytes) -> int:
    """Record members' attributes from a CSV whose first column is the pseudonym; return rows."""
    try:
        found = list(csvfiles.read(data, delimiters=(",",)))
    except csvfiles.CsvFileError as error:
        raise GroupError(
            _("Line %(line)d: %(reason)s", line=error.line, reason=error.reason)
        ) from error
    header = found[0].fields if found else []
    if len(header) < 2 or len(header) > MAX_ATTRIBUTES + 1:
        raise GroupError(_("Give a pseudonym column, then one to six attribute columns."))
    members = {
        m.pseudonym.casefold(): m
        for m in db.session.scalars(
            sa.select(Membership).where(Membership.convention_id == convention.id)
        )
    }
    existing = {row.membership_id: row for row in _rows(convention)}
    count = 0
    for line in (record.fields for record in found[1:]):
        member = members.get(line[0].casefold())
        if member is None:
            continue
        values = {k: v[:60] for k, v in zip(header[1:], line[1:], strict=False)}
        row = existing.get(member.id) or MemberAttributes(
            membership_id=member.id, convention_id=convention.id
        )
        row.attributes = values
        db.session.add(row)
        count += 1
    db.session.flush()
    audit.record(
        actor,
        "group.attributes_imported",
        "member_attributes",
        convention=convention,
        rows=count,
        attributes=header[1:],
    )
    return count


def _rows(convention: Convention) -> list[MemberAttributes]:
    """The convention's recorded attribute rows."""
    return list(
        db.session.scalars(
            sa.select(MemberAttributes).where(MemberAttributes.convention_id == convention.id)
        )
    )


def name_taken(convention: Convention, name: str) -> bool:
    """Tell whether another working group of `convention` already has this name."""
    found = sa.select(WorkingGroup.id).where(
        WorkingGroup.convention_id == convention.id, WorkingGroup.name == name.strip()
    )
    return db.session.scalar(found) is not None
