"""A topic's page, rendered by the topic's own view and by a refused contribution to it."""

from dataclasses import dataclass

from flask import abort, g, get_template_attribute, render_template, request
from markupsafe import Markup

from convention.access import can
from convention.comments import kept, queries as comment_queries
from convention.comments.forms import CommentForm
from convention.extensions import db
from convention.models import Topic
from convention.rules.comments import Stance
from convention.rules.policy import Action
from convention.topics import forms, queries
from convention.web import fragments
from convention.web.forms import ActionForm
from convention.web.urls import query_int


def render_topic(topic: Topic, *, comment_form=None, question_form=None, status: int = 200):
    """Render a topic's page; forms given back keep what the member typed."""
    asked = request.args.get("stance")
    stance = Stance(asked) if asked is not None and asked in Stance.__members__.values() else None
    order = "new" if request.args.get("order") == "new" else "old"
    page = render_template(
        "topics/topic_detail.html",
        topic=topic,
        materials=_materials(topic),
        contributions=_contributions(topic, stance, order),
        comment_form=comment_form or CommentForm(formdata=None),
        question_form=question_form or forms.QuestionForm(formdata=None),
    )
    return page, status


@dataclass(frozen=True)
class Materials:
    """What informs a topic, rendered: its briefings, its hearings, the questions to experts."""

    briefings: Markup
    hearings: Markup
    questions: Markup


def _materials(topic: Topic) -> Materials:
    """Render the topic's materials, kept for every reader who withdraws none of them."""
    names, answers = can(Action.READ_COMMENTS), can(Action.ANSWER_QUESTIONS)

    def build() -> Materials:
        briefings = db.session.scalars(queries.briefings_of(topic)).unique().all()
        withdrawable = {b.id for b in briefings if can(Action.WITHDRAW_BRIEFINGS, b)}
        questions = db.session.scalars(queries.questions(g.convention, topic)).all()
        return Materials(
            _macro("briefing_cards")(briefings, withdrawable, ActionForm()),
            _macro("hearing_cards")(db.session.scalars(queries.hearings_of(topic)).all()),
            _macro("question_cards")(questions, names, answers),
        )

    if can(Action.WITHDRAW_BRIEFINGS):
        return build()  # their withdraw buttons carry their own CSRF token
    return fragments.kept("topic-materials", (topic.id, names, answers), build)


def _macro(name: str):
    """A macro of the materials template: it reads only its arguments, never the reader."""
    return get_template_attribute("topics/_materials.html", name)


def _contributions(topic: Topic, stance: Stance | None, order: str) -> Markup | None:
    """The page of contributions asked for, kept for every reader with the same rights."""
    if not can(Action.READ_COMMENTS):
        return None
    rights = kept.Rights(can(Action.COMMENT, topic), can(Action.FLAG), can(Action.MODERATE))
    whole = query_int("thread", minimum=1)
    number = max(query_int("page", 1) or 1, 1)

    def build() -> kept.KeptThreads:
        if whole is not None:
            # one thread with every reply: where a long thread's "more replies" link leads
            shown = comment_queries.whole_thread(topic, whole) or abort(404)
            threads = comment_queries.ThreadPage(shown, 1, 1, 1)
        else:
            threads = comment_queries.thread_page(topic, number, stance, order)
        return kept.render(
            "topics/_contributions.html",
            rights,
            threads,
            topic=topic,
            counts=comment_queries.stance_counts(topic),
            stance=stance,
            order=order,
            whole=whole,
        )

    key = (topic.id, rights, stance, order, whole, number)
    return fragments.kept("topic-contributions", key, build).for_reader(g.membership)
