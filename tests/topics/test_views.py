"""Topics, briefings with their files, hearings, and questions to the experts."""

import io

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Briefing, BriefingFile, Hearing, Notification, Topic
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_question, make_topic
from tests.topics.files import PDF, PNG, ooxml


def staff(login_as, role=Role.FACILITATOR, public=False):
    convention = make_convention(slug="ai", public=public)
    member = make_member(convention, role=role)
    login_as(member.user)
    return convention, member


def upload(client, topic, data: bytes, name: str, **fields):
    form = {"title": "Costs", "body": "", "sources": "", "link_url": ""} | fields
    form["file"] = (io.BytesIO(data), name)
    return client.post(
        f"/c/ai/topics/{topic.id}/briefings/new", data=form, content_type="multipart/form-data"
    )


def test_a_facilitator_creates_edits_and_closes_a_topic(client, login_as):
    staff(login_as)
    data = {"title": "Jobs", "summary": "Work and AI", "body": "## Why\nBecause", "is_open": "y"}
    response = client.post("/c/ai/topics/new", data=data)
    topic = db.session.scalar(sa.select(Topic))
    assert response.location.endswith(f"/c/ai/topics/{topic.id}")
    assert "<h2>Why</h2>" in client.get(f"/c/ai/topics/{topic.id}").text
    client.post(f"/c/ai/topics/{topic.id}/edit", data={"title": "Jobs", "body": "x"})
    assert db.session.get(Topic, topic.id).is_open is False
    assert "Closed for contributions" in client.get(f"/c/ai/topics/{topic.id}").text
    events = db.session.execute(sa.select(AuditEvent.action, AuditEvent.details)).all()
    assert events[0][0] == "topic.created"
    assert events[1] == ("topic.updated", {"fields": ["body", "is_open"]})


def test_the_topic_list_counts_contributions_in_order(client, login_as):
    convention, _ = staff(login_as, role=Role.CITIZEN)
    make_topic(convention, title="First")
    make_topic(convention, title="Second")
    page = client.get("/c/ai/topics").text
    assert page.index("First") < page.index("Second")
    assert "0 contributions" in page
    assert client.get("/c/ai/topics/new").status_code == 403


def test_an_expert_publishes_a_briefing_with_a_link_and_a_document(client, login_as, file_store):
    convention, expert = staff(login_as, role=Role.EXPERT)
    topic = make_topic(convention)
    response = upload(
        client, topic, PDF, "study.pdf", link_url="https://example.org/report", sources="INSEE"
    )
    assert response.status_code == 302
    briefing = db.session.scalar(sa.select(Briefing))
    document = db.session.scalar(sa.select(BriefingFile))
    assert briefing.author_id == expert.id and briefing.link_url == "https://example.org/report"
    assert document.content_type == "application/pdf" and document.original_name == "study.pdf"
    with file_store.get(document.stored_name) as stored:
        assert stored.read() == PDF
    assert "study" not in document.stored_name
    page = client.get(f"/c/ai/topics/{topic.id}").text
    assert f"/c/ai/files/{document.id}" in page and "INSEE" in page


def test_a_document_is_typed_by_its_content_not_its_name(client, login_as, upload_folder):
    convention, _ = staff(login_as)
    topic = make_topic(convention)
    refused = upload(client, topic, b"<script>alert(1)</script>", "notes.pdf")
    assert refused.status_code == 422 and "not accepted" in refused.text
    upload(client, topic, ooxml("wordprocessingml.document.main+xml"), "minutes.txt")
    document = db.session.scalar(sa.select(BriefingFile))
    assert document.original_name == "minutes.docx"
    assert document.content_type.endswith("wordprocessingml.document")


def test_too_large_files_and_foreign_links_are_refused(app, client, login_as):
    convention, _ = staff(login_as)
    topic = make_topic(convention)
    app.config["UPLOAD_MAX_BYTES"] = 20
    assert "too large" in upload(client, topic, PDF, "big.pdf").text
    app.config["UPLOAD_MAX_BYTES"] = 10_000
    response = upload(client, topic, PDF, "a.pdf", link_url="javascript:alert(1)")
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Briefing)) == 0


def test_documents_are_served_safely_to_readers_only(client, login_as, file_store):
    convention, _ = staff(login_as)
    topic = make_topic(convention)
    upload(client, topic, PDF, "study.pdf")
    upload(client, topic, PNG, "chart.png")
    pdf, png = db.session.scalars(sa.select(BriefingFile).order_by(BriefingFile.id)).all()
    response = client.get(f"/c/ai/files/{pdf.id}")
    assert response.data == PDF and response.mimetype == "application/pdf"
    assert response.content_length == len(PDF)
    assert response.headers["Content-Disposition"] == "attachment; filename=study.pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    response.close()
    image = client.get(f"/c/ai/files/{png.id}")
    assert image.headers["Content-Disposition"].startswith("inline") and image.data == PNG
    image.close()
    client.post("/logout")
    assert client.get(f"/c/ai/files/{pdf.id}").status_code == 302
    other = make_convention(slug="other")
    login_as(make_member(other, role=Role.FACILITATOR).user)
    assert client.get(f"/c/other/files/{pdf.id}").status_code == 404


def test_materials_of_a_public_convention_are_public_but_not_its_comments(client, login_as):
    convention = make_convention(slug="open", public=True)
    topic = make_topic(convention, title="Public topic", body="Public text")
    make_question(topic, make_member(convention, pseudonym="Zed"), question="Why cameras?")
    page = client.get(f"/c/open/topics/{topic.id}").text
    assert "Public text" in page and "Why cameras?" in page
    assert "Contributions" not in page and "Zed" not in page
    assert client.get("/c/open/sessions").status_code == 200
    assert client.post(f"/c/open/topics/{topic.id}/comments", data={"body": "x"}).status_code == 302


def test_a_hearing_is_recorded_in_the_conventions_time_zone(client, login_as):
    convention, _ = staff(login_as)
    topic = make_topic(convention)
    data = {
        "expert_name": "Dr Example",
        "affiliation": "University",
        "interests": "None",
        "held_at": "2026-03-01T10:00",
        "summary": "She said **much**.",
    }
    assert client.post(f"/c/ai/topics/{topic.id}/hearings/new", data=data).status_code == 302
    hearing = db.session.scalar(sa.select(Hearing))
    assert hearing.held_at.isoformat() == "2026-03-01T09:00:00+00:00"
    assert "<strong>much</strong>" in client.get(f"/c/ai/topics/{topic.id}").text


def test_a_question_is_answered_and_its_author_told(client, login_as):
    convention, citizen = staff(login_as, role=Role.CITIZEN)
    topic = make_topic(convention, title="Cameras")
    expert = make_member(convention, role=Role.EXPERT)
    response = client.post(f"/c/ai/topics/{topic.id}/questions", data={"question": "Cost?"})
    asked = db.session.scalar(sa.select(Notification))
    assert (asked.user_id, asked.kind.value) == (expert.user_id, "question")
    assert response.status_code == 303
    assert client.get("/c/ai/questions/1/answer").status_code == 403
    login_as(expert.user)
    assert "Cost?" in client.get("/c/ai/questions?pending=1").text
    question_id = response.location.split("#q")[1]
    client.post(f"/c/ai/questions/{question_id}/answer", data={"answer": "About **2 M€**."})
    assert "No question yet." in client.get("/c/ai/questions?pending=1").text
    notice = db.session.scalar(sa.select(Notification).where(Notification.kind == "answer"))
    assert notice.user_id == citizen.user_id and notice.details == {"topic": "Cameras"}
    login_as(citizen.user)
    assert "<strong>2 M€</strong>" in client.get(f"/c/ai/topics/{topic.id}").text
    assert "has an answer" in client.get("/account/notifications").text


def test_an_empty_question_is_refused_on_the_topic_page(client, login_as):
    convention, citizen = staff(login_as, role=Role.CITIZEN)
    topic = make_topic(convention)
    make_question(topic, citizen, question="Earlier question")
    response = client.post(f"/c/ai/topics/{topic.id}/questions", data={"question": ""})
    assert response.status_code == 422 and "Earlier question" in response.text


def test_a_briefing_is_withdrawn_by_its_author_with_its_files(client, login_as, file_store):
    convention, expert = staff(login_as, role=Role.EXPERT)
    topic = make_topic(convention)
    upload(client, topic, PDF, "study.pdf")
    briefing = db.session.scalar(sa.select(Briefing))
    stored = db.session.scalar(sa.select(BriefingFile.stored_name))
    assert file_store.exists(stored)
    login_as(make_member(convention, role=Role.EXPERT).user)
    assert client.post(f"/c/ai/briefings/{briefing.id}/delete").status_code == 403
    login_as(expert.user)
    assert client.post(f"/c/ai/briefings/{briefing.id}/delete").status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BriefingFile)) == 0
    assert not file_store.exists(stored)
    assert db.session.scalars(sa.select(AuditEvent.action)).all()[-1] == "briefing.removed"
    assert "No briefing yet." in client.get(f"/c/ai/topics/{topic.id}").text


def test_facilitators_reorder_topics_and_citizens_cannot(client, login_as):
    convention = make_convention(slug="order")
    first, second, third = (make_topic(convention, title=t) for t in ("First", "Second", "Third"))
    login_as(make_member(convention, role=Role.CITIZEN).user)
    moving = f"/c/order/topics/{third.id}/move"
    assert client.post(moving, data={"direction": "up"}).status_code == 403
    client.post("/logout")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    client.post(moving, data={"direction": "up"})
    client.post(f"/c/order/topics/{first.id}/move", data={"direction": "up"})  # already first
    ordered = sa.select(Topic.title).where(Topic.convention_id == convention.id)
    titles = db.session.scalars(ordered.order_by(Topic.position)).all()
    assert titles == ["First", "Third", "Second"]
    page = client.get("/c/order/topics").text
    assert page.index("Third") < page.index("Second")
    assert "topic.moved" in db.session.scalars(sa.select(AuditEvent.action)).all()
