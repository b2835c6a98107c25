"""Loading a recommendation for a request, shared by the pages that hang on one."""

from flask import abort, g

from convention.extensions import db
from convention.models import Recommendation
from convention.recommendations import queries, services


def readable_or_404(recommendation_id: int) -> Recommendation:
    """Load a recommendation the member may read; drafts of other groups answer 404."""
    recommendation = db.session.scalar(queries.detail(recommendation_id, g.convention))
    if recommendation is None or not services.may_read(recommendation, g.membership):
        abort(404)
    return recommendation
