"""Where uploaded files live: a local folder by default, S3-compatible object storage in production.

Every app server reads and writes files through `current()`, so that with two servers behind a load
balancer a file uploaded on one is served by the other (set `STORAGE=s3` there).
"""

from pathlib import Path
from typing import Any

from flask import Flask, current_app

from convention.config import ConfigError
from convention.storage.base import InvalidKey, MissingFile, Storage
from convention.storage.local import LocalStorage

__all__ = ["InvalidKey", "LocalStorage", "MissingFile", "Storage", "current", "init_app"]


def from_config(config: Any) -> Storage:
    """Build the storage the configuration names: `STORAGE=local` (default) or `STORAGE=s3`."""
    kind = config.get("STORAGE", "local")
    if kind == "local":
        return LocalStorage(Path(config["UPLOAD_FOLDER"]))
    if kind == "s3":
        if not config.get("S3_BUCKET"):
            raise ConfigError("S3_BUCKET must be set when STORAGE=s3.")
        # Imported here: boto3 is slow to import and the local default does without it.
        from convention.storage.s3 import S3Storage

        return S3Storage(
            config["S3_BUCKET"], config.get("S3_ENDPOINT_URL"), config.get("S3_REGION")
        )
    raise ConfigError(f"STORAGE must be 'local' or 's3', not {kind!r}.")


def init_app(app: Flask) -> None:
    """Create this app's storage once, from its configuration."""
    app.extensions["storage"] = from_config(app.config)


def current() -> Storage:
    """Return the storage of the app handling this request."""
    return current_app.extensions["storage"]
