"""Every CSV the platform writes is safe to open in a spreadsheet; uploads still read as before."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from convention import audit, csvfiles
from convention.clock import utcnow
from convention.extensions import db
from convention.models import RunStatus, SelectionRun
from convention.reports import services as reports
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.selection.uploads import UploadError, check_upload
from tests.factories import (
    make_ballot,
    make_convention,
    make_member,
    make_recommendation,
    make_topic,
    make_user,
)

FORMULAS = ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
RUNNABLE = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# Every route that answers a CSV, and how this test fills it with hostile text.
CSV_ENDPOINTS = {
    "reports.report_csv",
    "conventions.export_audit",
    "voting.export_results",
    "surveys.export_results",
    "members.export_members",
    "selection.download_probabilities",
    "selection.download_lottery",
}


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_inert(rows: list[list[str]]) -> None:
    runnable = [c for row in rows for c in row if RUNNABLE.match(c) and not NUMBER.match(c)]
    assert not runnable, runnable


def inert_download(client, url: str) -> list[list[str]]:
    """Download a CSV, check that no cell would run in a spreadsheet, and return its rows."""
    response = client.get(url)
    assert response.status_code == 200
    rows = cells(response.data)
    assert_inert(rows)
    return rows


def test_the_walk_knows_every_csv_route(app):
    routes = {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.endswith(".csv")}
    assert routes == CSV_ENDPOINTS


def test_no_csv_is_written_outside_the_csv_module():
    root = Path(__file__).parents[2] / "convention"
    writers = [
        path.relative_to(root)
        for path in root.rglob("*.py")
        if re.search(r"csv\.(Dict)?[Ww]riter\(", path.read_text()) and path.name != "csvfiles.py"
    ]
    assert writers == []


@pytest.fixture
def hostile(app):
    """A convention whose recommendations and ballot items are titled with formulas."""
    convention = make_convention(slug="ai", public=True, phase=Phase.REPORT)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    topic = make_topic(convention)
    writer = make_member(convention)
    recs = [
        make_recommendation(topic, writer, title=title.strip() or "x", state="adopted")
        for title in FORMULAS
    ]
    for rec, formula in zip(recs, FORMULAS, strict=True):
        rec.title = formula  # the title as typed, leading tab or carriage return included
    ballot = make_ballot(convention, facilitator, questions=FORMULAS, recommendations=recs)
    ballot.opened_at, ballot.closed_at = (
        utcnow() - timedelta(hours=2),
        utcnow() - timedelta(hours=1),
    )
    for item in ballot.items:
        item.result = {
            "yes": 3, "no": -1, "abstain": 0, "participants": 3, "eligible": 5,
            "quorum_met": True, "outcome": "=1+1",
        }  # fmt: skip
    db.session.commit()
    return convention, facilitator, ballot


def test_report_and_results_csv_neutralise_formula_cells(client, login_as, hostile):
    convention, facilitator, ballot = hostile
    reports.publish(convention, facilitator)
    db.session.commit()
    login_as(facilitator.user)
    rows = inert_download(client, "/c/ai/report.csv")
    titles = {row[1] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.test","x")' in titles and "'\tx" in titles
    rows = inert_download(client, f"/c/ai/ballots/{ballot.id}/results.csv")
    assert "'+1+1" in {row[1] for row in rows[1:]}


def test_selection_downloads_neutralise_formula_cells(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    run = SelectionRun(
        convention_id=convention.id, created_by_id=facilitator.user_id, method="leximin",
        panel_size=1, pool_csv="id\n", quotas_csv="", status=RunStatus.DONE,
        probabilities=[["=cmd|' /C calc'!A0", 0.5], ["a2", 0.5]],
        lottery_csv="index,ids\n0,a2\n", list_hash="0" * 64, published_at=utcnow(),
    )  # fmt: skip
    db.session.add(run)
    db.session.commit()
    login_as(facilitator.user)
    rows = inert_download(client, f"/c/ai/selection/runs/{run.id}/probabilities.csv")
    assert rows[1] == ["'=cmd|' /C calc'!A0", "0.500000"]
    inert_download(client, "/c/ai/selection/lottery.csv")


def test_the_audit_csv_neutralises_formula_cells(client, login_as):
    convention = make_convention(slug="ai")
    formula = '=HYPERLINK("http://evil.test","x")'
    facilitator = make_member(convention, role=Role.FACILITATOR, user=make_user(name=formula))
    audit.record(facilitator.user, "topic.created", f"topics:{formula}", convention=convention)
    db.session.commit()
    login_as(facilitator.user)
    rows = inert_download(client, "/c/ai/audit.csv?lang=en")
    assert rows[1][1] == f"'{formula} (Facilitator)"  # the actor's name, kept readable


def test_pool_ids_a_spreadsheet_would_run_are_refused_at_upload():
    quotas = b"feature,value,min,max\ngender,f,0,1\ngender,m,0,1\n"
    pool = b"id,gender\n=1+1,f\nb,m\n"
    with pytest.raises(UploadError) as error:
        check_upload(pool, quotas, 1, [])
    assert "pool.csv: line 2: The id “=1+1” starts with" in str(error.value)


def test_the_writer_prefixes_runnable_text_and_keeps_numbers():
    text = csvfiles.export(["a", "b"], [["=1", -5], ["-x", 2.5], ["plain", None]])
    assert cells(text.encode()) == [["a", "b"], ["'=1", "-5"], ["'-x", "2.5"], ["plain", ""]]


def test_the_reader_keeps_todays_behaviour():
    data = '\ufeffa;b\r\n\r\n"x;1";"multi\nline"\n  c ; d \n'.encode()
    found = list(csvfiles.read(data))
    assert [(r.line, r.fields) for r in found] == [
        (1, ["a", "b"]),
        (3, ["x;1", "multi\nline"]),
        (5, ["c", "d"]),
    ]
    assert [r.fields for r in csvfiles.read(b"a,b\n1,2\n")] == [["a", "b"], ["1", "2"]]
    with pytest.raises(csvfiles.CsvFileError) as error:
        list(csvfiles.read(b"a,b\n\x81,\x8d\n"))  # bytes neither UTF-8 nor Windows-1252 has
    assert error.value.line == 1 and "UTF-8" in str(error.value.reason)
    with pytest.raises(csvfiles.CsvFileError) as error:
        list(csvfiles.read(b"a,b\n1,2\n3,\x00\n"))
    assert error.value.line == 3


def test_group_attributes_still_upload(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    member = make_member(convention, pseudonym="Lynx")
    login_as(facilitator.user)
    data = {"file": (io.BytesIO("\ufeffpseudonym,age\nlynx,=young\n".encode()), "a.csv")}
    response = client.post("/c/ai/groups/attributes", data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    from convention.models import MemberAttributes

    row = db.session.scalar(sa.select(MemberAttributes))
    assert row.membership_id == member.id and row.attributes == {"age": "=young"}


def test_survey_results_csv_neutralises_free_text_formulas(app, client, login_as):
    from convention.surveys import services as surveys
    from tests.factories import make_survey

    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    survey = make_survey(convention, facilitator, questions=(("text", "=What to improve?"),))
    surveys.open_survey(survey, facilitator)
    with app.test_request_context():
        for formula in FORMULAS[:5]:
            surveys.answer_survey(
                survey, make_member(convention), {survey.questions[0].id: formula}
            )
        surveys.close_survey(survey, facilitator)
    db.session.commit()
    login_as(facilitator.user)
    rows = inert_download(client, f"/c/ai/surveys/{survey.id}/results.csv")
    assert '\'=HYPERLINK("http://evil.test","x")' in {c for row in rows for c in row}


def test_the_members_list_csv_neutralises_formula_names(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    for formula in FORMULAS:
        make_member(convention, user=make_user(name=formula.strip() or "x"), pseudonym=formula)
    login_as(facilitator.user)
    rows = inert_download(client, "/c/ai/members.csv")
    assert '\'=HYPERLINK("http://evil.test","x")' in {c for row in rows for c in row}
