"""Every enum's name in the reader's language, in one place, and the filters that show them."""

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from flask_babel import lazy_gettext as _l

from convention.models import Channel, Delivery, NotificationKind
from convention.models.selection import RunStatus
from convention.rules.comments import FlagOutcome, FlagReason, Stance
from convention.rules.council import Decision, ImplementationStatus
from convention.rules.invitations import InvitationState
from convention.rules.meetings import AttendanceStatus
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.proxies import MandateSource
from convention.rules.recommendations import AmendmentState, RecommendationState
from convention.rules.surveys import QuestionKind, SurveyStage, SurveyState
from convention.rules.tally import Choice, Grade, Majority, Method, Outcome

PHASE_NAMES = {
    Phase.SETUP: _l("Set-up"),
    Phase.SELECTION: _l("Panel selection"),
    Phase.ONBOARDING: _l("Onboarding"),
    Phase.DELIBERATION: _l("Deliberation"),
    Phase.DRAFTING: _l("Drafting"),
    Phase.AMENDMENTS: _l("Amendments"),
    Phase.VOTING: _l("Voting"),
    Phase.REPORT: _l("Report"),
    Phase.COUNCIL_RESPONSE: _l("Council response"),
    Phase.FOLLOW_UP: _l("Follow-up"),
    Phase.CLOSED: _l("Closed"),
}


ROLE_NAMES = {
    Role.CITIZEN: _l("Citizen"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.EXPERT: _l("Expert"),
    Role.COUNCIL: _l("Council member"),
    Role.OBSERVER: _l("Observer"),
}


RUN_STATUS_NAMES = {
    RunStatus.QUEUED: _l("Waiting"),
    RunStatus.RUNNING: _l("Computing"),
    RunStatus.DONE: _l("Finished"),
    RunStatus.FAILED: _l("Failed"),
    RunStatus.CANCELLED: _l("Stopped"),
}


INVITATION_STATE_NAMES = {
    InvitationState.PENDING: _l("Pending"),
    InvitationState.ACCEPTED: _l("Accepted"),
    InvitationState.REVOKED: _l("Revoked"),
    InvitationState.EXPIRED: _l("Expired"),
}


OUTCOME_NAMES = {
    Outcome.ADOPTED: _l("Adopted"),
    Outcome.REJECTED: _l("Rejected"),
    Outcome.NO_QUORUM: _l("Not adopted: quorum not reached"),
}


AMENDMENT_STATE_NAMES = {
    AmendmentState.OPEN: _l("Open"),
    AmendmentState.ACCEPTED: _l("Accepted"),
    AmendmentState.REJECTED: _l("Rejected"),
    AmendmentState.WITHDRAWN: _l("Withdrawn"),
}


# What each kind is about, for the choice of emails.
NOTIFICATION_KIND_NAMES = {
    NotificationKind.REPLY: _l("Replies to my contributions"),
    NotificationKind.ANSWER: _l("Answers to my questions"),
    NotificationKind.HIDDEN: _l("My contributions hidden by moderation"),
    NotificationKind.RESTORED: _l("My contributions shown again"),
    NotificationKind.SESSION: _l("New sessions"),
    NotificationKind.QUESTION: _l("Questions to answer (experts)"),
    NotificationKind.COUNCIL: _l("The council's answers to my group's recommendations"),
    NotificationKind.BALLOT: _l("Ballots opening"),
    NotificationKind.REPORT: _l("The report published"),
    NotificationKind.AMENDMENT: _l("Amendments to my group's recommendations"),
    NotificationKind.AMENDMENT_DECIDED: _l("Decisions on my amendments"),
    NotificationKind.UPDATE: _l("Implementation updates"),
    NotificationKind.PHASE: _l("Phase changes"),
    NotificationKind.FLAG: _l("Reported contributions (facilitators)"),
}


DELIVERY_NAMES = {
    Delivery.IMMEDIATE: _l("Email at once"),
    Delivery.DIGEST: _l("In a daily email"),
    Delivery.OFF: _l("No email, only here"),
}


STANCE_NAMES = {
    Stance.FOR: _l("For"),
    Stance.AGAINST: _l("Against"),
    Stance.QUESTION: _l("Question"),
    Stance.REMARK: _l("Remark"),
}


FLAG_REASON_NAMES = {
    FlagReason.RESPECT: _l("Disrespectful or hurtful"),
    FlagReason.PERSONAL_DATA: _l("Reveals personal information"),
    FlagReason.OFF_TOPIC: _l("Off topic"),
    FlagReason.SPAM: _l("Advertising or spam"),
    FlagReason.OTHER: _l("Another breach of the charter"),
}


SURVEY_STAGE_NAMES = {
    SurveyStage.BEFORE: _l("Before the convention"),
    SurveyStage.DURING: _l("During the convention"),
    SurveyStage.AFTER: _l("After the convention"),
    SurveyStage.OTHER: _l("Other"),
}


QUESTION_KIND_NAMES = {
    QuestionKind.SCALE: _l("Scale from 1 to 5"),
    QuestionKind.CHOICE: _l("One choice among options"),
    QuestionKind.TEXT: _l("Free text"),
}


SURVEY_STATE_NAMES = {
    SurveyState.DRAFT: _l("Being written"),
    SurveyState.OPEN: _l("Open"),
    SurveyState.CLOSED: _l("Closed"),
}


RECOMMENDATION_STATE_NAMES = {
    RecommendationState.DRAFT: _l("Draft"),
    RecommendationState.SUBMITTED: _l("Submitted"),
    RecommendationState.FINAL: _l("Final"),
    RecommendationState.IN_VOTE: _l("In vote"),
    RecommendationState.ADOPTED: _l("Adopted"),
    RecommendationState.REJECTED: _l("Rejected"),
    RecommendationState.WITHDRAWN: _l("Withdrawn"),
}


CHOICE_NAMES = {
    Choice.FOR: _l("For"),
    Choice.AGAINST: _l("Against"),
    Choice.ABSTAIN: _l("Abstain"),
}


GRADE_NAMES = {
    Grade.EXCELLENT: _l("Excellent"),
    Grade.VERY_GOOD: _l("Very good"),
    Grade.GOOD: _l("Good"),
    Grade.FAIR: _l("Fair"),
    Grade.PASSABLE: _l("Passable"),
    Grade.INSUFFICIENT: _l("Insufficient"),
    Grade.REJECT: _l("To reject"),
}


VOTING_METHOD_NAMES = {
    Method.APPROVAL: _l("For, against or abstain on each item"),
    Method.JUDGMENT: _l("Prioritisation by majority judgment"),
}


MAJORITY_NAMES = {
    Majority.EXPRESSED: _l("Of the votes expressed"),
    Majority.MEMBERS: _l("Of all eligible members (absolute majority)"),
}


DECISION_NAMES = {
    Decision.ADOPTED: _l("Adopted"),
    Decision.ADOPTED_WITH_CHANGES: _l("Adopted with changes"),
    Decision.REJECTED: _l("Rejected"),
    Decision.REFERRED: _l("Referred for study"),
}


IMPLEMENTATION_STATUS_NAMES = {
    ImplementationStatus.NOT_STARTED: _l("Not started"),
    ImplementationStatus.IN_PROGRESS: _l("In progress"),
    ImplementationStatus.COMPLETED: _l("Completed"),
    ImplementationStatus.ABANDONED: _l("Abandoned"),
}


ATTENDANCE_STATUS_NAMES = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.EXCUSED: _l("Excused"),
    AttendanceStatus.ABSENT: _l("Absent"),
}


CHANNEL_NAMES = {
    Channel.ONLINE: _l("Online"),
    Channel.PAPER: _l("On paper"),
    Channel.PROXY: _l("By proxy"),
}


FLAG_OUTCOME_NAMES = {
    FlagOutcome.HIDDEN: _l("Contribution hidden"),
    FlagOutcome.DISMISSED: _l("Flag dismissed"),
}


MANDATE_SOURCE_NAMES = {
    MandateSource.APP: _l("Given in the app"),
    MandateSource.PAPER: _l("Signed paper form"),
    MandateSource.LEGACY: _l("Proxy vote recorded by a facilitator"),
}


# Each kind's names, for a page that shows values of any kind (one's own data).
NAMES: dict[type[Enum], Mapping[Any, Any]] = {
    Phase: PHASE_NAMES,
    Role: ROLE_NAMES,
    RunStatus: RUN_STATUS_NAMES,
    InvitationState: INVITATION_STATE_NAMES,
    Outcome: OUTCOME_NAMES,
    AmendmentState: AMENDMENT_STATE_NAMES,
    NotificationKind: NOTIFICATION_KIND_NAMES,
    Delivery: DELIVERY_NAMES,
    Stance: STANCE_NAMES,
    FlagReason: FLAG_REASON_NAMES,
    SurveyStage: SURVEY_STAGE_NAMES,
    QuestionKind: QUESTION_KIND_NAMES,
    SurveyState: SURVEY_STATE_NAMES,
    RecommendationState: RECOMMENDATION_STATE_NAMES,
    Choice: CHOICE_NAMES,
    Grade: GRADE_NAMES,
    Method: VOTING_METHOD_NAMES,
    Majority: MAJORITY_NAMES,
    Decision: DECISION_NAMES,
    ImplementationStatus: IMPLEMENTATION_STATUS_NAMES,
    AttendanceStatus: ATTENDANCE_STATUS_NAMES,
    Channel: CHANNEL_NAMES,
    FlagOutcome: FLAG_OUTCOME_NAMES,
    MandateSource: MANDATE_SOURCE_NAMES,
}


def enum_name(value: Enum) -> str:
    """Name a value in the reader's language, or give it as stored when its kind has no names."""
    return str(NAMES.get(type(value), {}).get(value, value.value))


def _namer(kind: type[Enum]) -> Callable[[Any], str]:
    """A filter naming a value of `kind`, given as the enum or its stored value."""
    return lambda value: str(NAMES[kind][kind(value)])


# The template filters, one per kind: `{{ ballot.majority|majority_name }}`.
FILTERS: dict[str, Callable[[Any], str]] = {
    "phase_name": _namer(Phase),
    "role_name": _namer(Role),
    "run_status_name": _namer(RunStatus),
    "invitation_state_name": _namer(InvitationState),
    "outcome_name": _namer(Outcome),
    "amendment_state_name": _namer(AmendmentState),
    "flag_reason_name": _namer(FlagReason),
    "survey_stage_name": _namer(SurveyStage),
    "recommendation_state_name": _namer(RecommendationState),
    "decision_name": _namer(Decision),
    "implementation_status_name": _namer(ImplementationStatus),
    "attendance_status_name": _namer(AttendanceStatus),
    "grade_name": lambda value: "—" if value is None else str(GRADE_NAMES[Grade(value)]),
    # Stored choices are strings; anything else (a paper tally's blank) is shown as it is.
    "choice_name": lambda value: str(CHOICE_NAMES.get(value, value)),
}
