"""The convention's menu: the same for every reader with the same role, kept per worker; only
the count of the reader's unread notifications is put in for each reader."""

from flask import Flask, g, render_template, request
from flask_babel import gettext as _, ngettext
from flask_login import current_user
from markupsafe import Markup, escape

from convention.extensions import db
from convention.notifications import queries as notification_queries
from convention.web import fragments

UNREAD = "<!--unread-->"


def init_app(app: Flask) -> None:
    """Let the base template draw the menu."""
    app.context_processor(lambda: {"convention_menu": convention_menu})


def convention_menu() -> Markup:
    """Render the current convention's menu for the reader."""
    convention, membership = g.convention, g.membership
    # what the menu reads: the rights of the role in this phase, the title, the page shown
    role = membership.role if membership is not None else None
    key = (role, convention.phase, convention.is_public, convention.title, request.endpoint)
    menu = fragments.kept("menu", key, _render)
    if membership is None:
        return Markup(menu)  # noqa: S704 (rendered by Jinja with autoescape)
    return Markup(menu.replace(UNREAD, str(escape(_notifications_label()))))  # noqa: S704


def _render() -> str:
    """Render the menu for no one in particular, the notifications label left to fill."""
    label = Markup(UNREAD)  # noqa: S704 (a constant marker)
    return render_template("conventions/_convention_nav.html", notifications_label=label)


def _notifications_label() -> str:
    """Name the notifications link, with how many are unread."""
    unread = db.session.scalar(notification_queries.unread_count(current_user)) or 0
    if unread:
        return ngettext(
            "Notifications (%(count)s new)", "Notifications (%(count)s new)", unread, count=unread
        )
    return _("Notifications")
