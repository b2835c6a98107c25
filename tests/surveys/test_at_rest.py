"""A closed survey's answers, read as a dump or the raw files would be, link nobody to an answer."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Survey, SurveyAnswer
from convention.surveys import services
from tests.at_rest import BOUND, assert_purged, spearman, stored_rows
from tests.conftest import ON_POSTGRES, put_session
from tests.factories import make_member, make_survey
from tests.surveys.conftest import answer

RESPONDENTS = 60


def test_answers_are_shuffled_at_close_and_their_old_rows_destroyed(app, panel):
    facilitator, _, citizens = panel
    convention = facilitator.convention
    members = citizens + [make_member(convention) for _ in range(RESPONDENTS - len(citizens))]
    survey = make_survey(convention, facilitator, questions=(("scale", "Heard?"),), opened=True)
    question = survey.questions[0]
    # Values in blocks of the answering order: any column keeping that order would show it.
    answered = [1 + i * 5 // RESPONDENTS for i in range(RESPONDENTS)]
    with app.test_request_context():
        for member, value in zip(members, answered, strict=True):
            services.answer_survey(survey, member, {question.id: str(value)})
            db.session.commit()
    old_keys = set(db.session.scalars(sa.select(SurveyAnswer.key)))
    with app.test_request_context():
        services.close_survey(survey, facilitator)
    db.session.commit()

    columns = {c["name"] for c in sa.inspect(db.engine).get_columns("survey_answers")}
    assert columns == {"key", "survey_id", "question_id", "value", "text"}
    box = stored_rows("survey_answers", "key, value")
    assert sorted(row["value"] for row in box) == sorted(answered)
    assert not old_keys & {row["key"] for row in box}
    if ON_POSTGRES:
        assert len({row["xmin"] for row in box}) == 1
        who = set(db.session.scalars(sa.text("SELECT xmin::text FROM survey_participations")))
        assert box[0]["xmin"] not in who
    for column in ("place", "key"):
        stored = [row["value"] for row in sorted(box, key=lambda row: row[column])]
        assert abs(spearman(answered, stored)) < BOUND, column
    assert_purged(app, old_keys, "survey_answers", Survey, "survey boxes purged")


def test_no_row_links_a_member_to_an_answer(client, panel):
    facilitator, _, citizens = panel
    survey = make_survey(
        facilitator.convention, facilitator, questions=(("text", "Why?"),), opened=True
    )
    put_session(client, citizens[2])
    answer(client, survey, {1: "Because of the mayor"})
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table)).mappings():
            if citizens[2].id in row.values():
                assert "mayor" not in str(dict(row)), table.name
    stored = db.session.execute(sa.select(SurveyAnswer.text, SurveyAnswer.value)).one()
    assert tuple(stored) == ("Because of the mayor", None)
