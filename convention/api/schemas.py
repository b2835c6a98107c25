"""The open data API's marshmallow schemas: what each record publishes, and nothing more."""

from marshmallow import Schema, fields, validate

MAX_INT = 2**31 - 1


class PageArgsSchema(Schema):
    """Keyset pagination: items after an id, in id order, so pages stay stable as data grows."""

    after = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_INT),
        metadata={"description": "Return items whose id is greater than this one."},
    )
    limit = fields.Integer(
        load_default=50,
        validate=validate.Range(min=1, max=100),
        metadata={"description": "How many items to return (1 to 100)."},
    )


class ApiErrorSchema(Schema):
    """An error, in the reader's language."""

    error = fields.String(required=True)
    message = fields.String(required=True)
    status = fields.Integer(required=True)
    errors = fields.Dict(metadata={"description": "Which query parameters were refused, and why."})


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of `item`s with the address of the next page (null on the last one)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "next": fields.Url(
                required=True,
                allow_none=True,
                metadata={"description": "The next page's address, or null on the last page."},
            ),
        },
        name=name,
    )


class ConventionSchema(Schema):
    """A public convention."""

    slug = fields.String(required=True)
    title = fields.String(required=True)
    mandate = fields.String(required=True)
    description = fields.String(required=True)
    phase = fields.String(required=True)
    languages = fields.List(fields.String(), required=True)
    time_zone = fields.String(required=True)
    created_at = fields.DateTime(required=True)


class AgendaItemSchema(Schema):
    """A point of a session's agenda."""

    position = fields.Integer(required=True)
    title = fields.String(required=True)
    minutes = fields.Integer(required=True, allow_none=True)
    topic_id = fields.Integer(required=True, allow_none=True)


class SessionSchema(Schema):
    """A session's public parts: when, where, what; never the online link nor who attended."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    starts_at = fields.DateTime(required=True)
    ends_at = fields.DateTime(required=True)
    location = fields.String(required=True)
    description = fields.String(required=True)
    cancelled = fields.Boolean(required=True)
    agenda = fields.List(fields.Nested(AgendaItemSchema), required=True)


class FileSchema(Schema):
    """A published file with its fingerprint and address."""

    name = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True, allow_none=True)
    sha256 = fields.String(required=True)
    url = fields.Url(required=True)


class BriefingSchema(Schema):
    """A briefing on a topic, without its author."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    sources = fields.String(required=True)
    link_url = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    files = fields.List(fields.Nested(FileSchema), required=True)


class TopicSchema(Schema):
    """A topic of the convention and its briefings."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    body = fields.String(required=True)
    position = fields.Integer(required=True)
    is_open = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    briefings = fields.List(fields.Nested(BriefingSchema), required=True)


class VersionSchema(Schema):
    """One wording of a recommendation, without its author."""

    number = fields.Integer(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    rationale = fields.String(required=True)
    impact = fields.String(required=True)
    note = fields.String(required=True)
    created_at = fields.DateTime(required=True)


class RecommendationSchema(Schema):
    """A recommendation put to the panel's vote, with every wording it had."""

    id = fields.Integer(required=True)
    reference = fields.String(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    rationale = fields.String(required=True)
    impact = fields.String(required=True)
    state = fields.String(required=True)
    topic_id = fields.Integer(required=True)
    versions = fields.List(fields.Nested(VersionSchema), required=True)


class ResultSchema(Schema):
    """A closed item's frozen result: counts only, never who chose what."""

    yes = fields.Integer()
    no = fields.Integer()
    abstain = fields.Integer()
    participants = fields.Integer()
    eligible = fields.Integer()
    expressed = fields.Integer()
    required = fields.Integer()
    quorum_needed = fields.Integer()
    quorum_met = fields.Boolean()
    outcome = fields.String()
    rank = fields.Integer(metadata={"description": "Majority judgment: the option's rank."})
    median = fields.Integer(allow_none=True)
    grades = fields.List(fields.Integer())


class BallotItemSchema(Schema):
    """One question of a closed ballot and its result."""

    position = fields.Integer(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    question = fields.String(required=True)
    recommendation_id = fields.Integer(required=True, allow_none=True)
    result = fields.Nested(ResultSchema, required=True, allow_none=True)


class BallotSchema(Schema):
    """A closed ballot: its rules and its results."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    method = fields.String(required=True)
    majority = fields.String(required=True)
    threshold = fields.String(required=True)
    quorum_percent = fields.Integer(required=True)
    secret = fields.Boolean(required=True)
    opened_at = fields.DateTime(required=True, allow_none=True)
    closed_at = fields.DateTime(required=True, allow_none=True)
    eligible = fields.Integer(required=True, allow_none=True)
    items = fields.List(fields.Nested(BallotItemSchema), required=True)


class ReportVersionSchema(Schema):
    """A frozen version of the report, its hash and its files."""

    number = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    published_at = fields.DateTime(required=True)
    audit_head = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The audit log's head hash when this version was published."},
    )
    files = fields.List(fields.Nested(FileSchema), required=True)


class UpdateSchema(Schema):
    """A step in putting a council answer into practice."""

    status = fields.String(required=True)
    percent = fields.Integer(required=True)
    note = fields.String(required=True)
    noted_on = fields.Date(required=True)
    created_at = fields.DateTime(required=True)


class AnswerVersionSchema(Schema):
    """An earlier wording of a council answer."""

    decision = fields.String(required=True)
    reasons = fields.String(required=True)
    recorded_at = fields.DateTime(required=True)


class CouncilAnswerSchema(Schema):
    """The council's answer to a recommendation, with its earlier wordings and follow-up."""

    id = fields.Integer(required=True)
    recommendation_id = fields.Integer(required=True)
    recommendation_reference = fields.String(required=True)
    decision = fields.String(required=True)
    reasons = fields.String(required=True)
    debated_on = fields.Date(required=True)
    votes_for = fields.Integer(required=True)
    votes_against = fields.Integer(required=True)
    votes_abstain = fields.Integer(required=True)
    department = fields.String(required=True)
    deadline = fields.Date(required=True, allow_none=True)
    answered_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    history = fields.List(
        fields.Nested(AnswerVersionSchema),
        required=True,
        metadata={"description": "Earlier wordings of the answer, oldest first."},
    )
    updates = fields.List(fields.Nested(UpdateSchema), required=True)


class QuotaSchema(Schema):
    """How one feature value is represented in the pool and the panel."""

    feature = fields.String(required=True)
    value = fields.String(required=True)
    minimum = fields.Integer(required=True)
    maximum = fields.Integer(required=True)
    in_pool = fields.Integer(required=True)
    expected = fields.Float(required=True)
    in_panel = fields.Integer(required=True, allow_none=True)


class SelectionSchema(Schema):
    """The public record of the panel's draw."""

    method = fields.String(required=True)
    panel_size = fields.Integer(required=True)
    lottery_size = fields.Integer(required=True)
    list_hash = fields.String(required=True)
    published_at = fields.DateTime(required=True)
    list_url = fields.Url(required=True)
    seed = fields.String(required=True, allow_none=True)
    seed_entered_at = fields.DateTime(required=True, allow_none=True)
    drawn_index = fields.Integer(required=True, allow_none=True)
    drawn_at = fields.DateTime(required=True, allow_none=True)
    quotas = fields.List(fields.Nested(QuotaSchema), required=True)
