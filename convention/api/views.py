"""The open data API's operations: public reads only, whatever cookie comes with the request."""

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Response, abort, current_app, request, url_for
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from convention.access import visitor_can
from convention.api import queries, records
from convention.api.schemas import (
    ApiErrorSchema,
    BallotSchema,
    ConventionSchema,
    CouncilAnswerSchema,
    PageArgsSchema,
    RecommendationSchema,
    ReportVersionSchema,
    SelectionSchema,
    SessionSchema,
    TopicSchema,
    page_of,
)
from convention.clock import utcnow
from convention.extensions import db, limiter
from convention.models import (
    Ballot,
    BallotState,
    Convention,
    ConventionSession,
    CouncilResponse,
    Recommendation,
    ReportVersion,
    Topic,
)
from convention.rules.policy import Action
from convention.selection.services import published_run
from convention.voting.reading import settled, settled_states
from convention.web.errors import MESSAGES

bp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Public records of citizen conventions, read-only.",
)
ONE = "/conventions/<convention_slug>"
SLUG_PARAMETER = {
    "in": "path",
    "name": "convention_slug",
    "description": "The convention's short name, as in its address /c/<slug>/.",
}
# One budget per client address across every operation, not one per operation.
limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="open-data-api")(bp)


@bp.errorhandler(HTTPException)
def _error(error: HTTPException) -> Any:
    """Answer an API error as JSON; a 304 carries no body."""
    if error.code == 304:
        return Response(status=304)
    title, message = MESSAGES.get(error.code or 500, MESSAGES[400])
    body: dict[str, Any] = {"error": str(title), "message": str(message), "status": error.code}
    refused = getattr(error, "data", {}).get("messages") if hasattr(error, "data") else None
    if refused:
        body["errors"] = refused
    return body, error.code


def operation(path: str, schema: type, *, paged: bool = True) -> Callable:
    """Declare a GET operation: its schema, ETag, and the errors every operation may answer."""

    def decorate(view: Callable) -> Callable:
        view = bp.response(200, schema)(view)
        if paged:
            view = bp.arguments(PageArgsSchema, location="query", error_status_code=400)(view)
        view = bp.alt_response(404, schema=ApiErrorSchema, description="Not found, or not public.")(
            view
        )
        view = bp.alt_response(
            429, schema=ApiErrorSchema, description="Too many requests: wait and try again."
        )(view)
        slug = [SLUG_PARAMETER] if "<convention_slug>" in path else []
        return bp.route(path, methods=["GET"], parameters=slug)(bp.etag(view))

    return decorate


def _convention(slug: str, action: Action) -> Convention:
    """Load a convention where a visitor may take `action`; anything else answers 404."""
    found = db.session.scalar(queries.public_convention(slug))
    if found is None or not visitor_can(found, action):
        abort(404)
    return found


def _page(select: sa.Select, model: Any, args: dict, endpoint: str, **values: Any) -> dict:
    """Read one page in id order and link the next one."""
    limit = args["limit"]
    rows = db.session.scalars(
        select.where(model.id > args["after"]).order_by(model.id).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_url = (
        url_for(endpoint, after=rows[-1].id, limit=limit, _external=True, **values)
        if more
        else None
    )
    return {"items": rows, "next": next_url}


def _listing(args: dict, slug: str, action: Action, select: Callable, model: Any, record: Callable):
    """A page of one public convention's items, each turned into its record."""
    c = _convention(slug, action)
    page = _page(select(c), model, args, request.endpoint or "", convention_slug=c.slug)
    return page | {"items": [record(item, c) for item in page["items"]]}


@operation("/conventions", page_of(ConventionSchema, "ConventionPage"))
def list_conventions(args: dict):
    """List the public conventions, oldest first."""
    page = _page(queries.public_conventions(), Convention, args, "api.list_conventions")
    return page | {"items": [records.convention(c) for c in page["items"]]}


@operation(ONE, ConventionSchema, paged=False)
def get_convention(convention_slug: str):
    """Show one public convention."""
    return records.convention(_convention(convention_slug, Action.VIEW))


@operation(f"{ONE}/sessions", page_of(SessionSchema, "SessionPage"))
def list_sessions(args: dict, convention_slug: str):
    """List the convention's sessions: times, places, agendas; never who attended."""
    return _listing(
        args,
        convention_slug,
        Action.VIEW_MATERIALS,
        queries.sessions,
        ConventionSession,
        lambda s, c: records.session(s),
    )


@operation(f"{ONE}/topics", page_of(TopicSchema, "TopicPage"))
def list_topics(args: dict, convention_slug: str):
    """List the convention's topics with their briefings and files."""
    return _listing(
        args, convention_slug, Action.VIEW_MATERIALS, queries.topics, Topic, records.topic
    )


@operation(f"{ONE}/recommendations", page_of(RecommendationSchema, "RecommendationPage"))
def list_recommendations(args: dict, convention_slug: str):
    """List the recommendations the panel voted on (adopted or rejected), with every wording."""
    return _listing(
        args,
        convention_slug,
        Action.VIEW_BALLOTS,
        queries.voted_recommendations,
        Recommendation,
        lambda r, c: records.recommendation(r),
    )


@operation(f"{ONE}/ballots", page_of(BallotSchema, "BallotPage"))
def list_ballots(args: dict, convention_slug: str):
    """List the closed ballots with their frozen results; open and scheduled ones stay sealed."""
    page = _listing(
        args,
        convention_slug,
        Action.VIEW_BALLOTS,
        lambda c: queries.closed_ballots(c, utcnow()),
        Ballot,
        lambda b, c: b,
    )
    # The same step as the results page: a ballot closed by its time is tallied on first read.
    states = settled_states(page["items"])
    closed = [b for b in page["items"] if states[b.id] == BallotState.CLOSED]
    return page | {"items": [records.ballot(b) for b in closed]}


@operation(f"{ONE}/ballots/<int:ballot_id>", BallotSchema, paged=False)
def get_ballot(convention_slug: str, ballot_id: int):
    """Show one closed ballot's rules and results; before it closes it answers 404."""
    c = _convention(convention_slug, Action.VIEW_BALLOTS)
    ballot = db.session.scalar(queries.ballots(c).where(Ballot.id == ballot_id))
    if ballot is None or settled(ballot) != BallotState.CLOSED:
        abort(404)
    return records.ballot(ballot)


@operation(f"{ONE}/reports", page_of(ReportVersionSchema, "ReportVersionPage"))
def list_report_versions(args: dict, convention_slug: str):
    """List the report's frozen versions, their SHA-256 and their files."""
    return _listing(
        args,
        convention_slug,
        Action.VIEW_REPORT,
        queries.report_versions,
        ReportVersion,
        lambda v, c: records.report_version(v, c, json.loads(v.content).get("audit_head")),
    )


@operation(f"{ONE}/council-answers", page_of(CouncilAnswerSchema, "CouncilAnswerPage"))
def list_council_answers(args: dict, convention_slug: str):
    """List the council's answers with their implementation updates.

    `history` lists earlier wordings of an answer once they are kept; it is empty for now.
    """
    return _listing(
        args,
        convention_slug,
        Action.VIEW_REPORT,
        queries.council_answers,
        CouncilResponse,
        lambda a, c: records.council_answer(a),
    )


@operation(f"{ONE}/selection", SelectionSchema, paged=False)
def get_selection(convention_slug: str):
    """Show the public record of the panel's draw: method, list hash, seed, index, quotas."""
    c = _convention(convention_slug, Action.VIEW_SELECTION)
    run = published_run(c)
    if run is None:
        abort(404)
    return records.selection(run, c)
