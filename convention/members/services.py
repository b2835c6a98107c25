"""Changes to the panel: invite, resend, revoke, change roles, deactivate, onboard in person."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale, gettext as _

from convention import audit
from convention.auth import tokens
from convention.auth.services import find_user, set_password
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.mail import queue_mail
from convention.members.csv_import import InviteeRow, RowError
from convention.models import Convention, Invitation, Membership, User
from convention.rules.invitations import InvitationState, format_code
from convention.rules.policy import Role, keeps_a_facilitator
from convention.web.i18n import shipped_languages


class MemberError(ServiceError):
    """Raised when a change to the panel would break one of its rules."""


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation with its secrets, which exist in clear only in this response."""

    invitation: Invitation
    token: str
    code: str

    @property
    def link(self) -> str:
        """Return the address the invitee opens."""
        return url_for("auth.join_by_link", token=self.token, _external=True)


def invite(convention: Convention, actor: User, row: InviteeRow) -> IssuedInvitation:
    """Invite one person, emailing them when they have an address."""
    _check_not_member(convention, row.email)
    return _invite_rows(convention, actor, [row])[0]


def invite_many(
    convention: Convention, actor: User, rows: list[InviteeRow]
) -> tuple[list[IssuedInvitation], list[RowError]]:
    """Invite every row, or nobody when any row is refused; a few queries whatever the size."""
    errors = refused_rows(convention, rows)
    if errors:
        return [], errors
    return _invite_rows(convention, actor, rows), []


def refused_rows(convention: Convention, rows: list[InviteeRow]) -> list[RowError]:
    """List the rows whose address is already a member or already invited, in one query or two."""
    problems = _membership_problems(convention, [row.email for row in rows if row.email])
    return [RowError(row.line, problems[row.email]) for row in rows if row.email in problems]


def _invite_rows(
    convention: Convention, actor: User, rows: list[InviteeRow]
) -> list[IssuedInvitation]:
    """Create the invitations in one flush, then their audit events."""
    issued = [
        _issue(
            Invitation(
                convention_id=convention.id,
                convention=convention,
                role=row.role,
                email=row.email,
                name=row.name,
                invited_by_id=actor.id,
            )
        )
        for row in rows
    ]
    db.session.add_all(item.invitation for item in issued)
    db.session.flush()
    for item in issued:
        audit.record(
            actor,
            "invitation.created",
            item.invitation,
            convention=convention,
            role=item.invitation.role.value,
        )
    return issued


def resend(invitation: Invitation, actor: Membership) -> IssuedInvitation:
    """Issue new secrets and a new expiry; the old link and code stop working."""
    if invitation.state() in (InvitationState.ACCEPTED, InvitationState.REVOKED):
        raise MemberError(_("Only a pending or expired invitation can be sent again."))
    invitation.sent_count += 1
    issued = _issue(invitation)
    audit.record(actor.user, "invitation.resent", invitation, convention=invitation.convention)
    return issued


def revoke(invitation: Invitation, actor: Membership) -> None:
    """Make a pending invitation unusable."""
    if invitation.state() is not InvitationState.PENDING:
        raise MemberError(_("Only a pending invitation can be revoked."))
    invitation.revoked_at = utcnow()
    audit.record(actor.user, "invitation.revoked", invitation, convention=invitation.convention)


def _issue(invitation: Invitation) -> IssuedInvitation:
    """Give the invitation a fresh token, code and expiry, and email the link if possible."""
    token, code = tokens.new_token(), tokens.new_code()
    invitation.token_hash, invitation.code_hash = tokens.digest(token), tokens.digest(code)
    invitation.expires_at = utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"])
    issued = IssuedInvitation(invitation, token, code)
    if invitation.email:
        _mail_invitation(issued)
    return issued


def _mail_invitation(issued: IssuedInvitation) -> None:
    """Write the invitation email in the convention's first language."""
    convention = issued.invitation.convention
    with force_locale(shipped_languages(convention.languages)[0]):
        subject = _("Invitation: %(title)s", title=convention.title)
        body = _(
            "Hello %(name)s,\n\nYou are invited to take part in %(title)s.\n\n"
            "Open this link to join:\n%(link)s\n\n"
            "Or go to %(join)s and type this code: %(code)s\n",
            name=issued.invitation.name,
            title=convention.title,
            link=issued.link,
            join=url_for("auth.join", _external=True),
            code=format_code(issued.code),
        )
    hidden = [issued.token, format_code(issued.code), issued.code]
    queue_mail(issued.invitation.email or "", subject, body, hidden=hidden)


def _check_not_member(convention: Convention, email: str | None) -> None:
    """Refuse to invite someone already active in the convention or already invited."""
    problem = _membership_problems(convention, [email] if email else []).get(email or "")
    if problem:
        raise MemberError(problem)


def _membership_problems(convention: Convention, emails: list[str]) -> dict[str, str]:
    """Say, per address, why it cannot be invited: already a member, or already invited."""
    if not emails:
        return {}
    members = db.session.scalars(
        sa.select(User.email)
        .join(Membership)
        .where(
            Membership.convention_id == convention.id,
            Membership.active.is_(True),
            User.email.in_(emails),
        )
    )
    problems: dict[str, str] = {
        email or "": _("%(email)s is already a member.", email=email) for email in members
    }
    pending = db.session.scalars(
        sa.select(Invitation).where(
            Invitation.convention_id == convention.id, Invitation.email.in_(emails)
        )
    )
    for invitation in pending:
        if invitation.state() is InvitationState.PENDING and invitation.email not in problems:
            problems[invitation.email or ""] = _(
                "%(email)s already has a pending invitation.", email=invitation.email
            )
    return problems


def change_role(membership: Membership, role: Role, actor: Membership) -> None:
    """Give a member another role, keeping at least one facilitator."""
    previous = membership.role
    membership.role = role
    _check_facilitators(membership)
    audit.record(
        actor.user,
        "membership.role_changed",
        membership,
        convention=membership.convention,
        before=previous.value,
        after=role.value,
    )


def set_active(membership: Membership, active: bool, actor: Membership) -> None:
    """Deactivate or reactivate a member; their contributions stay."""
    membership.active = active
    _check_facilitators(membership)
    action = "membership.reactivated" if active else "membership.deactivated"
    audit.record(actor.user, action, membership, convention=membership.convention)


def _check_facilitators(changed: Membership) -> None:
    """Refuse a change that would leave the convention without an active facilitator."""
    db.session.flush()
    roles = db.session.scalars(
        sa.select(Membership.role).where(
            Membership.convention_id == changed.convention_id, Membership.active.is_(True)
        )
    ).all()
    if not keeps_a_facilitator(list(roles)):
        raise MemberError(_("The convention must keep at least one active facilitator."))


@dataclass(frozen=True)
class InPersonMember:
    """What a facilitator types with a member at a session."""

    display_name: str
    login: str
    password: str
    pseudonym: str
    role: Role


def onboard_in_person(actor: Membership, person: InPersonMember) -> Membership:
    """Create the account and membership of someone present at a session, charter read aloud."""
    convention = actor.convention
    login = person.login.strip().lower()
    if find_user(login):
        raise MemberError(_("An account already uses %(login)s.", login=login))
    is_email = "@" in login
    user = User(
        display_name=person.display_name,
        email=login if is_email else None,
        username=None if is_email else login,
    )
    set_password(user, person.password)
    db.session.add(user)
    db.session.flush()
    membership = Membership(
        user_id=user.id,
        convention_id=convention.id,
        role=person.role,
        pseudonym=person.pseudonym,
        charter_accepted_at=utcnow(),
    )
    db.session.add(membership)
    db.session.flush()
    audit.record(
        actor.user,
        "membership.onboarded_in_person",
        membership,
        convention=convention,
        role=person.role.value,
    )
    return membership
