"""Secrets handed to people: invitation tokens and codes (stored hashed), reset tokens (signed)."""

import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from convention.rules.invitations import CODE_ALPHABET, CODE_LENGTH

# Separate salts: a token made for one purpose never validates for another.
RESET_SALT = "convention.password-reset"


def digest(secret: str) -> str:
    """Hash a secret for storage: tokens are long and random, so a plain SHA-256 suffices."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    """Make a long random token for a link."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """Make a short code that can be printed on a letter and typed by hand."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _reset_serializer() -> URLSafeTimedSerializer:
    """Sign reset tokens with the app's secret key and the reset salt."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def make_reset_token(user_id: int, password_hash: str) -> str:
    """Make a reset token that stops working once the password changes."""
    return _reset_serializer().dumps({"user": user_id, "pw": digest(password_hash)[:16]})


def read_reset_token(token: str) -> tuple[int, str] | None:
    """Return (user id, password fingerprint) from a valid, unexpired reset token."""
    max_age = current_app.config["RESET_TOKEN_SECONDS"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    return data["user"], str(data.get("pw", ""))
