"""The data model, one module per aggregate."""

from convention.models.audit import AuditEvent, AuditHead
from convention.models.ballots import (
    Ballot,
    BallotElector,
    BallotItem,
    BallotParticipation,
    BallotState,
    Channel,
    ItemKind,
    Receipt,
    Vote,
)
from convention.models.comments import Comment, CommentRevision, Flag
from convention.models.conventions import Convention, Membership, PhaseMoveError
from convention.models.imports import ImportStatus, InvitationImport
from convention.models.invitations import Invitation
from convention.models.mail import OutboxMessage
from convention.models.meetings import AgendaItem, Apology, Attendance, ConventionSession
from convention.models.notifications import (
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from convention.models.proxies import ProxyMandate
from convention.models.recommendations import (
    Amendment,
    MemberAttributes,
    MinorityOpinion,
    Recommendation,
    RecommendationVersion,
    Support,
    TransitionError,
    WorkingGroup,
)
from convention.models.reports import (
    CouncilResponse,
    CouncilResponseVersion,
    ImplementationUpdate,
    ReportDraft,
    ReportFile,
    ReportVersion,
    ResponseReply,
)
from convention.models.selection import RunStatus, SelectionRun
from convention.models.sessions import UserSession
from convention.models.surveys import Survey, SurveyAnswer, SurveyParticipation, SurveyQuestion
from convention.models.topics import Briefing, BriefingFile, Hearing, InformationRequest, Topic
from convention.models.users import User

__all__ = [
    "ImportStatus",
    "InvitationImport",
    "Survey",
    "SurveyAnswer",
    "SurveyParticipation",
    "SurveyQuestion",
    "CouncilResponse",
    "CouncilResponseVersion",
    "ImplementationUpdate",
    "ReportDraft",
    "ReportFile",
    "ReportVersion",
    "ResponseReply",
    "AgendaItem",
    "Apology",
    "Amendment",
    "Attendance",
    "AuditEvent",
    "AuditHead",
    "Ballot",
    "BallotItem",
    "BallotElector",
    "BallotParticipation",
    "BallotState",
    "Channel",
    "ItemKind",
    "Receipt",
    "Vote",
    "Briefing",
    "BriefingFile",
    "Comment",
    "CommentRevision",
    "Convention",
    "ConventionSession",
    "Flag",
    "Hearing",
    "InformationRequest",
    "Invitation",
    "MemberAttributes",
    "Membership",
    "MinorityOpinion",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Delivery",
    "OutboxMessage",
    "PhaseMoveError",
    "ProxyMandate",
    "Recommendation",
    "RecommendationVersion",
    "RunStatus",
    "SelectionRun",
    "Support",
    "Topic",
    "TransitionError",
    "User",
    "UserSession",
    "WorkingGroup",
]
