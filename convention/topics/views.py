"""Topics and what informs them: briefings, files, hearings, questions to the experts."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from convention import storage
from convention.access import authorise, require, scoped_or_404
from convention.clock import local_to_utc
from convention.extensions import db
from convention.models import Briefing, BriefingFile, InformationRequest, Topic
from convention.rules.policy import Action
from convention.topics import forms, queries, services, uploads
from convention.topics.pages import render_topic
from convention.web import errors
from convention.web.forms import ActionForm, form_page
from convention.web.unit_of_work import after_commit

bp = Blueprint("topics", __name__, url_prefix="/c/<slug>")

UPLOAD_ERRORS = {
    "too_large": lambda: _("The file is too large."),
    "empty": lambda: _("The file is empty."),
    "type": lambda: _(
        "This kind of file is not accepted: send a PDF, an image or an office document."
    ),
}


@bp.get("/topics")
@require(Action.VIEW_MATERIALS)
def list_topics():
    """List the convention's topics with how many contributions each has."""
    topics = db.session.scalars(queries.topics_of(g.convention)).all()
    counts = dict(db.session.execute(queries.comment_counts(g.convention)).all())
    return render_template(
        "topics/topic_list.html", topics=topics, counts=counts, action_form=ActionForm()
    )


@bp.post("/topics/<int:topic_id>/move")
@require(Action.MANAGE_TOPICS)
def move_topic(topic_id: int):
    """Move a topic one place up or down in the list."""
    topic = scoped_or_404(Topic, topic_id)
    direction = request.form.get("direction")
    if direction in ("up", "down"):
        offset = -1 if direction == "up" else 1
        services.move_topic(topic, g.membership, offset)
    return redirect(url_for("topics.list_topics")), 303


@bp.route("/topics/new", methods=["GET", "POST"])
@require(Action.MANAGE_TOPICS)
def new_topic():
    """Add a topic."""
    form = forms.TopicForm()
    if not form.validate_on_submit():
        return form_page("topics/topic_form.html", form)
    topic = services.create_topic(g.membership, **form.data)
    flash(_("The topic is created."), "success")
    return redirect(url_for("topics.show_topic", topic_id=topic.id))


@bp.route("/topics/<int:topic_id>/edit", methods=["GET", "POST"])
@require(Action.MANAGE_TOPICS)
def edit_topic(topic_id: int):
    """Change a topic's text, or open and close it for contributions."""
    topic = scoped_or_404(Topic, topic_id)
    form = forms.TopicForm(obj=topic)
    if not form.validate_on_submit():
        return form_page("topics/topic_form.html", form, topic=topic)
    services.update_topic(topic, g.membership, **form.data)
    flash(_("The topic is saved."), "success")
    return redirect(url_for("topics.show_topic", topic_id=topic.id))


@bp.get("/topics/<int:topic_id>")
@require(Action.VIEW_MATERIALS)
def show_topic(topic_id: int):
    """Show a topic, what informs it, and one page of its contributions."""
    return render_topic(scoped_or_404(Topic, topic_id))


@bp.route("/topics/<int:topic_id>/briefings/new", methods=["GET", "POST"])
@require(Action.PUBLISH_BRIEFINGS)
def new_briefing(topic_id: int):
    """Publish a briefing on a topic, with a link and a document."""
    topic = scoped_or_404(Topic, topic_id)
    form = forms.BriefingForm()
    if not form.validate_on_submit():
        return form_page("topics/briefing_form.html", form, topic=topic)
    try:
        stored = (
            uploads.store(form.file.data.read(), form.file.data.filename or "")
            if form.file.data
            else None
        )
    except uploads.UploadError as error:
        form.file.errors = [UPLOAD_ERRORS[str(error)]()]
        return render_template("topics/briefing_form.html", form=form, topic=topic), 422
    fields = {k: form.data[k] for k in ("title", "body", "sources", "link_url")}
    services.add_briefing(topic, g.membership, stored=stored, **fields)
    flash(_("The briefing is published."), "success")
    return redirect(url_for("topics.show_topic", topic_id=topic.id, _anchor="briefings"))


@bp.post("/briefings/<int:briefing_id>/delete")
@require(Action.WITHDRAW_BRIEFINGS)
def delete_briefing(briefing_id: int):
    """Withdraw a briefing: its author or a facilitator may."""
    briefing = scoped_or_404(Briefing, briefing_id)
    authorise(Action.WITHDRAW_BRIEFINGS, briefing)
    if not ActionForm().validate_on_submit():
        abort(400)
    citing = db.session.scalars(queries.recommendations_citing(briefing)).all()
    if citing:
        numbers = ", ".join(f"R-{number}" for number in citing)
        message = _(
            "This briefing cannot be withdrawn: recommendations %(numbers)s cite it as evidence. "
            "Ask their authors to remove it from their evidence first.",
            numbers=numbers,
        )
        return errors.refuse(409, message)
    names = services.remove_briefing(briefing, g.membership)
    after_commit(lambda: uploads.discard(names))
    flash(_("The briefing is withdrawn."), "success")
    return redirect(
        url_for("topics.show_topic", topic_id=briefing.topic_id, _anchor="briefings")
    ), 303


@bp.get("/files/<int:file_id>")
@require(Action.VIEW_MATERIALS)
def download_file(file_id: int):
    """Send a briefing's document: images inline, everything else as a download."""
    document = scoped_or_404(BriefingFile, file_id)
    try:
        stream = uploads.open_stored(document.stored_name)
    except storage.MissingFile:
        abort(404)
    inline = document.content_type in uploads.INLINE_TYPES
    response = send_file(
        stream,
        mimetype=document.content_type,
        as_attachment=not inline,
        download_name=document.original_name,
        max_age=0,
        etag=document.sha256,
        last_modified=document.created_at,
    )
    if response.status_code == 200:  # a stream's length is unknown to send_file: ours is recorded
        response.content_length = document.size
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/topics/<int:topic_id>/hearings/new", methods=["GET", "POST"])
@require(Action.PUBLISH_BRIEFINGS)
def new_hearing(topic_id: int):
    """Record an expert hearing on a topic."""
    topic = scoped_or_404(Topic, topic_id)
    form = forms.HearingForm()
    if not form.validate_on_submit():
        return form_page("topics/hearing_form.html", form, topic=topic)
    fields = {k: v for k, v in form.data.items() if k != "csrf_token"}
    if fields["held_at"]:
        fields["held_at"] = local_to_utc(fields["held_at"], g.convention.time_zone)
    services.add_hearing(topic, g.membership, **fields)
    flash(_("The hearing is recorded."), "success")
    return redirect(url_for("topics.show_topic", topic_id=topic.id, _anchor="hearings"))


@bp.post("/topics/<int:topic_id>/questions")
@require(Action.ASK_QUESTIONS)
def ask_question(topic_id: int):
    """Put a question to the experts about a topic."""
    topic = scoped_or_404(Topic, topic_id)
    form = forms.QuestionForm()
    if not form.validate_on_submit():
        return render_topic(topic, question_form=form, status=422)
    request_ = services.ask_question(topic, g.membership, form.question.data)
    flash(_("Your question is sent to the experts."), "success")
    return redirect(url_for("topics.show_topic", topic_id=topic.id, _anchor=f"q{request_.id}")), 303


@bp.get("/questions")
@require(Action.VIEW_MATERIALS)
def list_questions():
    """List the questions put to the experts, the unanswered ones first if asked."""
    pending = request.args.get("pending") == "1"
    found = db.session.scalars(queries.questions(g.convention, pending=pending).limit(200)).all()
    return render_template("topics/question_list.html", questions=found, pending=pending)


@bp.route("/questions/<int:request_id>/answer", methods=["GET", "POST"])
@require(Action.ANSWER_QUESTIONS)
def answer_question(request_id: int):
    """Answer a question for everyone, or correct an answer."""
    question = scoped_or_404(InformationRequest, request_id)
    form = forms.AnswerForm(obj=question)
    if not form.validate_on_submit():
        return form_page("topics/question_answer.html", form, question=question)
    services.answer_question(question, g.membership, form.answer.data)
    flash(_("The answer is published."), "success")
    return redirect(
        url_for("topics.show_topic", topic_id=question.topic_id, _anchor=f"q{question.id}")
    )
