"""Who may do what: one table of role x phase x action, and the small predicates beside it."""

from enum import StrEnum

from convention.rules.phases import LIFECYCLE, Phase


class Role(StrEnum):
    """A member's role in one convention."""

    CITIZEN = "citizen"
    FACILITATOR = "facilitator"
    EXPERT = "expert"
    COUNCIL = "council"
    OBSERVER = "observer"


class Action(StrEnum):
    """Something a person may try to do inside a convention."""

    VIEW = "view"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_CONVENTION = "manage_convention"
    VIEW_AUDIT = "view_audit"


# Reading is open to every member whatever the phase; management stops once the convention closes.
_OPEN_PHASES = frozenset(LIFECYCLE) - {Phase.CLOSED}
_ALL_PHASES = frozenset(LIFECYCLE)
_EVERY_ROLE = frozenset(Role)

POLICY: dict[Action, dict[Role, frozenset[Phase]]] = {
    Action.VIEW: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.VIEW_MEMBERS: {Role.FACILITATOR: _ALL_PHASES},
    Action.MANAGE_MEMBERS: {Role.FACILITATOR: _OPEN_PHASES},
    # A closed convention can still be reopened by its facilitators: the phase move is audited.
    Action.MANAGE_CONVENTION: {Role.FACILITATOR: _ALL_PHASES},
    Action.VIEW_AUDIT: {Role.FACILITATOR: _ALL_PHASES},
}

# What anonymous visitors and non-members may do in a public convention.
PUBLIC_ACTIONS: frozenset[Action] = frozenset({Action.VIEW})


def allows(role: Role | None, phase: Phase, action: Action, *, public: bool = False) -> bool:
    """Tell whether a member with `role` (None for a visitor) may take `action` in `phase`."""
    if role is None:
        return public and action in PUBLIC_ACTIONS
    return phase in POLICY.get(action, {}).get(role, frozenset())


def keeps_a_facilitator(active_roles: list[Role]) -> bool:
    """Tell whether a change leaves the convention with at least one active facilitator."""
    return Role.FACILITATOR in active_roles
