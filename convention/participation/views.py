"""The facilitators' page on equity of voice, with a chart and its table."""

from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, g, render_template

from convention.access import require
from convention.extensions import db
from convention.meetings.queries import session_record
from convention.members.queries import active_citizens
from convention.models import Membership
from convention.participation import queries
from convention.rules.participation import bar_widths, summarise
from convention.rules.policy import Action

bp = Blueprint("participation", __name__, url_prefix="/c/<slug>")

CHART_WIDTH = 220


@dataclass(frozen=True)
class Voice:
    """One citizen's participation."""

    member: Membership
    comments: int
    questions: int
    present: int
    last: datetime | None

    @property
    def contributions(self) -> int:
        """Count what the member wrote: contributions and questions."""
        return self.comments + self.questions


@bp.get("/participation")
@require(Action.VIEW_PARTICIPATION)
def show_participation():
    """Show who speaks how much, who has not spoken yet, and who attends."""
    voices = _voices()
    summary = summarise({v.member.id: v.contributions for v in voices})
    widths = bar_widths([count for _, count in summary.buckets], CHART_WIDTH)
    return render_template(
        "participation/participation.html",
        voices=sorted(voices, key=lambda v: (v.contributions, v.member.pseudonym.lower())),
        summary=summary,
        bars=list(zip(summary.buckets, widths, strict=True)),
        held=session_record(g.convention)[1].held,
    )


def _voices() -> list[Voice]:
    """Gather each active citizen's counts in four queries."""
    convention = g.convention
    comments: dict[int, tuple[int, datetime | None]] = {
        m: (n, last) for m, n, last in db.session.execute(queries.comments_per_member(convention))
    }
    questions = dict(db.session.execute(queries.questions_per_member(convention)).all())
    present = dict(db.session.execute(queries.presence_per_member(convention)).all())
    return [
        Voice(
            member=m,
            comments=comments.get(m.id, (0, None))[0],
            questions=questions.get(m.id, 0),
            present=present.get(m.id, 0),
            last=comments.get(m.id, (0, None))[1],
        )
        for m in db.session.scalars(active_citizens(convention))
    ]
