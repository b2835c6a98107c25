"""Surveys: the list, writing and opening them, answering once, closed results and their CSV."""

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from convention.access import authorise, can, require, scoped_or_404
from convention.extensions import db
from convention.models import Survey, SurveyQuestion
from convention.rules.policy import Action
from convention.rules.surveys import SurveyStage, SurveyState
from convention.surveys import forms, queries, results, services
from convention.web import names
from convention.web.acts import act_then_redirect
from convention.web.forms import BaseForm, form_page

bp = Blueprint("surveys", __name__, url_prefix="/c/<slug>")


@bp.get("/surveys")
@require(Action.VIEW_SURVEYS)
def list_surveys():
    """List the surveys: open ones to answer, closed ones with results; drafts for facilitators."""
    surveys = db.session.scalars(queries.surveys_of(g.convention)).all()
    if not can(Action.MANAGE_SURVEYS):
        surveys = [s for s in surveys if s.state != SurveyState.DRAFT]
    answered = set(db.session.scalars(queries.answered_by(g.membership))) if g.membership else set()
    return render_template(
        "surveys/survey_list.html",
        surveys=surveys,
        answered=answered,
        respondents=dict(db.session.execute(queries.respondents(g.convention)).all()),
        state_names=names.SURVEY_STATE_NAMES,
    )


@bp.route("/surveys/new", methods=["GET", "POST"])
@require(Action.MANAGE_SURVEYS)
def new_survey():
    """Create a survey, empty or from the evaluation template for its stage."""
    form = forms.SurveyForm()
    if not form.validate_on_submit():
        return form_page("surveys/survey_form.html", form)
    survey = services.create_survey(
        g.convention,
        g.membership,
        title=form.title.data.strip(),
        introduction=form.introduction.data,
        stage=SurveyStage(form.stage.data),
        from_template=form.from_template.data,
    )
    flash(_("The survey is created: check its questions, then open it."), "success")
    return redirect(url_for(".show_survey", survey_id=survey.id), 303)


def _survey(survey_id: int) -> Survey:
    """Load a survey of this convention; one still being written is for facilitators only."""
    survey = scoped_or_404(Survey, survey_id)
    if survey.state == SurveyState.DRAFT and not can(Action.MANAGE_SURVEYS):
        abort(404)
    return survey


def _survey_page(survey: Survey, form: forms.AnswerForm | None = None, status: int = 200):
    """Render a survey: its questions, the answer form for a citizen who has not answered."""
    answered = services.has_answered(survey, g.membership)
    if form is None and survey.state == SurveyState.OPEN and not answered:
        form = forms.answer_form(survey) if can(Action.ANSWER_SURVEYS) else None
    return render_template(
        "surveys/survey_detail.html",
        survey=survey,
        form=form,
        answered=answered,
        state_names=names.SURVEY_STATE_NAMES,
        kind_names=names.QUESTION_KIND_NAMES,
        action_form=BaseForm(),
    ), status


@bp.get("/surveys/<int:survey_id>")
@require(Action.VIEW_SURVEYS)
def show_survey(survey_id: int):
    """Show a survey, with the answer form while it is open."""
    return _survey_page(_survey(survey_id))


@bp.post("/surveys/<int:survey_id>/answers")
@require(Action.ANSWER_SURVEYS)
def answer_survey(survey_id: int):
    """Record the member's answers once; a second submission is told it was recorded already."""
    survey = _survey(survey_id)
    form = forms.answer_form(survey)
    if not form.validate_on_submit():
        return _survey_page(survey, form, 422)
    try:
        services.answer_survey(survey, g.membership, form.answers())
    except services.RefusedAnswers as error:
        db.session.rollback()
        form.add_problems(error.problems)
        return _survey_page(survey, form, 422)
    except (services.SurveyError, IntegrityError) as error:
        db.session.rollback()
        flash(*_refusal(error))
    else:
        flash(_("Thank you: your answers are recorded, without your name."), "success")
    return redirect(url_for(".show_survey", survey_id=survey.id), 303)


def _refusal(error: Exception) -> tuple[str, str]:
    """Word a refused submission: a repeated one (or one losing a race to itself) counted once."""
    if isinstance(error, (services.AlreadyAnswered, IntegrityError)):
        return services.already_answered(), "info"
    return str(error), "error"


def _question(survey: Survey, question_id: int) -> SurveyQuestion:
    """Load a question of the survey."""
    question = scoped_or_404(SurveyQuestion, question_id)
    if question.survey_id != survey.id:
        abort(404)
    return question


@bp.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@require(Action.MANAGE_SURVEYS)
def add_question(survey_id: int):
    """Add a question to a survey that has not opened."""
    survey = _survey(survey_id)
    form = forms.QuestionForm()
    if not form.validate_on_submit():
        return form_page("surveys/question_form.html", form, survey=survey)
    return _change(survey, lambda: services.add_question(survey, g.membership, **form.fields()))


@bp.route("/surveys/<int:survey_id>/questions/<int:question_id>", methods=["GET", "POST"])
@require(Action.MANAGE_SURVEYS)
def edit_question(survey_id: int, question_id: int):
    """Change a question of a survey that has not opened."""
    survey = _survey(survey_id)
    question = _question(survey, question_id)
    form = forms.QuestionForm.of(question)
    if not form.validate_on_submit():
        return form_page("surveys/question_form.html", form, survey=survey, question=question)
    return _change(survey, lambda: services.edit_question(question, g.membership, **form.fields()))


@bp.post("/surveys/<int:survey_id>/questions/<int:question_id>/remove")
@require(Action.MANAGE_SURVEYS)
def remove_question(survey_id: int, question_id: int):
    """Remove a question from a survey that has not opened."""
    survey = _survey(survey_id)
    question = _question(survey, question_id)
    return _act(survey, lambda: services.remove_question(question, g.membership))


@bp.post("/surveys/<int:survey_id>/open")
@require(Action.MANAGE_SURVEYS)
def open_survey(survey_id: int):
    """Open a survey to the panel's answers."""
    survey = _survey(survey_id)
    return _act(
        survey, lambda: services.open_survey(survey, g.membership), _("The survey is open.")
    )


@bp.post("/surveys/<int:survey_id>/close")
@require(Action.MANAGE_SURVEYS)
def close_survey(survey_id: int):
    """Close a survey: its answers are shuffled and its results computed."""
    survey = _survey(survey_id)
    return _act(
        survey, lambda: services.close_survey(survey, g.membership), _("The survey is closed.")
    )


def _act(survey: Survey, operation, message: str | None = None):
    """Run a facilitator's button on a survey, then go back to it."""
    if not BaseForm().validate_on_submit():
        abort(400)
    return _change(survey, operation, message)


def _change(survey: Survey, operation, message: str | None = None):
    """Run a facilitator's change, say how it went, and go back to the survey."""
    back = url_for(".show_survey", survey_id=survey.id)
    return act_then_redirect(operation, back, message or _("The questions are saved."))


@bp.get("/surveys/<int:survey_id>/results")
@require(Action.VIEW_SURVEYS)
def show_results(survey_id: int):
    """Show a closed survey's results, unless too few answered; free texts to evaluators only."""
    found = results.survey_results(_survey(survey_id))
    return render_template(
        "surveys/survey_results.html",
        results=found,
        texts=can(Action.EVALUATE_SURVEYS, found),
        kind_names=names.QUESTION_KIND_NAMES,
    ), 200 if found.shown else 403


@bp.get("/surveys/<int:survey_id>/results.csv")
@require(Action.EVALUATE_SURVEYS)
def export_results(survey_id: int):
    """Export a closed survey's counts and free texts for independent evaluators."""
    found = results.survey_results(_survey(survey_id))
    authorise(Action.EVALUATE_SURVEYS, found)
    return Response(
        results.results_csv(found),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=survey-{survey_id}-results.csv"},
    )
