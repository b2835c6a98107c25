"""Privacy pages: the notice and schedule, one's data to download, erasure, consent to be named."""

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user, login_required, logout_user

from convention.access import require
from convention.privacy import export, forms, labels, retention, services
from convention.rules.policy import Action
from convention.web.forms import form_page

bp = Blueprint("privacy", __name__)

# The headings of "my data", one per kind of record (see export.SUBJECT_COLUMNS).
SECTIONS = {
    "profile": _l("Profile"),
    "memberships": _l("Conventions you belong to"),
    "user_sessions": _l("Devices signed in"),
    "notifications": _l("Notifications"),
    "notification_preferences": _l("Notification choices"),
    "invitations": _l("Invitations you accepted"),
    "audit_events": _l("Your actions in the audit log"),
    "selection_runs": _l("Panel selections you started"),
    "attendances": _l("Attendance"),
    "session_apologies": _l("Sessions you said you could not come to"),
    "member_attributes": _l("Attributes recorded to mix the working groups"),
    "working_group_members": _l("Working groups"),
    "briefings": _l("Briefings"),
    "information_requests": _l("Questions asked or answered"),
    "comments": _l("Contributions"),
    "flags": _l("Contributions you reported"),
    "recommendations": _l("Recommendations you started"),
    "recommendation_authors": _l("Recommendations you co-wrote"),
    "recommendation_versions": _l("Versions of recommendations you wrote"),
    "amendments": _l("Amendments"),
    "supports": _l("Supports"),
    "minority_opinions": _l("Minority opinions"),
    "minority_signatures": _l("Minority opinions you signed"),
    "ballots": _l("Ballots you created"),
    "surveys": _l("Surveys you created"),
    "survey_participations": _l("Surveys you answered (never your answers, which name nobody)"),
    "ballot_electors": _l("Ballots you could vote in"),
    "ballot_participations": _l(
        "Ballots you took part in (never what you chose in a secret ballot)"
    ),
    "votes": _l("Your roll-call votes"),
    "proxy_mandates": _l("Proxies given or held"),
    "report_versions": _l("Report versions you published"),
    "council_responses": _l("Council answers you recorded"),
    "council_response_versions": _l("Earlier council answers you recorded"),
    "implementation_updates": _l("Implementation updates"),
    "response_replies": _l("Replies to the council"),
}


@bp.get("/privacy")
def show_privacy():
    """Explain what the platform keeps, why, for how long, and the rights people have."""
    return render_template("privacy/privacy.html", schedule=_schedule())


@bp.get("/c/<slug>/privacy")
@require(Action.VIEW)
def show_notice():
    """Show the convention's privacy notice, and to a member their choice about being named."""
    form = forms.NameConsentForm(consent=bool(g.membership and g.membership.name_consent_at))
    return render_template("privacy/notice.html", schedule=_schedule(), form=form)


@bp.post("/c/<slug>/privacy/consent")
@login_required
@require(Action.VIEW)
def record_consent():
    """Record whether the member agrees that their name be published."""
    form = forms.NameConsentForm()
    if g.membership is None or not form.validate_on_submit():
        abort(403 if g.membership is None else 400)
    services.set_name_consent(g.membership, form.consent.data)
    flash(_("Your choice is recorded."), "success")
    return redirect(url_for("privacy.show_notice"))


@bp.get("/account/data")
@login_required
def show_data():
    """Show everything stored about the person, readably."""
    data = export.gather(current_user, labels.shown)
    return render_template("privacy/data.html", data=data, sections=SECTIONS, label=labels.label)


@bp.get("/account/data.json")
@login_required
def download_data():
    """Hand the person a copy of everything stored about them, as JSON."""
    body = json.dumps(export.collect(current_user), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/erase", methods=["GET", "POST"])
@login_required
def erase_account():
    """Erase the person's account on their request, once they confirm with their password."""
    form = forms.AccountEraseForm()
    if form.validate_on_submit() and not current_user.check_password(form.password.data):
        form.password.errors.append(_("This is not your current password."))
    if form.errors or not form.validate_on_submit():
        return form_page("privacy/erase.html", form)
    services.erase_account(current_user)
    logout_user()
    flash(_("Your account is erased. What you wrote stays, under “former member”."), "info")
    return redirect(url_for("auth.login"))


def _schedule() -> dict[str, int]:
    """The retention periods in days, by kind of data."""
    schedule = {kind: retention.days(kind) for kind in retention.SCHEDULE}
    return schedule | {"sessions": current_app.config["SESSION_MAX_DAYS"]}
