"""Record decisive actions in the audit log, inside the caller's transaction, as a hash chain."""

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from convention.clock import utcnow
from convention.extensions import db
from convention.models import AuditEvent, AuditHead, Convention, Membership, User
from convention.rules.audit_chain import (
    INSTANCE_CHAIN,
    Break,
    Link,
    Stored,
    chain_name,
    genesis,
    link_hash,
    verify,
)

VERIFY_BATCH = 1000


def record(
    actor: User | None,
    action: str,
    target: object,
    *,
    convention: Convention | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event for `action` on `target`; the caller's commit makes it durable."""
    if convention is not None and convention.id is None:
        db.session.flush()
    convention_id = convention.id if convention else None
    head = lock_head(chain_name(convention_id))
    link = Link(
        chain=head.chain,
        seq=head.seq + 1,
        action=action,
        target=_describe(target),
        # Hash what the JSON column will hand back, not the Python objects given here.
        details=json.loads(json.dumps(details)),
        actor_role=_role(actor, convention_id),
        created_at=utcnow(),
    )
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        convention_id=convention_id,
        action=link.action,
        target=link.target,
        details=link.details,
        actor_role=link.actor_role,
        created_at=link.created_at,
        seq=link.seq,
        prev_hash=head.hash,
        hash=link_hash(head.hash, link),
    )
    head.seq, head.hash = event.seq, event.hash
    db.session.add(event)
    return event


def _held() -> dict[Any, Any]:
    """What this transaction already looked up: locked heads and actors' roles (none when new)."""
    transaction = db.session().get_transaction()
    cached = db.session.info.get("audit")
    if cached is None or cached[0] is not transaction:
        cached = db.session.info["audit"] = (transaction, {})
    return cached[1]


def lock_head(chain: str) -> AuditHead:
    """Create the chain's head if needed, then lock it until the transaction ends."""
    held = _held()
    if ("head", chain) in held:
        # Locked earlier in this transaction: a bulk action writes many events with one lookup.
        return held["head", chain]
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(AuditHead)
        .values(chain=chain, seq=0, hash=genesis(chain))
        .on_conflict_do_nothing(index_elements=["chain"])
    )
    head = db.session.scalar(
        sa.select(AuditHead)
        .where(AuditHead.chain == chain)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert head is not None  # noqa: S101 - inserted just above
    held["head", chain] = head
    return head


def head_hash(convention: Convention) -> str | None:
    """The hash of the convention's latest audit event, or None before any."""
    head = db.session.get(AuditHead, chain_name(convention.id))
    return head.hash if head and head.seq else None


def erase_actor(user: User) -> int:
    """Forget who acted in the user's events; the chain does not hash it, so it still holds."""
    result = db.session.execute(
        sa.update(AuditEvent).where(AuditEvent.actor_id == user.id).values(actor_id=None)
    )
    return result.rowcount  # type: ignore[attr-defined]


def verify_log() -> tuple[dict[str, AuditHead], list[Break]]:
    """Recompute every chain from its events; return the heads and each chain's first break."""
    heads = {head.chain: head for head in db.session.scalars(sa.select(AuditHead))}
    ids = db.session.scalars(sa.select(AuditEvent.convention_id).distinct()).all()
    chains = set(heads) | {chain_name(convention_id) for convention_id in ids}
    breaks = []
    for chain in sorted(chains):
        head = heads.get(chain)
        events = _chain_events(chain)
        broken = verify(
            chain, events, head.seq if head else 0, head.hash if head else genesis(chain)
        )
        if broken:
            breaks.append(broken)
    return heads, breaks


def _chain_events(chain: str) -> Iterator[Stored]:
    """The events of one chain in chain order, read a batch at a time."""
    where = (
        AuditEvent.convention_id.is_(None)
        if chain == INSTANCE_CHAIN
        else AuditEvent.convention_id == int(chain.split(":", 1)[1])
    )
    last = 0
    while True:
        batch = db.session.scalars(
            sa.select(AuditEvent)
            .where(where, AuditEvent.seq > last)
            .order_by(AuditEvent.seq, AuditEvent.id)
            .limit(VERIFY_BATCH)
        ).all()
        yield from (_stored(event) for event in batch)
        if len(batch) < VERIFY_BATCH:
            return
        last = batch[-1].seq


def _stored(event: AuditEvent) -> Stored:
    """Read back an event's hashed fields and stored hashes."""
    link = Link(
        chain=chain_name(event.convention_id),
        seq=event.seq,
        action=event.action,
        target=event.target,
        details=event.details,
        actor_role=event.actor_role,
        created_at=event.created_at,
    )
    return Stored(event.id, link, event.prev_hash, event.hash)


def _role(actor: User | None, convention_id: int | None) -> str | None:
    """The actor's role in the convention when acting: an administrator outside one."""
    if actor is None:
        return None
    if convention_id is None:
        return "admin" if actor.is_admin else None
    held = _held()
    key = ("role", actor.id, convention_id)
    if key not in held:
        role = db.session.scalar(
            sa.select(Membership.role).where(
                Membership.convention_id == convention_id, Membership.user_id == actor.id
            )
        )
        held[key] = role.value if role else ("admin" if actor.is_admin else None)
    return held[key]


def _describe(target: object) -> str:
    """Name a target as `table:id`, or keep a string as given."""
    if isinstance(target, str):
        return target
    return f"{target.__tablename__}:{target.id}"  # type: ignore[attr-defined]
