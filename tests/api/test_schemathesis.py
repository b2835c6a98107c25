"""Schemathesis runs every operation of the generated OpenAPI document and finds no failure."""

import schemathesis
from hypothesis import HealthCheck, settings

from convention import create_app

# The document is generated from the code alone: an app without a database serves it.
_SPEC_APP = create_app(
    {"TESTING": True, "SECRET_KEY": "spec", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _SPEC_APP)


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_its_schema(case, app, seeded):
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    case.call_and_validate(app=app)
    # Generated slugs and ids rarely name a record: run the same query on the seeded ones too.
    if "convention_slug" in (case.path_parameters or {}):
        case.path_parameters = {**case.path_parameters, "convention_slug": seeded.slug}
        if "ballot_id" in case.path_parameters:
            case.path_parameters["ballot_id"] = seeded.closed.id
        case.call_and_validate(app=app)
