"""A topic's page, rendered by the topic's own view and by a refused contribution to it."""

from flask import abort, g, render_template, request

from convention.access import can
from convention.comments import queries as comment_queries
from convention.comments.forms import CommentForm
from convention.extensions import db
from convention.models import Topic
from convention.rules.comments import Stance
from convention.rules.policy import Action
from convention.topics import forms, queries
from convention.web.forms import ActionForm
from convention.web.urls import query_int


def render_topic(topic: Topic, *, comment_form=None, question_form=None, status: int = 200):
    """Render a topic's page; forms given back keep what the member typed."""
    asked = request.args.get("stance")
    stance = Stance(asked) if asked is not None and asked in Stance.__members__.values() else None
    order = "new" if request.args.get("order") == "new" else "old"
    threads = None
    whole = query_int("thread", minimum=1)
    if can(Action.READ_COMMENTS) and whole is not None:
        # one thread with every reply: where a long thread's "more replies" link leads
        shown = comment_queries.whole_thread(topic, whole) or abort(404)
        threads = comment_queries.ThreadPage(shown, 1, 1, 1)
    elif can(Action.READ_COMMENTS):
        number = max(query_int("page", 1) or 1, 1)
        threads = comment_queries.thread_page(topic, number, stance, order)
    page = render_template(
        "topics/topic_detail.html",
        topic=topic,
        briefings=db.session.scalars(queries.briefings_of(topic)).unique().all(),
        hearings=db.session.scalars(queries.hearings_of(topic)).all(),
        questions=db.session.scalars(queries.questions(g.convention, topic)).all(),
        threads=threads,
        stance=stance,
        order=order,
        whole=whole,
        counts=comment_queries.stance_counts(topic) if threads else None,
        comment_form=comment_form or CommentForm(formdata=None),
        question_form=question_form or forms.QuestionForm(formdata=None),
        action_form=ActionForm(),
    )
    return page, status
