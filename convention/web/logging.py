"""Logs without secrets: invitation and reset tokens are masked in access and error logs."""

import logging

from flask import Flask
from gunicorn.glogging import Logger

from convention.rules.sessions import mask_secrets


class MaskingAccessLogger(Logger):
    """gunicorn's logger, with link tokens masked in the access log and the error log."""

    def setup(self, cfg):
        """Set up gunicorn's logs, then mask tokens in its error lines too."""
        super().setup(cfg)
        self.error_log.addFilter(MaskingFilter())

    def atoms(self, resp, req, environ, request_time):
        """Mask tokens in the request line, path, referrer and headers before formatting."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_secrets(v) if isinstance(v, str) else v for k, v in atoms.items()}


class MaskingFilter(logging.Filter):
    """Rewrite a log record with link tokens masked (Flask's and the dev server's own lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the formatted message; always keep the record."""
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def init_app(app: Flask) -> None:
    """Mask tokens in the app's log and in the development server's request log."""
    for logger in (app.logger, logging.getLogger("werkzeug")):
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())
