"""A person's notifications, across their conventions."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from convention.extensions import db
from convention.models import Notification
from convention.notifications import queries, services
from convention.notifications.forms import SettingsForm
from convention.web.forms import ActionForm

bp = Blueprint("notifications", __name__)

SHOWN = 50


@bp.get("/account/notifications")
@login_required
def list_notifications():
    """Show my latest notifications, the unread ones marked."""
    notifications = db.session.scalars(queries.latest(current_user, SHOWN)).all()
    chosen = services.preferences(current_user)
    settings = SettingsForm(data={kind.value: delivery.value for kind, delivery in chosen.items()})
    return render_template(
        "notifications/notification_list.html",
        notifications=notifications,
        form=ActionForm(),
        settings=settings,
    )


@bp.post("/account/notifications/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    """Mark one of my notifications read and go to what it is about."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.mark_read(notification)
    return redirect(notification.path), 303


@bp.post("/account/notifications/read")
@login_required
def mark_read():
    """Mark all my notifications read."""
    form = ActionForm()
    if form.validate_on_submit():
        services.mark_all_read(current_user)
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.list_notifications")), 303


@bp.post("/account/notifications/settings")
@login_required
def change_settings():
    """Choose, for each kind of notification, an email at once, a daily digest or none."""
    form = SettingsForm()
    if form.validate_on_submit():
        services.set_preferences(current_user, form.chosen())
        flash(_("Your choice is saved."), "success")
    return redirect(url_for("notifications.list_notifications")), 303
