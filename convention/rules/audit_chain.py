"""The audit log's hash chain: a canonical serialisation, the link hash, and its verification."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

INSTANCE_CHAIN = "instance"


def chain_name(convention_id: int | None) -> str:
    """Name the chain an event belongs to: one per convention, one for the instance."""
    return INSTANCE_CHAIN if convention_id is None else f"convention:{convention_id}"


def genesis(chain: str) -> str:
    """The hash a chain starts from; distinct per chain so no two events share a predecessor."""
    return hashlib.sha256(f"convention audit genesis {chain}".encode()).hexdigest()


@dataclass(frozen=True)
class Link:
    """The hashed fields of one event: everything but the personal ones (who, from where)."""

    chain: str
    seq: int
    action: str
    target: str
    details: dict[str, Any]
    actor_role: str | None
    created_at: datetime


def canonical(link: Link) -> bytes:
    """Serialise the hashed fields the same way on every database and Python version."""
    moment = link.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "chain": link.chain,
        "seq": link.seq,
        "action": link.action,
        "target": link.target,
        "details": link.details,
        "actor_role": link.actor_role,
        "created_at": moment,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(prev_hash: str, link: Link) -> str:
    """Hash one event together with its predecessor's hash."""
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(link)).hexdigest()


@dataclass(frozen=True)
class Stored:
    """An event as read back: its id, its link, and the hashes stored beside it."""

    event_id: int
    link: Link
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    """The first place where a chain does not hold, and why."""

    chain: str
    event_id: int | None
    seq: int
    reason: str


def verify(chain: str, events: Iterable[Stored], head_seq: int, head_hash: str) -> Break | None:
    """Recompute a chain in order; return its first break, or None when it holds to its head."""
    expected_prev, expected_seq, last_id = genesis(chain), 1, None
    for event in events:
        if event.link.seq != expected_seq:
            return Break(chain, event.event_id, event.link.seq, "missing-before")
        if event.prev_hash != expected_prev:
            return Break(chain, event.event_id, event.link.seq, "previous-hash")
        if link_hash(expected_prev, event.link) != event.hash:
            return Break(chain, event.event_id, event.link.seq, "content")
        expected_prev, expected_seq, last_id = event.hash, expected_seq + 1, event.event_id
    if expected_seq - 1 != head_seq or expected_prev != head_hash:
        return Break(chain, last_id, expected_seq - 1, "head")
    return None
