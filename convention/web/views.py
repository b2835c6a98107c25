"""Pages outside any convention that every visitor may reach: health, language, the icon."""

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from convention.extensions import db
from convention.web.urls import safe_next

bp = Blueprint("web", __name__)


@bp.get("/health")
def health():
    """Answer ok when the database answers, 503 otherwise."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check failed")
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")


@bp.post("/language")
def set_language():
    """Remember the chosen language for this browser, and for the account when signed in."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
    return redirect(safe_next(request.form.get("next")))


@bp.get("/language/<code>")
def choose_language(code: str):
    """Switch a visitor's language by a plain link: public pages then hold no form to cache."""
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
    return redirect(safe_next(request.args.get("next")))


@bp.get("/favicon.ico")
def favicon():
    """Send browsers that ask for the conventional icon address to the SVG icon."""
    return redirect(url_for("static", filename="favicon.svg"))
