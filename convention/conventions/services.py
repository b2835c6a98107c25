"""Changes to a convention: creating it, its settings, its phase, its facilitators."""

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.members.csv_import import InviteeRow
from convention.members.services import IssuedInvitation, invite
from convention.models import Convention, Membership, User
from convention.notifications import events
from convention.rules.phases import Phase
from convention.rules.policy import Role

SETTINGS = (
    "title",
    "mandate",
    "description",
    "charter",
    "time_zone",
    "languages",
    "is_public",
    "privacy_controller",
)


class ConventionError(ServiceError):
    """Raised when a change to a convention is refused."""


def create_convention(actor: User, slug: str, **settings: object) -> Convention:
    """Create a convention in its set-up phase."""
    if db.session.scalar(sa.select(Convention.id).where(Convention.slug == slug)):
        raise ConventionError(_("The address /c/%(slug)s is taken.", slug=slug))
    convention = Convention(slug=slug, **_settings(settings))
    db.session.add(convention)
    db.session.flush()
    audit.record(actor, "convention.created", convention, convention=convention, slug=slug)
    return convention


def update_settings(actor: Membership, **settings: object) -> None:
    """Change a convention's settings, recording which ones changed."""
    convention = actor.convention
    changed = sorted(k for k, v in _settings(settings).items() if getattr(convention, k) != v)
    for key in changed:
        setattr(convention, key, settings[key])
    if changed:
        audit.record(
            actor.user, "convention.updated", convention, convention=convention, fields=changed
        )


def _settings(settings: dict[str, object]) -> dict[str, object]:
    """Keep only the settings a convention has."""
    return {k: v for k, v in settings.items() if k in SETTINGS}


def move_phase(actor: Membership, target: Phase) -> None:
    """Move the convention to the next or previous phase of its lifecycle."""
    convention = actor.convention
    previous = convention.move_to(target)
    audit.record(
        actor.user,
        "convention.phase_changed",
        convention,
        convention=convention,
        before=previous.value,
        after=target.value,
    )
    events.phase_changed(convention, actor.user_id)


def appoint_facilitator(
    convention: Convention, actor: User, email: str, name: str
) -> IssuedInvitation | Membership:
    """Make an existing account a facilitator at once, or invite the address as one."""
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        return invite(convention, actor, InviteeRow(0, email, name, Role.FACILITATOR))
    membership = db.session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id, Membership.convention_id == convention.id
        )
    )
    if membership is None:
        membership = Membership(
            user_id=user.id, convention_id=convention.id, pseudonym=user.display_name
        )
        db.session.add(membership)
    membership.role, membership.active = Role.FACILITATOR, True
    membership.charter_accepted_at = membership.charter_accepted_at or utcnow()
    db.session.flush()
    audit.record(actor, "membership.facilitator_appointed", membership, convention=convention)
    return membership
