"""Every upload reads what French Excel saves, names its bad lines and never drops a row."""

import io

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import Invitation, MemberAttributes, SelectionRun
from convention.rules.policy import Role
from tests.factories import make_convention, make_member
from tests.selection.test_views import POOL, QUOTAS

FRENCH = {"Accept-Language": "fr"}


@pytest.fixture
def facilitator(login_as):
    convention = make_convention(slug="ai")
    member = make_member(convention, role=Role.FACILITATOR)
    login_as(member.user)
    return member


def excel(text: str) -> bytes:
    """Bytes as French Excel saves "CSV (separator: semicolon)": Windows-1252, CRLF."""
    return text.replace("\n", "\r\n").encode("cp1252")


def bom(text: str) -> bytes:
    """Bytes as "CSV UTF-8" saves them: a byte-order mark, commas."""
    return ("\ufeff" + text).encode("utf-8")


def post(client, url: str, headers: dict | None = None, **files: bytes):
    data = {name: (io.BytesIO(content), f"{name}.csv") for name, content in files.items()}
    return client.post(url, data=data, content_type="multipart/form-data", headers=headers)


def invite(client, data: bytes, headers: dict | None = None):
    return post(client, "/c/ai/invitations/import", headers, file=data)


def test_invitations_read_french_excel_and_bom_utf8_files(client, facilitator):
    french = "Courriel;Nom;Rôle\nzoe@example.org;Zoé Lefèvre;citoyenne\n;Loïc Bréhat;animatrice\n"
    assert invite(client, excel(french)).status_code == 200
    english = "E-mail,Name,Role\nana@example.org,Ana Müller,expert\n"
    assert invite(client, bom(english)).status_code == 200
    invited = db.session.execute(sa.select(Invitation.name, Invitation.email, Invitation.role))
    assert sorted(invited) == [
        ("Ana Müller", "ana@example.org", Role.EXPERT),
        ("Loïc Bréhat", None, Role.FACILITATOR),
        ("Zoé Lefèvre", "zoe@example.org", Role.CITIZEN),
    ]


def test_invitations_name_an_unknown_column_and_a_bad_row_by_line(client, facilitator):
    response = invite(client, excel("Nom;Téléphone\nZoé;0600000000\n"), FRENCH)
    assert response.status_code == 422
    assert "Ligne 1" in response.text and "« Téléphone »" in response.text
    response = invite(client, bom("email,name\nok@example.org,Ok\nx@example.org,X,citizen\n"))
    assert response.status_code == 422
    assert "Line 3: Expected 2 fields, found 3." in response.text
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 0


@pytest.fixture
def panel(facilitator):
    convention = facilitator.convention
    return [make_member(convention, pseudonym=name) for name in ("Éloïse", "Noé")]


def attributes(client, data: bytes, headers: dict | None = None):
    return post(client, "/c/ai/groups/attributes", headers, file=data)


def recorded() -> dict[int, dict]:
    db.session.expire_all()
    rows = db.session.scalars(sa.select(MemberAttributes))
    return {row.membership_id: row.attributes for row in rows}


def test_group_attributes_read_french_excel_and_bom_utf8_files(client, panel):
    eloise, noe = panel
    french = (
        "Pseudonyme;Tranche d'âge;Quartier\néloïse;60 ans et plus;Saint-Étienne\nNoé;18-24;Bas\n"
    )
    assert attributes(client, excel(french)).status_code == 303
    assert recorded() == {
        eloise.id: {"Tranche d'âge": "60 ans et plus", "Quartier": "Saint-Étienne"},
        noe.id: {"Tranche d'âge": "18-24", "Quartier": "Bas"},
    }
    assert attributes(client, bom("Pseudonym,Age band\nNOÉ,young\n")).status_code == 303
    assert recorded()[noe.id] == {"Age band": "young"}


def test_group_attributes_report_a_missing_column_a_bad_row_and_an_unknown_member(client, panel):
    response = attributes(client, excel("Nom;Âge\nNoé;18-24\n"), FRENCH)
    assert response.status_code == 422
    assert "Ligne 1" in response.text and "« pseudonym » manque" in response.text
    rows = "pseudonym,age\nNoé,young\nÉloïse\nInconnu,old\nnoé,old\n"
    response = attributes(client, bom(rows))
    assert response.status_code == 422
    assert "Line 3: Expected 2 fields, found 1." in response.text
    assert "Line 4: No member of this convention is called “Inconnu”." in response.text
    assert "Line 5: “noé” appears twice in the file." in response.text
    assert recorded() == {}


@pytest.fixture
def no_process(held_jobs):
    """Record runs without running their computation: the upload is what is tested."""


def select(client, pool: bytes, quotas: bytes, headers: dict | None = None):
    data = {"size": "4", "method": "leximin", "household": ""}
    files = {"pool": pool, "quotas": quotas}
    form = data | {name: (io.BytesIO(content), f"{name}.csv") for name, content in files.items()}
    url = "/c/ai/selection/runs"
    return client.post(url, data=form, content_type="multipart/form-data", headers=headers)


FRENCH_POOL = "Identifiant;Prénom;Genre;Âge\n" + "".join(
    f"v{n:02d};Zoé{n};{'femme' if n % 2 else 'homme'};{'jeune' if n < 6 else 'âgé'}\n"
    for n in range(12)
)
FRENCH_QUOTAS = (
    "Caractéristique;Modalité;Minimum;Maximum\n"
    "Genre;femme;2;2\nGenre;homme;2;2\nÂge;jeune;1;3\nÂge;âgé;1;3\n"
)


def test_selection_reads_french_excel_and_bom_utf8_files(client, facilitator, no_process):
    assert select(client, excel(FRENCH_POOL), excel(FRENCH_QUOTAS)).status_code == 302
    run = db.session.scalars(sa.select(SelectionRun)).one()
    assert run.pool_csv.splitlines()[:2] == ["id,Genre,Âge", "v00,homme,jeune"]
    assert "Zoé" not in run.pool_csv and "Âge,âgé,1,3" in run.quotas_csv
    db.session.delete(run)
    db.session.commit()
    assert select(client, bom(POOL.replace("id,", "ID,")), bom(QUOTAS)).status_code == 302
    run = db.session.scalars(sa.select(SelectionRun)).one()
    assert run.pool_csv.splitlines()[1] == "v00,m,young" and len(run.pool_csv.splitlines()) == 13


def test_selection_names_the_file_and_line_of_each_problem(client, facilitator, no_process):
    quotas = excel(FRENCH_QUOTAS.replace("Maximum", "Plafond"))
    response = select(client, excel(FRENCH_POOL), quotas, FRENCH)
    assert response.status_code == 422
    assert "quotas.csv : ligne 1" in response.text and "« Plafond »" in response.text
    quotas = bom(QUOTAS.replace("gender,m,2,2", "gender,m,two,2"))
    response = select(client, bom(POOL + "v12,Late\n"), quotas)
    assert "quotas.csv: line 3: min “two” is not a whole number" in response.text
    response = select(client, bom(POOL + "v12,Late\nv13,Unmatched,x,young\n"), bom(QUOTAS))
    assert "pool.csv: line 14: Expected 4 fields, found 2." in response.text
    response = select(client, bom(POOL + "v13,Unmatched,x,young\n"), bom(QUOTAS))
    assert response.status_code == 422 and "line 14" in response.text and "v13" in response.text
    assert db.session.scalar(sa.select(sa.func.count(SelectionRun.id))) == 0
