"""Secret ballots stay secret, and nobody sees a tally before close."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent
from convention.rules.policy import Role
from convention.rules.tally import Choice
from convention.voting import proxies, services
from tests.factories import make_ballot, make_member, make_user
from tests.voting.conftest import sign_in, vote


def _rows_naming(member_id: int) -> list[tuple[str, dict]]:
    """Return every row of every table in which the member's id appears, as (table, row)."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table)).mappings():
            if member_id in row.values():
                found.append((table.name, dict(row)))
    return found


def test_no_row_links_a_member_to_a_secret_choice(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    voter = citizens[2]
    sign_in(client, voter)
    receipt = vote(client, ballot, {"*": "against"})
    code = receipt.text.split('id="receipt-code">')[1].split("<")[0]
    for table, row in _rows_naming(voter.id):
        assert table not in {"votes", "ballot_receipts"}, row
        assert "against" not in str(row.values()), (table, row)
    assert not _rows_naming_text(code)
    vote_row = db.session.execute(sa.text("SELECT * FROM votes")).mappings().one()
    assert set(vote_row) == {"key", "ballot_id", "item_id", "choice", "grade", "membership_id"}
    assert vote_row["membership_id"] is None
    events = db.session.scalars(sa.select(AuditEvent)).all()
    assert all("against" not in str(e.details) for e in events)


def _rows_naming_text(text: str) -> list:
    """Return the rows holding `text` anywhere."""
    return [
        (table.name, row)
        for table in db.metadata.sorted_tables
        for row in db.session.execute(sa.select(table)).all()
        if any(text in str(value) for value in row)
    ]


def test_after_close_the_receipt_is_published_and_the_choices_recount(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, questions=("A", "B"))
    codes = []
    for member, answer in zip(citizens, ["for", "for", "against", "abstain"], strict=False):
        sign_in(client, member)
        page = vote(client, ballot, {"*": answer}).text
        codes.append(page.split('id="receipt-code">')[1].split("<")[0])
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    page = client.get(f"/c/ai/ballots/{ballot.id}/results").text
    for code in codes:
        assert services.fingerprint(ballot, code) in page
        assert code not in page
    db.session.refresh(ballot)
    published = db.session.execute(
        sa.select(sa.text("item_id, choice")).select_from(sa.text("votes"))
    ).all()
    for item in ballot.items:
        recount = [c for i, c in published if i == item.id]
        result = item.result
        assert (recount.count("for"), recount.count("against"), recount.count("abstain")) == (
            result["yes"],
            result["no"],
            result["abstain"],
        )
    # The published choices and fingerprints sit apart: no pseudonym on the results page.
    assert all(m.pseudonym not in page for m in citizens)


def test_every_page_hides_the_tally_before_close(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    admin = make_member(convention, role=Role.FACILITATOR, user=make_user(admin=True))
    for member in (citizens[0], facilitator, admin):
        sign_in(client, member)
        assert client.get(f"/c/ai/ballots/{ballot.id}/results").status_code == 403
        assert client.get(f"/c/ai/ballots/{ballot.id}/results.csv").status_code == 403
        live = client.get(f"/c/ai/ballots/{ballot.id}/live.json").get_json()
        assert set(live) == {"state", "voted", "present", "eligible", "closes_at"}
        for url in ("", "/projector"):
            page = client.get(f"/c/ai/ballots/{ballot.id}{url}")
            assert "result-chart" not in page.text and "state-adopted" not in page.text
        assert ballot.title not in client.get("/c/ai/results").text


def test_a_secret_choice_never_reaches_the_audit_log_page(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    with client.application.test_request_context():
        proxies.give(citizens[1], citizens[1], citizens[2], ballot=ballot)
        services.record_proxy(
            ballot, citizens[2], citizens[1], {ballot.items[0].id: Choice.ABSTAIN}
        )
    db.session.commit()
    page = client.get("/c/ai/audit").text
    assert "abstain" not in page.lower()
