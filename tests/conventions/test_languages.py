"""A convention's languages: only those the platform is translated into are stored, and a stored
unknown code (from before this check, or a script) reads as the default language, never a 500."""

import re

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import NotificationKind, OutboxMessage
from convention.notifications.services import notify
from tests.factories import make_convention, make_member, make_user
from tests.members.test_views import facilitated, upload

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9"}
SETTINGS = {"title": "AI", "mandate": "Why?", "time_zone": "Europe/Paris"}
ROLE = {"role": "citizen"}


@pytest.mark.parametrize(
    ("stored", "subject"),
    [("zz,fr", "Invitation\u00a0: Convention on AI"), ("zz", "Invitation: Convention on AI")],
)
def test_invitations_are_written_in_a_known_language_when_one_stored_is_unknown(
    client, login_as, mailbox, stored, subject
):
    convention, _ = facilitated(login_as)
    convention.languages = stored  # written past the form
    db.session.commit()
    by_form = client.post(
        "/c/ai/invitations", data={"name": "Zoé", "email": "zoe@example.org", "role": "citizen"}
    )
    assert by_form.status_code == 200
    letter = client.post("/c/ai/invitations", data={"name": "Lou", "email": "", "role": "citizen"})
    assert letter.status_code == 200
    assert re.search(r'class="code">[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}<', letter.text)
    by_file = upload(client, "name,email\nAna Lima,ana@example.org\nBo,\n")
    assert by_file.status_code == 200 and by_file.text.count('class="letter"') == 2
    assert [mail["subject"] for mail in mailbox] == [subject, subject]


def test_news_mail_falls_back_to_a_known_language(app):
    convention = make_convention(slug="ai")
    convention.languages = "zz,fr"
    member = make_member(convention)
    member.user.locale = None  # no choice of their own: the convention's language applies
    notify([member.user_id], convention, NotificationKind.SESSION, "/c/ai/", title="Day 1")
    db.session.commit()
    assert db.session.scalar(sa.select(OutboxMessage.subject)) == "Convention on AI : du nouveau"


def test_the_public_record_lists_only_the_languages_the_platform_has(client):
    convention = make_convention(slug="ai", public=True)
    convention.languages = "zz,fr"
    db.session.commit()
    assert client.get("/api/v1/conventions/ai").json["languages"] == ["fr"]


@pytest.mark.parametrize("languages", ["fr,zz", "it", "zz"])
def test_settings_refuse_a_language_the_platform_is_not_translated_into(
    client, login_as, languages
):
    convention, _ = facilitated(login_as)
    refused = client.post(
        "/c/ai/settings", data=SETTINGS | {"languages": languages}, headers=FRENCH
    )
    assert refused.status_code == 422
    assert "pas traduite en" in refused.text
    assert "Langues disponibles : en, fr, de" in refused.text
    assert convention.languages == "fr,en"
    saved = client.post("/c/ai/settings", data=SETTINGS | {"languages": "en,fr"})
    assert saved.status_code == 302 and convention.languages == "en,fr"


def test_a_new_convention_cannot_be_created_with_an_unknown_language(client, login_as):
    login_as(make_user(admin=True))
    form = SETTINGS | {"slug": "climate", "languages": "zz"}
    refused = client.post("/admin/conventions", data=form)
    assert refused.status_code == 422
    assert (
        "This platform is not translated into zz. Available languages: en, fr, de." in refused.text
    )


def test_a_german_convention_writes_its_invitations_in_german(client, login_as, mailbox):
    convention, _ = facilitated(login_as)
    saved = client.post("/c/ai/settings", data=SETTINGS | {"languages": "de,en"})
    assert saved.status_code == 302 and convention.languages == "de,en"
    letter = client.post("/c/ai/invitations", data={"name": "Lou", "email": "", "role": "citizen"})
    assert '<article class="letter" lang="de">' in letter.text
    assert "Sie sind eingeladen, an AI teilzunehmen." in letter.text
    client.post("/c/ai/invitations", data={"name": "Zoé", "email": "zoe@example.org"} | ROLE)
    assert [mail["subject"] for mail in mailbox] == ["Einladung: AI"]
    assert "Hallo Zoé," in mailbox[0]["body"]
