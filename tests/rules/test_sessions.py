"""Session rules: when a sign-in ends, how a device is named, which link parts are masked."""

from datetime import UTC, datetime, timedelta

import pytest

from convention.rules.sessions import device_name, mask_secrets, session_alive

pytestmark = pytest.mark.pure

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
DAY = timedelta(days=1)


def alive(**changes) -> bool:
    facts = {
        "now": NOW,
        "created_at": NOW - DAY,
        "last_seen_at": NOW - timedelta(hours=1),
        "revoked_at": None,
        "remember": False,
        "max_age": 30 * DAY,
        "idle": DAY,
    } | changes
    return session_alive(**facts)


def test_a_session_lives_until_revoked_idle_or_too_old():
    assert alive()
    assert not alive(revoked_at=NOW - timedelta(seconds=1))
    assert not alive(last_seen_at=NOW - DAY - timedelta(seconds=1))
    assert alive(last_seen_at=NOW - 2 * DAY, remember=True)
    assert not alive(created_at=NOW - 30 * DAY - timedelta(seconds=1), remember=True)


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox / Linux",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari / iOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Safari/537.36 Edg/126.0",
            "Edge / Windows",
        ),
        ("curl/8.0", ""),
        ("", ""),
    ],
)
def test_a_device_is_named_by_browser_and_system_only(agent, name):
    assert device_name(agent) == name


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('"GET /join/abc_DEF-1 HTTP/1.1"', '"GET /join/•••••• HTTP/1.1"'),
        ("https://x.example/reset/eyJ.a-b.c?next=/", "https://x.example/reset/••••••?next=/"),
        ("/join/invitation", "/join/invitation"),
        ("/join/invitations-are-secret", "/join/••••••"),
        ("/join", "/join"),
        ("/c/ai/topics/3", "/c/ai/topics/3"),
    ],
)
def test_link_tokens_are_masked_and_nothing_else(text, masked):
    assert mask_secrets(text) == masked
