"""Download my data: everything about the person, nothing secret, nothing about others."""

import json

from convention.extensions import db
from convention.models.base import Base
from convention.privacy.export import ACTING_COLUMNS, SUBJECT_COLUMNS
from convention.rules.policy import Role
from convention.rules.tally import Choice
from convention.voting import services as voting
from tests.factories import make_ballot, make_comment, make_convention, make_member, make_topic


def _world():
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    me = make_member(convention, pseudonym="Nadia")
    other = make_member(convention, pseudonym="Omar")
    topic = make_topic(convention)
    make_comment(topic, me, body="Keep a human counter open.")
    make_comment(topic, other, body="Somebody else's words.")
    secret = make_ballot(convention, facilitator, secret=True, opened=True)
    roll_call = make_ballot(convention, facilitator, secret=False, opened=True)
    voting.cast_vote(secret, me, {secret.items[0].id: Choice.AGAINST})
    voting.cast_vote(roll_call, me, {roll_call.items[0].id: Choice.FOR})
    db.session.commit()
    return me, secret, roll_call


def test_every_table_naming_a_person_is_either_exported_or_known_as_acting_on_others(app):
    # A table added later that names a member must be placed here, or this fails.
    naming = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name in ("users", "memberships")
    }
    exported = {(table, column) for table, columns in SUBJECT_COLUMNS.items() for column in columns}
    assert naming - exported - ACTING_COLUMNS == set()


def test_the_json_copy_holds_my_profile_contributions_and_roll_call_votes_but_no_secret_choice(
    client, login_as
):
    me, secret, roll_call = _world()
    login_as(me.user)
    response = client.get("/account/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.text)
    assert data["profile"]["email"] == me.user.email
    assert [c["body"] for c in data["comments"]] == ["Keep a human counter open."]
    assert [m["pseudonym"] for m in data["memberships"]] == ["Nadia"]
    # The roll call names its voters; the secret box names nobody, so only one vote is mine.
    assert [(v["ballot_id"], v["choice"]) for v in data["votes"]] == [(roll_call.id, "for")]
    assert {p["ballot_id"] for p in data["ballot_participations"]} == {secret.id, roll_call.id}
    assert "against" not in response.text
    assert "password_hash" not in response.text and "token_hash" not in response.text


def test_the_readable_page_shows_the_same_records(client, login_as):
    me, _secret, _roll_call = _world()
    login_as(me.user)
    page = client.get("/account/data")
    assert page.status_code == 200
    assert "Keep a human counter open." in page.text
    assert "Somebody else&#39;s words." not in page.text
    assert 'href="/account/data.json"' in page.text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/account/data.json")
    assert response.status_code == 302
    assert response.location.startswith("/login")
