"""Panel selection pages: facilitators compute and draw; everyone can check the public draw."""

from flask import Blueprint, Response, abort, flash, g, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from convention import csvfiles
from convention.access import require, scoped_or_404
from convention.extensions import db
from convention.members.csv_import import parse_invitees
from convention.models import RunStatus, SelectionRun
from convention.rules.policy import Action
from convention.selection import forms, queries, runner, services
from convention.selection.charts import probability_chart
from convention.selection.problems import failure
from convention.selection.uploads import UploadError, check_upload
from convention.web.acts import act_then_redirect
from convention.web.forms import ActionForm

bp = Blueprint("selection", __name__, url_prefix="/c/<slug>/selection")


def _published() -> SelectionRun | None:
    """Return the current convention's published run, if any."""
    return services.published_run(g.convention)


@bp.get("/")
@require(Action.VIEW_SELECTION)
def show_selection():
    """Show the public record of the draw: method, list hash, seed, index, composition."""
    run = _published()
    fills = services.quota_fill(run) if run else []
    return render_template("selection/selection_public.html", run=run, fills=fills)


@bp.get("/lottery.csv")
@require(Action.VIEW_SELECTION)
def download_lottery():
    """Serve the published numbered list of panels, byte for byte as hashed."""
    run = _published() or abort(404)
    return _csv(run.lottery_csv or "", "lottery.csv")


def _csv(text: str, name: str) -> Response:
    """Answer CSV text as a download."""
    response = Response(text.encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/runs")
@require(Action.MANAGE_SELECTION)
def list_runs():
    """List the computations and offer to start one."""
    return _runs_page(forms.SelectionUploadForm(formdata=None))


def _runs_page(form, status: int = 200, errors: list[str] | None = None, errors_title=None):
    """Render the runs page with the upload form and any file errors."""
    runs = db.session.scalars(queries.runs_of(g.convention)).all()
    page = render_template(
        "selection/run_list.html",
        runs=runs,
        form=form,
        errors=errors or [],
        errors_title=errors_title,
    )
    return page, status


@bp.post("/runs")
@require(Action.MANAGE_SELECTION)
def start_run():
    """Check the uploaded files, record the run and queue its computation as a job."""
    form = forms.SelectionUploadForm()
    if not form.validate_on_submit():
        return _runs_page(form, 422)
    household = [c.strip() for c in (form.household.data or "").split(",") if c.strip()]
    try:
        upload = check_upload(
            form.pool.data.read(), form.quotas.data.read(), form.size.data, household
        )
    except UploadError as error:
        return _runs_page(form, 422, error.messages)
    try:
        run = services.create_run(g.membership, upload, form.size.data, form.method.data, household)
    except services.SelectionStepError as error:
        db.session.rollback()
        return _runs_page(form, 409, [str(error)], _("The computation cannot start now:"))
    return redirect(url_for("selection.show_run", run_id=run.id))


@bp.get("/runs/<int:run_id>")
@require(Action.MANAGE_SELECTION)
def show_run(run_id: int):
    """Show a computation's progress, or its quality report and the steps of the draw."""
    run = scoped_or_404(SelectionRun, run_id)
    chances = [p for _, p in run.probabilities]
    chart = probability_chart(chances, run.panel_size / len(chances)) if chances else None
    return render_template(
        "selection/run_detail.html",
        run=run,
        chart=chart,
        stale=runner.is_stale(run),
        progress_text=progress_text(run),
        problems=failure(run) if run.status is RunStatus.FAILED else [],
        fills=services.quota_fill(run) if chances else [],
        seed_form=forms.SeedForm(formdata=None),
        contacts_form=forms.ContactsForm(formdata=None),
        action_form=ActionForm(),
        can_publish=run.status is RunStatus.DONE and _published() is None,
    )


@bp.get("/runs/<int:run_id>/progress.json")
@require(Action.MANAGE_SELECTION)
def run_progress(run_id: int):
    """Answer the run's state for the page that polls it."""
    run = scoped_or_404(SelectionRun, run_id)
    return jsonify(
        status=run.status.value,
        stale=runner.is_stale(run),
        progress=run.progress,
        message=progress_text(run),
    )


STAGE_NAMES = {
    "covering": _l("finding panels that include every volunteer"),
    "leximin": _l("raising the lowest chances"),
    "maximin": _l("raising the lowest chance"),
    "legacy": _l("drawing panels one by one"),
    "rounding": _l("making the list of panels"),
    "done": _l("finished"),
}


def progress_text(run: SelectionRun) -> str:
    """Describe the progress in a sentence, for the page and for the polling script."""
    p = run.progress
    if not p:
        return _("Waiting to start.")
    return _(
        "Stage: %(stage)s. %(fixed)s of %(people)s volunteers fixed, %(panels)s panels generated, "
        "%(seconds)s s.",
        stage=STAGE_NAMES.get(p["stage"], p["stage"]),
        fixed=p["fixed"],
        people=p["people"],
        panels=p["panels"],
        seconds=p["seconds"],
    )


@bp.get("/runs/<int:run_id>/probabilities.csv")
@require(Action.MANAGE_SELECTION)
def download_probabilities(run_id: int):
    """Serve every volunteer's selection probability."""
    run = scoped_or_404(SelectionRun, run_id)
    rows = [(pid, f"{p:.6f}") for pid, p in run.probabilities]
    return _csv(
        csvfiles.export(["id", "probability"], rows, lineterminator="\n"), "probabilities.csv"
    )


@bp.post("/runs/<int:run_id>/cancel")
@require(Action.MANAGE_SELECTION)
def cancel_run(run_id: int):
    """Ask the computation to stop with the best certified result so far."""
    run = scoped_or_404(SelectionRun, run_id)
    return _apply(run, lambda: services.request_cancel(run, g.membership))


@bp.post("/runs/<int:run_id>/publish")
@require(Action.MANAGE_SELECTION)
def publish_list(run_id: int):
    """Publish the numbered list of panels and its hash."""
    run = scoped_or_404(SelectionRun, run_id)
    return _apply(run, lambda: services.publish(run, g.membership))


@bp.post("/runs/<int:run_id>/draw")
@require(Action.MANAGE_SELECTION)
def draw_panel(run_id: int):
    """Draw the panel from the published list with the public seed."""
    run = scoped_or_404(SelectionRun, run_id)
    return _apply(run, lambda: services.draw(run, g.membership))


@bp.post("/runs/<int:run_id>/seed")
@require(Action.MANAGE_SELECTION)
def enter_seed(run_id: int):
    """Record the public seed."""
    run = scoped_or_404(SelectionRun, run_id)
    form = forms.SeedForm()
    if not form.validate_on_submit():
        flash(_("Type the seed exactly as it was made in public."), "error")
        return redirect(url_for("selection.show_run", run_id=run.id)), 303
    return _apply(run, lambda: services.enter_seed(run, g.membership, form.seed.data))


def _apply(run: SelectionRun, step):
    """Take one step of the draw, or explain why it is out of order."""
    back = url_for("selection.show_run", run_id=run.id)
    return act_then_redirect(step, back, _("Done. This step is recorded in the audit log."))


@bp.post("/runs/<int:run_id>/contacts")
@require(Action.MANAGE_SELECTION)
def invite_contacts(run_id: int):
    """Invite the drawn volunteers from their contact details, which are not kept."""
    run = scoped_or_404(SelectionRun, run_id)
    form = forms.ContactsForm()
    if run.drawn_at is None or not form.validate_on_submit():
        flash(_("Draw the panel first, then upload a CSV file of contacts."), "error")
        return redirect(url_for("selection.show_run", run_id=run.id)), 303
    rows, errors = parse_invitees(form.file.data.read())
    if not errors:
        issued, errors = services.invite_selected(
            run, g.membership, rows, form.include_reserves.data
        )
    if errors:
        db.session.rollback()
        return render_template("selection/contacts_errors.html", run=run, errors=errors), 422
    return render_template("members/invitation_issued.html", issued=issued)
