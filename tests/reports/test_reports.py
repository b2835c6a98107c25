"""Publishing the report: frozen versions, their files and hashes, every format, bounded queries."""

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pypdf
import pytest
import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.models import (
    MinorityOpinion,
    Recommendation,
    ReportFile,
    ReportVersion,
)
from convention.privacy import services as privacy
from convention.reports import files, queries, services
from convention.reports.results import results_for
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.report import assemble, canonical, fingerprint
from tests.factories import (
    make_ballot,
    make_convention,
    make_member,
    make_recommendation,
    make_response,
    make_topic,
    make_user,
)

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "convention/reports/report.schema.json").read_text()
)


def _close_with_results(convention, facilitator, recommendations, counts):
    """Close a ballot on these recommendations with frozen results, as the tally writes them."""
    ballot = make_ballot(convention, facilitator, questions=(), recommendations=recommendations)
    ballot.opened_at, ballot.closed_at = (
        utcnow() - timedelta(hours=2),
        utcnow() - timedelta(hours=1),
    )
    for item, (yes, no, abstain) in zip(ballot.items, counts, strict=True):
        item.result = {
            "yes": yes, "no": no, "abstain": abstain, "participants": yes + no + abstain,
            "eligible": 40, "expressed": yes + no, "required": (yes + no) // 2 + 1,
            "quorum_needed": 20, "quorum_met": True,
            "outcome": "adopted" if yes > no else "rejected",
        }  # fmt: skip
    db.session.commit()


@pytest.fixture
def convention(app):
    convention = make_convention(slug="ai", public=True, phase=Phase.REPORT)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    topic = make_topic(convention)
    writer = make_member(convention)
    adopted = make_recommendation(topic, writer, title="Open algorithms", state="adopted")
    rejected = make_recommendation(topic, writer, title="Ban all cameras", state="rejected")
    make_recommendation(topic, writer, title="A draft idea", state="draft")
    db.session.add(
        MinorityOpinion(
            convention_id=convention.id,
            recommendation_id=adopted.id,
            author_id=writer.id,
            body="Too slow a timetable.",
        )
    )
    _close_with_results(convention, facilitator, [adopted, rejected], [(30, 6, 3), (10, 25, 4)])
    return convention, facilitator, adopted


def test_the_adapter_reads_frozen_results_of_closed_ballots(convention):
    conv, _, adopted = convention
    results = results_for(conv)
    assert results[adopted.id].figures.yes == 30
    assert results[adopted.id].threshold == "1/2"


def test_publishing_stores_a_hashed_version_with_every_file(convention):
    conv, facilitator, _ = convention
    version = services.publish(conv, facilitator)
    db.session.commit()
    assert version.sha256 == fingerprint(version.content.encode())
    names = {f.name for f in version.files}
    assert names == {"report.json", "report.csv", "report-fr.pdf", "report-en.pdf"}
    for stored in version.files:
        assert stored.sha256 == fingerprint(stored.data)


def test_the_pdf_opens_and_carries_titles_hash_and_a_table_of_contents(convention):
    conv, facilitator, _ = convention
    version = services.publish(conv, facilitator)
    db.session.commit()  # the PDFs are made by a job, sent once the publication is committed
    stored = next(f for f in version.files if f.name == "report-en.pdf")
    reader = pypdf.PdfReader(io.BytesIO(stored.data))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    assert "Openalgorithms" in text and "Banallcameras" in text
    assert version.sha256 in text
    assert "Tooslowatimetable." in text
    assert [o.title for o in reader.outline if not isinstance(o, list)][:1]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    french = next(f for f in version.files if f.name == "report-fr.pdf")
    french_text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(french.data)).pages)
    assert "Sommaire" in french_text


def test_json_validates_against_the_schema_and_csv_has_a_row_per_recommendation(client, convention):
    conv, facilitator, _ = convention
    services.publish(conv, facilitator)
    db.session.commit()
    served = client.get("/c/ai/report.json")
    assert served.status_code == 200
    document = json.loads(served.data)
    jsonschema.validate(document, SCHEMA)
    assert [r["reference"] for r in document["recommendations"]] == ["R-1"]
    assert document["recommendations"][0]["minority_opinions"][0]["cosigners"] == 0
    rows = list(
        csv.DictReader(io.StringIO(client.get("/c/ai/report.csv").data.decode("utf-8-sig")))
    )
    assert [(r["reference"], r["votes_for"], r["outcome"]) for r in rows] == [
        ("R-1", "30", "adopted"),
        ("R-2", "10", "rejected"),
    ]
    assert client.get("/c/ai/report.pdf?lang=fr").data.startswith(b"%PDF")


def test_a_published_version_never_changes_and_a_new_one_is_added(client, convention):
    conv, facilitator, adopted = convention
    first = services.publish(conv, facilitator)
    db.session.commit()
    before = client.get("/c/ai/report.json").data
    adopted.title = "Open algorithms, rewritten"
    make_response(adopted, make_member(conv, role=Role.COUNCIL), decision="adopted")
    db.session.commit()
    assert client.get("/c/ai/report.json?version=1").data == before
    assert "rewritten" not in client.get("/c/ai/report").text
    second = services.publish(conv, facilitator)
    db.session.commit()
    assert (first.number, second.number) == (1, 2) and first.sha256 != second.sha256
    assert "rewritten" in client.get("/c/ai/report").text
    assert "rewritten" not in client.get("/c/ai/report?version=1").text
    verify = client.get("/c/ai/report/verify").text
    for version in (first, second):
        assert version.sha256 in verify
        for stored in version.files:
            assert stored.sha256 in verify


def test_the_report_page_answers_in_the_readers_language(client, convention):
    conv, facilitator, _ = convention
    services.publish(conv, facilitator)
    db.session.commit()
    assert "Sommaire" in client.get("/c/ai/report?lang=fr").text
    assert "Contents" in client.get("/c/ai/report?lang=en").text


def test_facilitators_publish_through_the_page_and_others_cannot(client, login_as, convention):
    conv, facilitator, _ = convention
    login_as(make_member(conv).user)
    assert client.post("/c/ai/report/publish").status_code == 403
    login_as(facilitator.user)
    draft = {"introduction": "Dear council,", "conclusion": "Thank you."}
    assert client.post("/c/ai/report/draft", data=draft).status_code == 303
    assert "Dear council," in client.get("/c/ai/report/draft").text
    asked = client.post("/c/ai/report/publish")
    assert asked.status_code == 200 and "This will publish version 1" in asked.text
    assert 'name="latest" value="0"' in asked.text
    assert db.session.scalar(sa.select(sa.func.count(ReportVersion.id))) == 0
    confirmed = {"confirmed": "yes", "latest": "0"}
    assert client.post("/c/ai/report/publish", data=confirmed).status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(ReportVersion.id))) == 1
    # A double click or a replay of the confirmation publishes nothing more.
    again = client.post("/c/ai/report/publish", data=confirmed, follow_redirects=True)
    assert "Version 1 is already published." in again.text
    assert db.session.scalar(sa.select(sa.func.count(ReportVersion.id))) == 1
    assert "Dear council," in client.get("/c/ai/report").text


def test_private_reports_answer_404_or_sign_in_on_every_format(client, app):
    make_convention(slug="closed", public=False)
    for path in ("report", "report.json", "report.csv", "report.pdf", "report/verify"):
        assert client.get(f"/c/closed/{path}").status_code == 302


def test_hostile_names_are_inert_in_the_report(client, convention):
    conv, facilitator, adopted = convention
    adopted.title = "<script>alert(1)</script>"
    db.session.commit()
    services.publish(conv, facilitator)
    db.session.commit()
    page = client.get("/c/ai/report").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_report_pages_query_a_bounded_number_of_times(
    client, login_as, count_queries, convention
):
    conv, facilitator, _ = convention
    topic = make_topic(conv, title="More")
    writer = make_member(conv)
    for n in range(150):
        db.session.add(
            Recommendation(
                convention_id=conv.id, number=10 + n, topic_id=topic.id, created_by_id=writer.id,
                title=f"Idea {n}", body="Text.", state="adopted", submitted_at=utcnow(),
            )
        )  # fmt: skip
    db.session.commit()
    data = canonical(assemble(queries.report_input(conv)))
    db.session.add(
        ReportVersion(
            convention_id=conv.id,
            number=1,
            content=data.decode(),
            sha256=fingerprint(data),
            published_by_id=facilitator.id,
        )
    )
    db.session.commit()
    with count_queries() as public:
        assert client.get("/c/ai/report").status_code == 200
    login_as(facilitator.user)
    with count_queries() as preview:
        assert client.get("/c/ai/report/draft").status_code == 200
    with count_queries() as accountability:
        assert client.get("/c/ai/accountability").status_code == 200
    assert len(public) <= 8
    assert len(preview) <= 25
    assert len(accountability) <= 12
    assert db.session.scalar(sa.select(sa.func.count(ReportFile.id))) == 0


def test_a_version_published_under_the_first_schema_still_reads_with_its_rule_in_words(
    client, convention
):
    conv, facilitator, _ = convention
    result = {
        "votes_for": 30, "votes_against": 6, "votes_abstain": 3, "participants": 39,
        "eligible": 40, "expressed": 36, "required": 24, "quorum_needed": 20,
        "quorum_met": True, "outcome": "adopted", "majority": "expressed", "threshold": "2/3",
        "quorum_percent": 50, "percent_for": 0.8333, "percent_against": 0.1667,
        "percent_abstain": 0.0769,
    }  # fmt: skip
    recommendation = {
        "reference": "R-1", "title": "Open algorithms", "text": "Publish.", "rationale": "",
        "impact": "", "state": "adopted", "topic": "AI", "group": "", "evidence": [],
        "minority_opinions": [], "supports": 0, "council": None, "result": result,
    }  # fmt: skip
    content = {
        "schema": "convention-report/1",
        "convention": {
            "title": "AI", "slug": "ai", "mandate": "Why?",
            "first_session": "2024-01-20", "last_session": "2024-01-20",
        },
        "introduction": "", "conclusion": "",
        "panel": {"members": 39, "selection": {}, "composition": []},
        "sessions": [{"title": "Votes", "date": "2024-01-20", "present": 36, "expected": 39}],
        "hearings": [],
        "participation": {
            "sessions": 1, "average_attendance": 0.9231,
            "recommendations_voted": 1, "minority_opinions": 0,
        },
        "recommendations": [recommendation],
        "annex": [],
    }  # fmt: skip
    data = canonical(content)
    db.session.add(
        ReportVersion(
            convention_id=conv.id,
            number=1,
            content=data.decode(),
            sha256=fingerprint(data),
            published_by_id=facilitator.id,
        )
    )
    db.session.commit()
    page = client.get("/c/ai/report")
    assert page.status_code == 200
    assert "at least two thirds of the votes expressed" in page.text
    assert "quorum: 50% of the eligible members take part" in page.text
    assert "36 / 39" in page.text


def test_the_report_page_names_only_the_members_who_agreed(client, convention):
    conv, facilitator, _ = convention
    agreed = make_member(conv, user=make_user(name="Nadia Example"))
    make_member(conv, user=make_user(name="Omar Example"))
    privacy.set_name_consent(agreed, True)
    services.publish(conv, facilitator)
    db.session.commit()
    page = client.get("/c/ai/report").text
    assert "Nadia Example" in page and "Omar Example" not in page
    privacy.set_name_consent(agreed, False)
    db.session.commit()
    assert "Nadia Example" not in client.get("/c/ai/report").text


def test_a_german_convention_publishes_a_german_pdf_served_to_german_readers(client, convention):
    conv, facilitator, _ = convention
    conv.languages = "de,en"
    version = services.publish(conv, facilitator)
    db.session.commit()
    assert {f.name for f in version.files} >= {"report-de.pdf", "report-en.pdf"}
    served = client.get("/c/ai/report.pdf", headers={"Accept-Language": "de"}).data
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(served)).pages)
    assert "Inhalt" in text and "Angenommene Empfehlungen" in text and "Sommaire" not in text


def test_the_pdf_is_being_prepared_until_its_job_has_run(client, convention, held_jobs):
    conv, facilitator, _ = convention
    version = services.publish(conv, facilitator)
    db.session.commit()
    assert "(being prepared)" in client.get("/c/ai/report").text
    waiting = client.get("/c/ai/report.pdf")
    assert waiting.status_code == 503 and waiting.headers["Cache-Control"] == "no-store"
    assert '<meta http-equiv="refresh" content="5">' in waiting.text
    assert "is being prepared" in waiting.text
    french = client.get("/c/ai/report.pdf", headers={"Accept-Language": "fr"}).text
    assert "en préparation" in french
    [job] = held_jobs.pending()
    held_jobs.execute(job)
    db.session.expire_all()
    assert version.pdfs_ready_at is not None and version.pdfs_error is None
    served = client.get("/c/ai/report.pdf")
    assert served.status_code == 200 and served.data.startswith(b"%PDF")
    assert "(being prepared)" not in client.get("/c/ai/report").text


def test_a_pdf_that_fails_is_tried_again_then_reported(client, convention, held_jobs, monkeypatch):
    conv, facilitator, _ = convention
    version = services.publish(conv, facilitator)
    db.session.commit()
    monkeypatch.setattr(files, "to_pdf", lambda *args: 1 / 0)
    [job] = held_jobs.pending()
    held_jobs.storage.flush_queue()
    held_jobs.execute(job)
    for _ in range(tasks.PDF_RETRIES):
        [job] = held_jobs.scheduled()
        held_jobs.storage.flush_schedule()
        held_jobs.execute(job, job.eta)
    assert held_jobs.scheduled() == []
    db.session.expire_all()
    assert version.pdfs_ready_at is None and "ZeroDivisionError" in version.pdfs_error
    page = client.get("/c/ai/report.pdf")
    assert page.status_code == 503 and "could not be made" in page.text
    assert "refresh" not in page.text
    assert client.get("/c/ai/report.json").status_code == 200
