"""Proxy mandates as pure rules: scope, status, who may use or revoke them, the holder limit."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from convention.rules.proxies import (
    MandateStatus,
    Refusal,
    Use,
    covers,
    may_hold_another,
    may_revoke,
    refusal,
    status,
)

NOON = datetime(2026, 12, 5, 12, tzinfo=UTC)
SESSION = (NOON, NOON + timedelta(hours=3))
USABLE = Use(
    status=MandateStatus.ACTIVE,
    is_holder=True,
    covers=True,
    giver_elector=True,
    holder_elector=True,
    giver_voted=False,
    other_proxies_cast=0,
    limit=1,
)


def test_a_ballot_mandate_covers_its_ballot_only():
    assert covers(ballot_id=7, session=None, target_ballot=7, opened_at=NOON)
    assert not covers(ballot_id=7, session=None, target_ballot=8, opened_at=NOON)


@pytest.mark.parametrize(
    ("opened", "covered"),
    [
        (NOON + timedelta(hours=1), True),
        (NOON - timedelta(minutes=30), True),  # opened as the room settles
        (NOON + timedelta(hours=5), False),
        (NOON - timedelta(days=1), False),
        (None, False),  # not opened yet: nothing to cover
    ],
)
def test_a_session_mandate_covers_the_ballots_opened_during_the_session(opened, covered):
    assert covers(ballot_id=None, session=SESSION, target_ballot=1, opened_at=opened) is covered


def test_revoked_wins_over_lapsed():
    assert status(revoked=True, lapsed=True) == MandateStatus.REVOKED
    assert status(revoked=False, lapsed=True) == MandateStatus.LAPSED
    assert status(revoked=False, lapsed=False) == MandateStatus.ACTIVE


def test_an_active_mandate_held_and_covering_may_be_used():
    assert refusal(USABLE) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": MandateStatus.REVOKED}, Refusal.REVOKED),
        ({"status": MandateStatus.LAPSED}, Refusal.LAPSED),
        ({"is_holder": False}, Refusal.NOT_HOLDER),
        ({"covers": False}, Refusal.NOT_COVERED),
        ({"giver_voted": True}, Refusal.GIVER_VOTED),
        ({"giver_elector": False}, Refusal.GIVER_NOT_ELECTOR),
        ({"holder_elector": False}, Refusal.HOLDER_NOT_ELECTOR),
        ({"other_proxies_cast": 1}, Refusal.LIMIT),
    ],
)
def test_each_missing_condition_refuses_with_its_reason(change, reason):
    assert refusal(replace(USABLE, **change)) == reason


def test_the_limit_is_configurable():
    assert refusal(replace(USABLE, other_proxies_cast=1, limit=2)) is None
    assert refusal(replace(USABLE, limit=0)) == Refusal.LIMIT  # proxies switched off
    assert may_hold_another(0, 1) and not may_hold_another(1, 1) and may_hold_another(1, 2)


def test_a_mandate_is_revocable_until_used():
    assert may_revoke(status=MandateStatus.ACTIVE, used=False)
    assert not may_revoke(status=MandateStatus.ACTIVE, used=True)
    assert not may_revoke(status=MandateStatus.LAPSED, used=False)
    assert not may_revoke(status=MandateStatus.REVOKED, used=False)
