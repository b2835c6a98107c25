"""A facilitator runs an evaluation survey; citizens answer once; results after close only."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Survey, SurveyAnswer, SurveyParticipation
from convention.rules.policy import Role
from tests.conftest import put_session
from tests.factories import make_member, make_survey
from tests.surveys.conftest import answer

SECRET = "More breaks between hearings, says Citizen"


def _survey() -> Survey:
    return db.session.scalars(sa.select(Survey)).one()


def test_a_survey_from_the_template_is_answered_once_and_its_results_shown_after_close(
    client, panel
):
    facilitator, observer, citizens = panel
    put_session(client, facilitator)
    created = client.post(
        "/c/ai/surveys/new",
        data={"title": "Closing evaluation", "stage": "after", "from_template": "y"},
    )
    assert created.status_code == 303
    survey = _survey()
    # The template is worded in the convention's first language (French here).
    assert len(survey.questions) == 7
    assert "Dans l'ensemble, le processus était équitable." in [q.prompt for q in survey.questions]
    assert client.post(f"/c/ai/surveys/{survey.id}/open").status_code == 303
    kinds = {q.position: q.kind.value for q in survey.questions}
    for i, citizen in enumerate(citizens):
        put_session(client, citizen)
        page = client.get(f"/c/ai/surveys/{survey.id}").text
        assert "<fieldset" in page and "<legend>" in page and 'type="radio"' in page
        values = {p: "4" if k == "scale" else "0" for p, k in kinds.items() if k != "text"}
        values[6] = f"{SECRET}{i}"  # the first free-text question; the second stays blank
        assert answer(client, survey, values).status_code == 303
    again = answer(client, survey, {1: "1"})
    assert again.status_code == 303
    assert "already recorded" in client.get(again.location).text
    assert db.session.scalar(sa.select(sa.func.count(SurveyParticipation.id))) == 6
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.key))) == 6 * 6
    sealed = client.get(f"/c/ai/surveys/{survey.id}/results")
    assert sealed.status_code == 403 and "until the survey closes" in sealed.text
    put_session(client, facilitator)
    assert client.post(f"/c/ai/surveys/{survey.id}/close").status_code == 303
    shown = client.get(f"/c/ai/surveys/{survey.id}/results")
    assert shown.status_code == 200 and f"{SECRET}0" in shown.text and "<svg" in shown.text
    csv = client.get(f"/c/ai/surveys/{survey.id}/results.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert f"{SECRET}5" in csv.text and ",Oui,6" in csv.text
    put_session(client, observer)
    assert f"{SECRET}1" in client.get(f"/c/ai/surveys/{survey.id}/results").text
    put_session(client, citizens[0])
    page = client.get(f"/c/ai/surveys/{survey.id}/results").text
    assert "6 members answered" in page and SECRET not in page
    assert client.get(f"/c/ai/surveys/{survey.id}/results.csv").status_code == 403
    client.get("/logout")
    with client.session_transaction() as session:
        session.clear()
    public = client.get(f"/c/ai/surveys/{survey.id}/results")
    assert public.status_code == 200 and SECRET not in public.text and "<table>" in public.text
    assert client.get(f"/c/ai/surveys/{survey.id}/results.csv").status_code == 302
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"survey.created", "survey.opened", "survey.closed"} <= actions


def test_results_stay_hidden_while_open_and_under_five_answers(client, panel):
    facilitator, observer, citizens = panel
    survey = make_survey(facilitator.convention, facilitator, opened=True)
    for citizen in citizens[:4]:
        put_session(client, citizen)
        assert answer(client, survey, {1: "5"}).status_code == 303
    for member in (facilitator, observer, citizens[0]):
        put_session(client, member)
        page = client.get(f"/c/ai/surveys/{survey.id}/results")
        assert page.status_code == 403 and "<table>" not in page.text
    put_session(client, facilitator)
    client.post(f"/c/ai/surveys/{survey.id}/close")
    page = client.get(f"/c/ai/surveys/{survey.id}/results")
    assert page.status_code == 403
    assert "Only 4 members answered" in page.text and "<table>" not in page.text
    assert client.get(f"/c/ai/surveys/{survey.id}/results.csv").status_code == 403


def test_a_required_question_left_blank_is_refused_and_nothing_recorded(client, panel):
    facilitator, _, citizens = panel
    survey = make_survey(
        facilitator.convention,
        facilitator,
        questions=(("scale", "Clear?"), ("choice", "Again?")),
        required=True,
        opened=True,
    )
    put_session(client, citizens[0])
    refused = answer(client, survey, {1: "3", 2: "7"})
    assert refused.status_code == 422
    assert "Answer this question." not in refused.text
    assert "Choose one of the answers offered." in refused.text
    assert answer(client, survey, {2: "1"}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(SurveyParticipation.id))) == 0
    assert answer(client, survey, {1: "3", 2: "1"}).status_code == 303


def test_questions_freeze_once_the_survey_opens(client, panel):
    facilitator, _, _ = panel
    survey = make_survey(facilitator.convention, facilitator)
    put_session(client, facilitator)
    added = client.post(
        f"/c/ai/surveys/{survey.id}/questions/new",
        data={"kind": "choice", "prompt": "Which day?", "options": "Monday\nTuesday"},
    )
    assert added.status_code == 303
    db.session.refresh(survey)
    assert survey.questions[-1].options == ["Monday", "Tuesday"]
    client.post(f"/c/ai/surveys/{survey.id}/open")
    question = survey.questions[0]
    client.post(f"/c/ai/surveys/{survey.id}/questions/{question.id}/remove")
    db.session.refresh(survey)
    assert len(survey.questions) == 2
    citizen = make_member(facilitator.convention, role=Role.CITIZEN)
    put_session(client, citizen)
    assert client.get(f"/c/ai/surveys/{survey.id}/questions/new").status_code == 403
