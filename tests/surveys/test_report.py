"""The report summarises closed surveys with enough respondents, never their free texts."""

import json
from pathlib import Path

import jsonschema

from convention.extensions import db
from convention.reports import queries
from convention.rules.report import assemble
from convention.surveys import services
from tests.conftest import put_session
from tests.factories import make_member, make_survey

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "convention/reports/report.schema.json").read_text()
)
QUESTIONS = (("scale", "I felt heard."), ("choice", "Again?"), ("text", "Improve what?"))


def _closed_survey(app, facilitator, respondents: int, title: str):
    """Open a survey, have `respondents` members answer, close it."""
    convention = facilitator.convention
    survey = make_survey(convention, facilitator, questions=QUESTIONS, opened=True)
    survey.title = title
    ids = [q.id for q in survey.questions]
    with app.test_request_context():
        for n in range(respondents):
            given = {ids[0]: str(1 + n % 5), ids[1]: "0", ids[2]: f"Private words {n}"}
            services.answer_survey(survey, make_member(convention), given)
        services.close_survey(survey, facilitator)
    db.session.commit()
    return survey


def test_the_report_summarises_surveys_with_enough_answers_and_no_free_text(app, client, panel):
    facilitator, _, _ = panel
    _closed_survey(app, facilitator, 5, "Mid-term evaluation")
    _closed_survey(app, facilitator, 4, "Too small to show")
    content = assemble(queries.report_input(facilitator.convention))
    jsonschema.validate(content, SCHEMA)
    [summary] = content["surveys"]
    assert (summary["title"], summary["stage"], summary["respondents"]) == (
        "Mid-term evaluation",
        "during",
        5,
    )
    scale, choice, text = summary["questions"]
    assert [a["count"] for a in scale["answers"]] == [1, 1, 1, 1, 1] and scale["mean"] == 3
    assert choice["answers"][0] == {"label": "Yes", "count": 5}
    assert text["answered"] == 5 and text["answers"] == []
    assert "Private words" not in json.dumps(content)
    put_session(client, facilitator)
    page = client.get("/c/ai/report/draft").text
    assert "Mid-term evaluation" in page and "Too small to show" not in page
    assert "Private words" not in page
