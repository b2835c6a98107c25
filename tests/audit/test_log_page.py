"""The audit log reads as sentences in the reader's language; observers read it, citizens don't."""

import csv
import io

from convention import audit
from convention.conventions.audit_log import FAMILIES, FAMILY_NAMES, SENTENCES
from convention.extensions import db
from convention.rules.policy import Role
from tests.audit.actions import recorded_actions
from tests.factories import make_ballot, make_convention, make_member, make_user


def test_every_action_recorded_in_the_code_has_a_sentence():
    actions = recorded_actions()
    assert len(actions) > 50
    missing = {action: place for action, place in actions.items() if action not in SENTENCES}
    assert missing == {}, "word these actions in convention/conventions/audit_log.py"
    assert set(FAMILIES) <= set(FAMILY_NAMES)  # the "what" filter names every family


def _opened(convention):
    facilitator = make_member(convention, role=Role.FACILITATOR, user=make_user(name="Camille"))
    ballot = make_ballot(convention, facilitator)
    ballot.title = "Budget"
    audit.record(facilitator.user, "ballot.opened", ballot, convention=convention)
    audit.record(facilitator.user, "ballot.teleported", ballot, convention=convention)
    db.session.commit()
    return facilitator


def test_events_read_as_sentences_in_english_and_french(client, login_as):
    convention = make_convention(slug="ai")
    login_as(_opened(convention).user)
    english = client.get("/c/ai/audit?lang=en").get_data(as_text=True)
    assert "Camille (Facilitator) opened the ballot “Budget”" in english
    assert "ballot.opened" not in english
    # An action nobody worded yet still reads as a sentence.
    assert "Camille (Facilitator) did “ballot.teleported” on “Budget”" in english
    french = client.get("/c/ai/audit?lang=fr").get_data(as_text=True)
    assert "Camille (Animateur·rice) a ouvert le scrutin « Budget »" in french


def test_observers_read_the_log_and_citizens_do_not(client, login_as):
    convention = make_convention(slug="ai")
    _opened(convention)
    login_as(make_member(convention, role=Role.OBSERVER).user)
    page = client.get("/c/ai/audit?lang=en")
    assert page.status_code == 200
    assert "@example.org" not in page.get_data(as_text=True)  # no contact data
    assert client.get("/c/ai/audit.csv").status_code == 200
    login_as(make_member(convention, role=Role.CITIZEN).user)
    assert client.get("/c/ai/audit").status_code == 403
    assert client.get("/c/ai/audit.csv").status_code == 403


def test_filters_narrow_the_log_and_the_csv_follows_them(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = _opened(convention)
    other = make_member(convention, role=Role.FACILITATOR, user=make_user(name="Dominique"))
    audit.record(other.user, "topic.created", "topics:9", convention=convention)
    db.session.commit()
    login_as(facilitator.user)
    page = client.get(f"/c/ai/audit?lang=en&who={other.user_id}").get_data(as_text=True)
    assert "Dominique (Facilitator) created the topic" in page and "Budget" not in page
    page = client.get("/c/ai/audit?lang=en&what=ballot").get_data(as_text=True)
    assert "Budget" in page and "Dominique (Facilitator)" not in page
    assert "Budget" not in client.get("/c/ai/audit?since=2199-01-01").get_data(as_text=True)
    assert client.get("/c/ai/audit?since=garbage&who=x&what=drop table").status_code == 200
    rows = list(csv.DictReader(io.StringIO(client.get("/c/ai/audit.csv?what=ballot&lang=en").text)))
    assert [r["action"] for r in rows] == ["ballot.opened", "ballot.teleported"]
    assert rows[0]["sentence"] == "Camille (Facilitator) opened the ballot “Budget”"
    assert len(rows[0]["hash"]) == 64


def test_an_erased_actor_reads_as_a_former_member(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = _opened(convention)
    audit.erase_actor(facilitator.user)
    db.session.commit()
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    page = client.get("/c/ai/audit?lang=en").get_data(as_text=True)
    assert "A former member (Facilitator) opened the ballot “Budget”" in page
    assert "Camille" not in page


def test_the_transparency_page_shows_the_head_hash(client):
    convention = make_convention(slug="ai", public=True)
    event = audit.record(None, "topic.created", "topics:1", convention=convention)
    db.session.commit()
    assert event.hash in client.get("/c/ai/transparency").get_data(as_text=True)


def test_a_published_report_carries_the_head_hash(app, client):
    import json

    from convention.reports import services

    convention = make_convention(slug="ai", public=True)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    event = audit.record(facilitator.user, "topic.created", "topics:1", convention=convention)
    db.session.commit()
    head = event.hash
    with app.test_request_context():
        version = services.publish(convention, facilitator)
    db.session.commit()
    assert json.loads(version.content)["audit_head"] == head
    assert head in client.get("/c/ai/report").get_data(as_text=True)


def test_names_and_titles_are_inert_on_the_page_and_in_the_csv(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(
        convention, role=Role.FACILITATOR, user=make_user(name="=2+3<script>alert(1)</script>")
    )
    ballot = make_ballot(convention, facilitator)
    ballot.title = '=HYPERLINK("http://evil")'
    audit.record(facilitator.user, "ballot.opened", ballot, convention=convention)
    db.session.commit()
    login_as(facilitator.user)
    page = client.get("/c/ai/audit?lang=en").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = list(csv.reader(io.StringIO(client.get("/c/ai/audit.csv?lang=en").text)))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert rows[1][1].startswith("'=2+3")  # the name, kept but inert
