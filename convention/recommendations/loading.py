"""Loading a recommendation for a request, shared by the pages that hang on one."""

from flask import abort, g

from convention.access import can
from convention.extensions import db
from convention.models import Recommendation
from convention.recommendations import queries
from convention.rules.policy import Action


def readable_or_404(recommendation_id: int) -> Recommendation:
    """Load a recommendation the member may read; drafts of other groups answer 404."""
    recommendation = db.session.scalar(queries.detail(recommendation_id, g.convention))
    if recommendation is None or not can(Action.VIEW_RECOMMENDATIONS, recommendation):
        abort(404)
    return recommendation
