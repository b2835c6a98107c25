"""Act, then redirect: run one service, say how it went on the next page; the request commits."""

from collections.abc import Callable
from typing import Any

from flask import flash, redirect
from werkzeug.wrappers import Response

from convention.errors import ServiceError
from convention.extensions import db


def act_then_redirect(
    change: Callable[[], Any],
    back: str,
    success: str,
    *,
    then: Callable[[Any], str] | None = None,
    keep_refused: bool = False,
) -> tuple[Response, int]:
    """Run `change`; on success go to `then(result)` (or `back`), else undo it and go `back`.

    A refusal is flashed as the service worded it. `keep_refused` keeps what was done before
    the refusal, for services that first settle state (a ballot closing on time) then refuse.
    """
    try:
        result = change()
    except ServiceError as error:
        if not keep_refused:
            db.session.rollback()
        flash(error.message, "error")
        return redirect(back), 303
    target = then(result) if then else back
    flash(success, "success")
    return redirect(target), 303
