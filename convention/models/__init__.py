"""The data model, one module per aggregate."""

from convention.models.audit import AuditEvent
from convention.models.conventions import Convention, Membership, PhaseMoveError
from convention.models.invitations import Invitation
from convention.models.mail import OutboxMessage
from convention.models.users import User

__all__ = [
    "AuditEvent",
    "Convention",
    "Invitation",
    "Membership",
    "OutboxMessage",
    "PhaseMoveError",
    "User",
]
