"""My data, readably: columns under headings and values in the reader's language, JSON kept raw."""

import json
from datetime import timedelta

from convention.extensions import db
from convention.models.base import Base
from convention.privacy.export import LEFT_OUT, PROFILE, SUBJECT_COLUMNS
from convention.privacy.labels import COLUMNS, OVERRIDES
from tests.factories import make_attendance, make_convention, make_member, make_session
from tests.web.test_html_validity import assert_valid


def _shown() -> set[tuple[str, str]]:
    """Every (section, column) the page can head, read from the tables themselves."""
    columns = {
        (name, column.name)
        for name in SUBJECT_COLUMNS
        for column in Base.metadata.tables[name].columns
        if column.name not in LEFT_OUT
    }
    return columns | {("profile", name) for name in PROFILE}


def _me():
    convention = make_convention(slug="ai")
    me = make_member(convention, pseudonym="Nadia")
    db.session.commit()
    return me


def test_every_column_the_page_can_show_has_a_label_and_every_label_a_column():
    # A column added later to an exported table must be named here, or this fails.
    shown = _shown()
    assert {pair for pair in shown if pair not in OVERRIDES and pair[1] not in COLUMNS} == set()
    assert set(COLUMNS) - {column for _section, column in shown} == set()
    assert set(OVERRIDES) - shown == set()


def test_the_page_heads_columns_with_labels_and_shows_values_readably(client, login_as):
    me = _me()
    login_as(me.user)
    page = client.get("/account/data").text
    assert_valid(page)
    assert "<dt>Administrator</dt><dd>No</dd>" in page
    assert '<th scope="col">Convention</th>' in page and '<th scope="col">Joined on</th>' in page
    assert "<td>Yes</td>" in page and "<td>Citizen</td>" in page
    for raw in ("is_admin", "created_at", "convention_id", "joined_at", me.joined_at.isoformat()):
        assert raw not in page
    assert '<div class="table-wrap" role="region" aria-labelledby="section-memberships"' in page


def test_the_page_reads_in_french(client, login_as):
    me = _me()
    login_as(me.user)
    page = client.get("/account/data?lang=fr").text
    assert "<dt>Administrateur·rice</dt><dd>Non</dd>" in page
    assert '<th scope="col">Arrivée le</th>' in page and '<th scope="col">Rôle</th>' in page
    assert "<td>Oui</td>" in page and "<td>Citoyen·ne</td>" in page
    assert "convention_id" not in page


def test_the_json_copy_keeps_raw_names_and_values(client, login_as):
    me = _me()
    login_as(me.user)
    data = json.loads(client.get("/account/data.json?lang=fr").text)
    assert data["profile"]["is_admin"] is False
    assert data["profile"]["created_at"] == me.user.created_at.isoformat()
    (membership,) = data["memberships"]
    assert membership["active"] is True and membership["role"] == "citizen"
    assert membership["joined_at"] == me.joined_at.isoformat()
    assert membership["convention_id"] == me.convention_id


def test_every_kind_of_value_is_named_in_the_reader_s_language(client, login_as):
    me = _me()
    session = make_session(me.convention, starts_in=timedelta(days=-1))
    make_attendance(session, me, "excused")
    db.session.commit()
    login_as(me.user)
    assert "<td>Excused</td>" in client.get("/account/data").text
    assert "<td>Excusé·e</td>" in client.get("/account/data?lang=fr").text
