"""Configuration: defaults, the environment, and the guards that keep production safe."""

import os
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """Raised when the configuration would be unsafe to run with."""


def _database_url(url: str) -> str:
    """Normalise a database URL so that PostgreSQL goes through psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _flag(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def load_config() -> dict:
    """Build the configuration from defaults and the environment."""
    env = os.environ.get("CONVENTION_ENV", "development")
    default_db = f"sqlite:///{PROJECT_ROOT / 'instance' / 'convention.db'}"
    session_days = min(int(os.environ.get("SESSION_MAX_DAYS", 30)), 30)
    config = {
        "ENV_NAME": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": _database_url(os.environ.get("DATABASE_URL", default_db)),
        # A pooled connection idle this many seconds is checked before use (not every request).
        "DATABASE_PING_AFTER_IDLE": float(os.environ.get("DATABASE_PING_AFTER_IDLE", 10)),
        "ALLOW_SQLITE_IN_PRODUCTION": _flag("ALLOW_SQLITE_IN_PRODUCTION"),
        # A citizen drafting for hours must not lose the text to an expired token.
        "WTF_CSRF_TIME_LIMIT": None,
        # Where "now" comes from (convention.clock): None is the machine's; tests move it.
        "CLOCK": None,
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 10 * 1024 * 1024)),
        # Text fields of a form together (files apart): far above any comment, far below a flood.
        "MAX_FORM_MEMORY_SIZE": int(os.environ.get("MAX_FORM_MEMORY_SIZE", 500_000)),
        "UPLOAD_FOLDER": os.environ.get(
            "UPLOAD_FOLDER", str(PROJECT_ROOT / "instance" / "uploads")
        ),
        # Where uploads are kept: "local" (UPLOAD_FOLDER) or "s3" (S3_* and the AWS_* of boto3).
        "STORAGE": os.environ.get("STORAGE", "local"),
        "S3_BUCKET": os.environ.get("S3_BUCKET"),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL"),
        "S3_REGION": os.environ.get("S3_REGION"),
        "UPLOAD_MAX_BYTES": int(os.environ.get("UPLOAD_MAX_BYTES", 8 * 1024 * 1024)),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("DEFAULT_TIME_ZONE", "Europe/Paris"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": ["en", "fr", "de"],
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL", "memory://"),
        # The job queue (convention.jobs): a SQLite file in the instance folder unless set.
        "HUEY_URL": os.environ.get("HUEY_URL") or os.environ.get("REDIS_URL"),
        # Run each job at once, inside the process that sends it (tests; never in production).
        "HUEY_IMMEDIATE": _flag("HUEY_IMMEDIATE"),
        "RATELIMIT_HEADERS_ENABLED": False,
        # Seconds visitors' public pages may be reused, by caches and by the app (0: never).
        "PUBLIC_MAX_AGE": int(os.environ.get("PUBLIC_MAX_AGE", 60)),
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute"),
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "10 per 15 minutes"),
        "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": os.environ.get(
            "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS", "10 per 15 minutes"
        ),
        "LOGIN_LIMIT_PER_ADDRESS": os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "200 per 15 minutes"),
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS", 30)),
        "RESET_TOKEN_SECONDS": int(os.environ.get("RESET_TOKEN_SECONDS", 3600)),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", 587)),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", True),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "convention@localhost"),
        # Where people reach the platform: links in mail written outside a request (`tick`).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "PASSWORD_HASH_METHOD": "scrypt",
        "SELECTION_MAX_RUNNING": int(os.environ.get("SELECTION_MAX_RUNNING", 2)),
        "SELECTION_MAX_SECONDS": float(os.environ.get("SELECTION_MAX_SECONDS", 3600)),
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", 0)),
        # How many voting proxies one member may hold for a ballot or a session.
        "MAX_PROXIES_PER_HOLDER": int(os.environ.get("MAX_PROXIES_PER_HOLDER", 1)),
        # Survey results stay hidden below this many respondents: a small count names people.
        "SURVEY_MIN_ANSWERS": int(os.environ.get("SURVEY_MIN_ANSWERS", 5)),
        # Retention schedule (days), enforced by `flask convention tick` and shown on /privacy.
        "RETENTION_MAIL_DAYS": int(os.environ.get("RETENTION_MAIL_DAYS", 30)),
        "RETENTION_CONTACT_DAYS": int(os.environ.get("RETENTION_CONTACT_DAYS", 90)),
        "RETENTION_POOL_DAYS": int(os.environ.get("RETENTION_POOL_DAYS", 30)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Every sign-in ends after SESSION_MAX_DAYS, remembered or not; one that is not
        # remembered ends sooner, after SESSION_IDLE_HOURS without a request.
        "SESSION_MAX_DAYS": session_days,
        "SESSION_IDLE_HOURS": int(os.environ.get("SESSION_IDLE_HOURS", 24)),
        "REMEMBER_COOKIE_DURATION": timedelta(days=session_days),
        "KNOWN_DEVICE_DAYS": int(os.environ.get("KNOWN_DEVICE_DAYS", 365)),
        # Without MAIL_SERVER, print each message (links included) once to the terminal.
        "MAIL_PRINT": _flag("MAIL_PRINT", env == "development"),
        "REMEMBER_COOKIE_SAMESITE": "Lax",
    }
    if env == "production":
        config |= {"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True}
    return config


def check_config(config: dict) -> None:
    """Refuse to start in production with a missing secret or the SQLite default."""
    if config["ENV_NAME"] != "production":
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = "dev-only-not-secret"  # noqa: S105
        return
    if not config.get("SECRET_KEY"):
        raise ConfigError("SECRET_KEY must be set when CONVENTION_ENV=production.")
    uri = config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite") and not config["ALLOW_SQLITE_IN_PRODUCTION"]:
        raise ConfigError(
            "DATABASE_URL must point to PostgreSQL in production "
            "(set ALLOW_SQLITE_IN_PRODUCTION=1 to run on SQLite anyway)."
        )
