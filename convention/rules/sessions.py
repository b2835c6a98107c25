"""Pure rules for signed-in devices: when a session ends, how a device is named, what to mask."""

import re
from datetime import datetime, timedelta

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)

MASK = "••••••"
# The secret segment of an invitation or reset link; "/join/invitation" holds no secret.
_SECRET_SEGMENT = re.compile(r"(/(?:join|reset)/)(?!invitation(?:[/?#\s\"']|$))[^/?#\s\"']+")


def device_name(user_agent: str) -> str:
    """Name a device by its browser and system only, e.g. "Firefox / Linux"; "" if unknown."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    return " / ".join(part for part in (browser, system) if part)


def session_alive(
    *,
    now: datetime,
    created_at: datetime,
    last_seen_at: datetime,
    revoked_at: datetime | None,
    remember: bool,
    max_age: timedelta,
    idle: timedelta,
) -> bool:
    """Tell whether a session still signs its device in."""
    if revoked_at is not None or now - created_at > max_age:
        return False
    return remember or now - last_seen_at <= idle


def mask_secrets(text: str) -> str:
    """Hide the token of every invitation or reset link in `text` (a log line, a URL)."""
    return _SECRET_SEGMENT.sub(lambda m: m.group(1) + MASK, text)
