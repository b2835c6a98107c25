"""Who may do what: one table of role x phase x action; object predicates are in permissions."""

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
    VIEW_CONTACTS = "view_contacts"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_CONVENTION = "manage_convention"
    VIEW_AUDIT = "view_audit"
    VIEW_SELECTION = "view_selection"
    MANAGE_SELECTION = "manage_selection"
    # Deliberation: topics, briefings, comments, moderation, sessions, participation.
    VIEW_MATERIALS = "view_materials"
    READ_COMMENTS = "read_comments"
    COMMENT = "comment"
    CHANGE_COMMENTS = "change_comments"
    FLAG = "flag"
    MODERATE = "moderate"
    MANAGE_TOPICS = "manage_topics"
    PUBLISH_BRIEFINGS = "publish_briefings"
    WITHDRAW_BRIEFINGS = "withdraw_briefings"
    ASK_QUESTIONS = "ask_questions"
    ANSWER_QUESTIONS = "answer_questions"
    MANAGE_SESSIONS = "manage_sessions"
    SEND_APOLOGIES = "send_apologies"
    VIEW_PARTICIPATION = "view_participation"
    # Recommendations: working groups, drafting, amendments, supports, minority opinions.
    VIEW_RECOMMENDATIONS = "view_recommendations"
    DRAFT_RECOMMENDATIONS = "draft_recommendations"
    EDIT_RECOMMENDATION = "edit_recommendation"
    MOVE_RECOMMENDATION = "move_recommendation"
    AMEND = "amend"
    DECIDE_AMENDMENTS = "decide_amendments"
    SUPPORT = "support"
    WRITE_OPINIONS = "write_opinions"
    COSIGN_OPINIONS = "cosign_opinions"
    MANAGE_RECOMMENDATIONS = "manage_recommendations"
    VIEW_GROUPS = "view_groups"
    MANAGE_GROUPS = "manage_groups"
    # Voting: ballots, casting, facilitation in the room.
    VIEW_BALLOTS = "view_ballots"
    VOTE = "vote"
    MANAGE_BALLOTS = "manage_ballots"
    # Report and accountability: the frozen report, the council's answers and their follow-up.
    VIEW_REPORT = "view_report"
    PUBLISH_REPORT = "publish_report"
    ANSWER_RECOMMENDATIONS = "answer_recommendations"
    UPDATE_IMPLEMENTATION = "update_implementation"
    REPLY_TO_COUNCIL = "reply_to_council"
    # Evaluation surveys: reading closed results, answering, running them, evaluating in detail.
    VIEW_SURVEYS = "view_surveys"
    ANSWER_SURVEYS = "answer_surveys"
    MANAGE_SURVEYS = "manage_surveys"
    EVALUATE_SURVEYS = "evaluate_surveys"


# Reading is open to every member whatever the phase; management stops once the convention closes.
_OPEN_PHASES = frozenset(LIFECYCLE) - {Phase.CLOSED}
_ALL_PHASES = frozenset(LIFECYCLE)
_EVERY_ROLE = frozenset(Role)
_DRAFTING = frozenset({Phase.DELIBERATION, Phase.DRAFTING, Phase.AMENDMENTS})
_AMENDING = frozenset({Phase.AMENDMENTS})

POLICY: dict[Action, dict[Role, frozenset[Phase]]] = {
    Action.VIEW: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.VIEW_MEMBERS: {Role.FACILITATOR: _ALL_PHASES},
    # Members' email addresses and usernames: facilitators only, whoever else may see the list.
    Action.VIEW_CONTACTS: {Role.FACILITATOR: _ALL_PHASES},
    Action.MANAGE_MEMBERS: {Role.FACILITATOR: _OPEN_PHASES},
    # A closed convention can still be reopened by its facilitators: the phase move is audited.
    Action.MANAGE_CONVENTION: {Role.FACILITATOR: _ALL_PHASES},
    # Observers check the process: they read the log (never members' contact data).
    Action.VIEW_AUDIT: {r: _ALL_PHASES for r in (Role.FACILITATOR, Role.OBSERVER)},
    # The draw is public record; replacements from the reserve list go on while the panel sits.
    Action.VIEW_SELECTION: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.MANAGE_SELECTION: {Role.FACILITATOR: _OPEN_PHASES},
    # Materials (topics, briefings, agenda) are public record; comments stay among members, and
    # each topic's own state (open or closed) guards the conversation further.
    Action.VIEW_MATERIALS: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.READ_COMMENTS: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.COMMENT: {r: _OPEN_PHASES for r in (Role.CITIZEN, Role.FACILITATOR, Role.EXPERT)},
    Action.CHANGE_COMMENTS: {
        r: _OPEN_PHASES for r in (Role.CITIZEN, Role.FACILITATOR, Role.EXPERT)
    },
    Action.FLAG: {role: _OPEN_PHASES for role in _EVERY_ROLE},
    # Hiding abuse stays possible after the convention closes.
    Action.MODERATE: {Role.FACILITATOR: _ALL_PHASES},
    Action.MANAGE_TOPICS: {Role.FACILITATOR: _OPEN_PHASES},
    Action.PUBLISH_BRIEFINGS: {r: _OPEN_PHASES for r in (Role.FACILITATOR, Role.EXPERT)},
    Action.WITHDRAW_BRIEFINGS: {r: _OPEN_PHASES for r in (Role.FACILITATOR, Role.EXPERT)},
    Action.ASK_QUESTIONS: {r: _OPEN_PHASES for r in (Role.CITIZEN, Role.FACILITATOR)},
    Action.ANSWER_QUESTIONS: {r: _OPEN_PHASES for r in (Role.FACILITATOR, Role.EXPERT)},
    Action.MANAGE_SESSIONS: {Role.FACILITATOR: _OPEN_PHASES},
    # Panel members say ahead that they cannot come; the facilitator still records attendance.
    Action.SEND_APOLOGIES: {Role.CITIZEN: _OPEN_PHASES},
    Action.VIEW_PARTICIPATION: {Role.FACILITATOR: _ALL_PHASES},
    # Every member reads the recommendations the panel sees; drafts stay within their group (an
    # object predicate). Council members and observers read but never write.
    Action.VIEW_RECOMMENDATIONS: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.DRAFT_RECOMMENDATIONS: {r: _DRAFTING for r in (Role.CITIZEN, Role.FACILITATOR)},
    Action.EDIT_RECOMMENDATION: {r: _DRAFTING for r in (Role.CITIZEN, Role.FACILITATOR)},
    # The states a text may move to, and who moves it, are the recommendation rules' transitions.
    Action.MOVE_RECOMMENDATION: {r: _OPEN_PHASES for r in (Role.CITIZEN, Role.FACILITATOR)},
    Action.AMEND: {r: _AMENDING for r in (Role.CITIZEN, Role.FACILITATOR)},
    Action.DECIDE_AMENDMENTS: {r: _AMENDING for r in (Role.CITIZEN, Role.FACILITATOR)},
    Action.SUPPORT: {Role.CITIZEN: _OPEN_PHASES},
    Action.WRITE_OPINIONS: {Role.CITIZEN: _OPEN_PHASES},
    Action.COSIGN_OPINIONS: {Role.CITIZEN: _OPEN_PHASES},
    Action.MANAGE_RECOMMENDATIONS: {Role.FACILITATOR: _OPEN_PHASES},
    Action.VIEW_GROUPS: {r: _ALL_PHASES for r in (Role.CITIZEN, Role.FACILITATOR, Role.EXPERT)},
    Action.MANAGE_GROUPS: {Role.FACILITATOR: _OPEN_PHASES},
    # Ballots and their results are public record; each ballot's own state (scheduled, open,
    # closed) guards casting, so a procedural vote can happen in any open phase.
    Action.VIEW_BALLOTS: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.VOTE: {Role.CITIZEN: _OPEN_PHASES},
    Action.MANAGE_BALLOTS: {Role.FACILITATOR: _OPEN_PHASES},
    # The published report and the council's answers are public record; only the council answers
    # and tracks implementation, and citizens reply once per answer.
    Action.VIEW_REPORT: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.PUBLISH_REPORT: {Role.FACILITATOR: _OPEN_PHASES},
    Action.ANSWER_RECOMMENDATIONS: {Role.COUNCIL: _OPEN_PHASES},
    # Follow-up is the council's work after the panel's ends: it goes on once the convention closes.
    Action.UPDATE_IMPLEMENTATION: {Role.COUNCIL: _ALL_PHASES},
    Action.REPLY_TO_COUNCIL: {Role.CITIZEN: _OPEN_PHASES},
    # Panel members answer anonymously; aggregate results are public record once a survey closes
    # with enough respondents; free text and the CSV stay with facilitators and observers.
    Action.VIEW_SURVEYS: {role: _ALL_PHASES for role in _EVERY_ROLE},
    Action.ANSWER_SURVEYS: {Role.CITIZEN: _OPEN_PHASES},
    Action.MANAGE_SURVEYS: {Role.FACILITATOR: _OPEN_PHASES},
    Action.EVALUATE_SURVEYS: {r: _ALL_PHASES for r in (Role.FACILITATOR, Role.OBSERVER)},
}

# What anonymous visitors and non-members may do in a public convention.
PUBLIC_ACTIONS: frozenset[Action] = frozenset(
    {
        Action.VIEW,
        Action.VIEW_SELECTION,
        Action.VIEW_MATERIALS,
        Action.VIEW_REPORT,
        Action.VIEW_BALLOTS,
        Action.VIEW_SURVEYS,
    }
)


def allows(role: Role | None, phase: Phase, action: Action, *, public: bool = False) -> bool:
    """Tell whether a member with `role` (None for a visitor) may take `action` in `phase`."""
    if role is None:
        return public and action in PUBLIC_ACTIONS
    return phase in POLICY.get(action, {}).get(role, frozenset())


def keeps_a_facilitator(active_roles: list[Role]) -> bool:
    """Tell whether a change leaves the convention with at least one active facilitator."""
    return Role.FACILITATOR in active_roles
