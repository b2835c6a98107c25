"""Changes to working groups: create, assign members by hand or by draw, record attributes."""

import sqlalchemy as sa
from flask_babel import gettext as _, lazy_gettext as _l

from convention import audit, csvfiles
from convention.errors import ServiceError
from convention.extensions import db
from convention.members.queries import is_active_citizen
from convention.models import Convention, MemberAttributes, Membership, Topic, WorkingGroup
from convention.rules.groups import draw_groups

MAX_ATTRIBUTES = 6
# The attributes file: a pseudonym column, then the attributes, named as the facilitator likes.
ATTRIBUTE_COLUMNS = csvfiles.Columns(
    {"pseudonym": ("pseudonym", "pseudonyme")}, required=("pseudonym",), others=True
)


class GroupError(ServiceError):
    """Raised when a change to working groups is refused; `messages` say each reason."""

    def __init__(self, *messages: str) -> None:
        super().__init__("\n".join(messages))
        self.messages = csvfiles.shown(messages)


def create_group(
    actor: Membership, *, name: str, description: str, topics: list[Topic]
) -> WorkingGroup:
    """Add a working group on one or more topics."""
    convention = actor.convention
    group = WorkingGroup(
        convention_id=convention.id, name=name.strip(), description=description, topics=topics
    )
    db.session.add(group)
    db.session.flush()
    audit.record(actor.user, "group.created", group, convention=convention, name=group.name)
    return group


def set_members(group: WorkingGroup, actor: Membership, members: list[Membership]) -> None:
    """Choose a group's members by hand; each member leaves any other group."""
    convention = actor.convention
    _leave_other_groups(group.convention_id, [m.id for m in members], keep=group.id)
    group.members = members
    group.draw_seed = None
    db.session.flush()
    audit.record(
        actor.user,
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


def draw(actor: Membership, seed: str) -> list[WorkingGroup]:
    """Deal the active citizens into the convention's groups by a balanced draw from `seed`."""
    convention = actor.convention
    groups = db.session.scalars(
        sa.select(WorkingGroup)
        .where(WorkingGroup.convention_id == convention.id)
        .order_by(WorkingGroup.id)
    ).all()
    if not groups:
        raise GroupError(_("Create the working groups first."))
    citizens = db.session.scalars(
        sa.select(Membership).where(is_active_citizen(convention.id))
    ).all()
    recorded = attributes_of(convention)
    dealt = draw_groups({m.id: recorded.get(m.id, {}) for m in citizens}, len(groups), seed)
    by_id = {m.id: m for m in citizens}
    for group, ids in zip(groups, dealt, strict=True):
        group.members, group.draw_seed = [by_id[i] for i in ids], seed
    db.session.flush()
    audit.record(
        actor.user,
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


def import_attributes(actor: Membership, data: bytes) -> int:
    """Record members' attributes from a CSV with a pseudonym column; return the rows recorded."""
    convention = actor.convention
    try:
        table = csvfiles.read_table(data, ATTRIBUTE_COLUMNS)
    except csvfiles.CsvFileError as error:
        raise GroupError(error.message()) from error
    names = [name for name in table.columns if name != "pseudonym"]
    if not names or len(names) > MAX_ATTRIBUTES:
        raise GroupError(_("Give a pseudonym column, then one to six attribute columns."))
    found, problems = _members_of_rows(convention, table)
    if problems:
        raise GroupError(*(p.message() for p in sorted(problems, key=lambda p: p.line)))
    existing = {row.membership_id: row for row in _rows(convention)}
    for member, values in found:
        row = existing.get(member.id) or MemberAttributes(
            membership_id=member.id, convention_id=convention.id
        )
        row.attributes = {name: values[name][:60] for name in names}
        db.session.add(row)
    db.session.flush()
    audit.record(
        actor.user,
        "group.attributes_imported",
        "member_attributes",
        convention=convention,
        rows=len(found),
        attributes=names,
    )
    return len(found)


def _members_of_rows(
    convention: Convention, table: csvfiles.Table
) -> tuple[list[tuple[Membership, dict[str, str]]], list[csvfiles.CsvFileError]]:
    """Match each row to a member by pseudonym; an unknown or repeated pseudonym is a problem."""
    members = {
        m.pseudonym.casefold(): m
        for m in db.session.scalars(
            sa.select(Membership).where(Membership.convention_id == convention.id)
        )
    }
    found, problems, seen = [], list(table.problems), set()
    for row in table.rows:
        pseudonym = row.values["pseudonym"]
        member = members.get(pseudonym.casefold())
        if member is None:
            reason = _l("No member of this convention is called “%(name)s”.", name=pseudonym)
        elif member.id in seen:
            reason = _l("“%(name)s” appears twice in the file.", name=pseudonym)
        else:
            seen.add(member.id)
            found.append((member, row.values))
            continue
        problems.append(csvfiles.CsvFileError(row.line, reason))
    return found, problems


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
