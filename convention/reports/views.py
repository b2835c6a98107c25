"""The report: preview and publication by facilitators, frozen versions in every format."""

import json

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import get_locale, gettext as _

from convention.access import require
from convention.extensions import db
from convention.models import ReportVersion
from convention.privacy.queries import named_members
from convention.reports import forms, queries, services
from convention.rules.policy import Action
from convention.rules.report import assemble
from convention.web import confirm
from convention.web.forms import form_page
from convention.web.urls import query_int

# How often the "being prepared" page asks again for the PDF.
PDF_REFRESH_SECONDS = 5

bp = Blueprint("reports", __name__, url_prefix="/c/<slug>")


def _version_or_404() -> ReportVersion:
    """Load the version asked for (`?version=`), or the latest; 404 before any publication."""
    wanted = query_int("version", minimum=1)
    select = queries.versions(g.convention)
    if wanted is not None:
        select = select.where(ReportVersion.number == wanted)
    version = db.session.scalars(select.limit(1)).first()
    return version if version is not None else abort(404)


@bp.route("/report/draft", methods=["GET", "POST"])
@require(Action.PUBLISH_REPORT)
def edit_report():
    """Preview the report as it would be published, and edit its introduction and conclusion."""
    form = forms.ReportDraftForm(obj=queries.draft(g.convention))
    if form.validate_on_submit():
        services.save_draft(
            g.convention, g.membership, form.introduction.data or "", form.conclusion.data or ""
        )
        flash(_("The report's draft is saved."), "success")
        return redirect(url_for(".edit_report")), 303
    return form_page(
        "reports/report_draft.html",
        form,
        report=assemble(queries.report_input(g.convention)),
        versions=db.session.scalars(queries.versions(g.convention)).all(),
        publish_form=forms.PublishForm(),
    )


@bp.post("/report/publish")
@require(Action.PUBLISH_REPORT)
def publish_report():
    """Ask first, then publish the report as a new frozen version, once per confirmation."""
    form = forms.PublishForm()
    if not form.validate_on_submit():
        abort(400)
    latest = db.session.scalar(queries.latest_number(g.convention)) or 0
    if not confirm.confirmed() or form.latest.data is None:
        return confirm.ask(
            _(
                "This will publish version %(number)s of the report as it stands now. A published "
                "version is frozen: it cannot be changed or withdrawn, only followed by another.",
                number=latest + 1,
            ),
            _("Publish version %(number)s", number=latest + 1),
            url_for(".edit_report"),
            latest=latest,
        )
    if form.latest.data != latest:  # a double click or a replay: the version is out already
        flash(_("Version %(number)s is already published.", number=latest), "info")
        return redirect(url_for(".edit_report")), 303
    version = services.publish(g.convention, g.membership)
    flash(_("Version %(number)s of the report is published.", number=version.number), "success")
    return redirect(url_for(".show_report", version=version.number)), 303


@bp.get("/report")
@require(Action.VIEW_REPORT)
def show_report():
    """Show a published version of the report in the reader's language."""
    version = _version_or_404()
    return render_template(
        "reports/report.html",
        version=version,
        report=json.loads(version.content),
        versions=db.session.scalars(queries.versions(g.convention)).all(),
        named=db.session.scalars(named_members(g.convention)).all(),
    )


def _file(version: ReportVersion, name: str, download: str) -> Response:
    """Serve a stored file of a version, byte for byte as hashed."""
    stored = db.session.scalar(queries.stored_file(version, name))
    if stored is None:
        abort(404)
    response = Response(stored.data, mimetype=stored.media_type)
    response.headers["Content-Disposition"] = f'inline; filename="{download}"'
    response.headers["X-Content-SHA256"] = stored.sha256
    return response


@bp.get("/report.json")
@require(Action.VIEW_REPORT)
def report_json():
    """Serve the version's canonical JSON, whose SHA-256 is the report's."""
    version = _version_or_404()
    return _file(version, "report.json", f"report-v{version.number}.json")


@bp.get("/report.csv")
@require(Action.VIEW_REPORT)
def report_csv():
    """Serve the version's CSV: one row per recommendation."""
    version = _version_or_404()
    return _file(version, "report.csv", f"report-v{version.number}.csv")


@bp.get("/report.pdf")
@require(Action.VIEW_REPORT)
def report_pdf():
    """Serve the PDF stored at publication in the reader's language, or the first one made."""
    version = _version_or_404()
    if version.pdfs_ready_at is None:
        return _pdf_pending(version)
    language = str(get_locale())
    names = [f.name for f in version.files if f.name.endswith(".pdf")]
    name = f"report-{language}.pdf" if f"report-{language}.pdf" in names else None
    name = name or (names[0] if names else "report.pdf")
    return _file(version, name, name.replace("report-", f"report-v{version.number}-"))


def _pdf_pending(version: ReportVersion) -> Response:
    """Say that the PDF is being made (the page refreshes itself), or that it could not be."""
    page = render_template("reports/report_pdf_pending.html", version=version)
    response = Response(page, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(PDF_REFRESH_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/report/verify")
@require(Action.VIEW_REPORT)
def verify_report():
    """List every stored file of every version with its own SHA-256."""
    versions = db.session.scalars(queries.versions(g.convention)).all()
    if not versions:
        abort(404)
    return render_template("reports/report_verify.html", versions=versions)
