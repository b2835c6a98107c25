"""Proxies: a recorded mandate, cast by its holder from their own device, or refused."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, BallotParticipation, ProxyMandate, Vote
from convention.voting import proxies, services
from tests.factories import make_ballot, make_session
from tests.voting.conftest import code, review, sign_in, vote


def _give(client, giver, holder, scope: str):
    """Give a proxy in the app, as the giver."""
    sign_in(client, giver)
    return client.post("/c/ai/proxies", data={"holder": holder.id, "scope": scope})


def _cast(client, holder, ballot, mandate_id: int, choice: str = "for"):
    """Review then confirm a proxy vote, as the holder."""
    sign_in(client, holder)
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate_id}"
    return client.post(url, data=review(client, url, {f"item_{ballot.items[0].id}": code(choice)}))


def _mandate() -> ProxyMandate:
    return db.session.scalars(sa.select(ProxyMandate).order_by(ProxyMandate.id.desc())).first()


def test_a_member_gives_a_proxy_and_the_holder_casts_it_from_the_ballot_page(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    giver, holder = citizens[0], citizens[1]
    assert _give(client, giver, holder, f"b{ballot.id}").status_code == 303
    mandate = _mandate()
    sign_in(client, holder)
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert f"Vote for {giver.pseudonym}, who gave you their proxy" in page
    receipt = _cast(client, holder, ballot, mandate.id, "against")
    assert "receipt-code" in receipt.text and giver.pseudonym in receipt.text
    participation = db.session.scalar(sa.select(BallotParticipation))
    assert (participation.membership_id, participation.channel) == (giver.id, "proxy")
    assert participation.mandate_id == mandate.id
    assert db.session.scalar(sa.select(Vote.membership_id)) is None  # still a secret vote
    actions = {e.action: e.details for e in db.session.scalars(sa.select(AuditEvent))}
    assert actions["proxy.given"]["holder"] == holder.id
    assert actions["ballot.proxy_vote"] == {
        "giver": giver.id,
        "holder": holder.id,
        "mandate": mandate.id,
    }
    assert all("against" not in str(d) for d in actions.values())
    # the holder's own vote is still theirs to cast
    sign_in(client, holder)
    assert "receipt-code" in vote(client, ballot, {"*": "for"}).text


def test_a_proxy_without_a_mandate_is_refused(app, client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    _give(client, citizens[0], citizens[1], f"b{ballot.id}")
    mandate = _mandate()
    sign_in(client, citizens[2])  # not the holder
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate.id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={f"item_{ballot.items[0].id}": code("for")}).status_code == 404
    sign_in(client, facilitator)  # a facilitator can no longer vote for anyone
    assert client.post(f"/c/ai/ballots/{ballot.id}/proxy", data={}).status_code == 404
    with app.test_request_context(), pytest.raises(services.VotingError, match="no proxy"):
        services.record_proxy(ballot, citizens[2], citizens[3], {ballot.items[0].id: "for"})
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 0


def test_one_holder_holds_one_proxy_by_default(app, client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    holder = citizens[2]
    assert _give(client, citizens[0], holder, f"b{ballot.id}").status_code == 303
    second = _give(client, citizens[1], holder, f"b{ballot.id}")
    assert second.status_code == 422
    assert "already holds as many proxies as allowed" in second.text
    app.config["MAX_PROXIES_PER_HOLDER"] = 2
    try:
        assert _give(client, citizens[1], holder, f"b{ballot.id}").status_code == 303
        assert "receipt-code" in _cast(client, holder, ballot, _mandate().id).text
        app.config["MAX_PROXIES_PER_HOLDER"] = 1  # lowered meanwhile: the second is refused
        first = db.session.scalar(
            sa.select(ProxyMandate.id).where(ProxyMandate.giver_id == citizens[0].id)
        )
        refused = client.post(
            f"/c/ai/ballots/{ballot.id}/proxies/{first}",
            data={f"item_{ballot.items[0].id}": code("for")},
        )
    finally:
        app.config["MAX_PROXIES_PER_HOLDER"] = 1
    assert refused.status_code == 409 and "as many proxies as allowed" in refused.text


def test_a_revoked_mandate_cannot_be_used_and_a_used_one_cannot_be_revoked(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    _give(client, citizens[0], citizens[1], f"b{ballot.id}")
    mandate = _mandate()
    sign_in(client, citizens[0])
    assert f"/c/ai/proxies/{mandate.id}/revoke" in client.get("/c/ai/proxies").text
    sign_in(client, citizens[2])  # only the giver revokes
    assert client.post(f"/c/ai/proxies/{mandate.id}/revoke").status_code == 404
    sign_in(client, citizens[0])
    assert client.post(f"/c/ai/proxies/{mandate.id}/revoke").status_code == 303
    db.session.refresh(mandate)
    assert mandate.revoked_at is not None
    sign_in(client, citizens[1])
    assert "who gave you their proxy" not in client.get(f"/c/ai/ballots/{ballot.id}").text
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate.id}"
    answer = client.post(url, data={f"item_{ballot.items[0].id}": code("for"), "confirmed": "yes"})
    assert answer.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0
    # a new mandate, used, is no longer revocable
    _give(client, citizens[0], citizens[1], f"b{ballot.id}")
    used = _mandate()
    _cast(client, citizens[1], ballot, used.id)
    sign_in(client, citizens[0])
    client.post(f"/c/ai/proxies/{used.id}/revoke")
    db.session.refresh(used)
    assert used.revoked_at is None
    assert f"/c/ai/proxies/{used.id}/revoke" not in client.get("/c/ai/proxies").text


def test_a_mandate_lapses_when_the_giver_votes_first(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    _give(client, citizens[0], citizens[1], f"b{ballot.id}")
    mandate = _mandate()
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    db.session.refresh(mandate)
    assert mandate.lapsed_at is not None
    lapsed = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "proxy.lapsed"))
    assert lapsed.details["giver"] == citizens[0].id and "for" not in str(lapsed.details)
    sign_in(client, citizens[1])
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate.id}"
    assert "voted in person before the proxy was used: it has lapsed" in client.get(url).text
    answer = client.post(
        url, data={f"item_{ballot.items[0].id}": code("against"), "confirmed": "yes"}
    )
    assert answer.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 1


def test_quorum_counts_a_proxy_as_the_givers_participation(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, quorum_percent=60)
    _give(client, citizens[0], citizens[1], f"b{ballot.id}")
    mandate = _mandate()
    for member in citizens[1:3]:
        sign_in(client, member)
        vote(client, ballot, {"*": "for"})
    _cast(client, citizens[1], ballot, mandate.id)
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    db.session.refresh(ballot)
    result = ballot.items[0].result
    assert (result["participants"], result["quorum_needed"], result["quorum_met"]) == (3, 3, True)
    assert result["channels"] == {"online": 2, "proxy": 1}
    assert (
        "Including 0 on paper and 1 by proxy"
        in client.get(f"/c/ai/ballots/{ballot.id}/results").text
    )


def test_a_facilitator_records_a_paper_proxy_form_with_the_holder_named(client, room):
    convention, facilitator, citizens, _ = room
    session = make_session(convention, starts_in=timedelta(minutes=-30))
    sign_in(client, facilitator)
    form = {"giver": citizens[3].id, "holder": citizens[4].id, "scope": f"s{session.id}"}
    assert client.post("/c/ai/proxies/paper", data=form).status_code == 303
    mandate = _mandate()
    assert (mandate.source, mandate.entered_by_id) == ("paper", facilitator.id)
    page = client.get("/c/ai/proxies/paper").text
    assert f"paper form, entered by {facilitator.pseudonym}" in page
    ballot = make_ballot(convention, facilitator, opened=True)  # opened during the session
    assert "receipt-code" in _cast(client, citizens[4], ballot, mandate.id).text
    sign_in(client, citizens[3])
    assert "You have voted in this ballot." in client.get(f"/c/ai/ballots/{ballot.id}").text


def test_giving_a_proxy_is_refused_where_it_makes_no_sense(app, client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    with app.test_request_context():
        for giver, holder in ((citizens[0], citizens[0]), (citizens[0], facilitator)):
            with pytest.raises(services.VotingError):
                proxies.give(giver, giver, holder, ballot=ballot)
    assert _give(client, citizens[0], citizens[1], f"b{ballot.id}").status_code == 303
    again = _give(client, citizens[0], citizens[2], f"b{ballot.id}")
    assert again.status_code == 422 and "revoke it first" in again.text


def test_the_database_keeps_one_active_mandate_per_giver_and_ballot(room):
    from sqlalchemy.exc import IntegrityError

    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)

    def mandate(holder, **fields) -> ProxyMandate:
        return ProxyMandate(
            convention_id=convention.id,
            giver_id=citizens[0].id,
            holder_id=holder.id,
            ballot_id=ballot.id,
            **fields,
        )

    db.session.add(mandate(citizens[1], revoked_at=ballot.opened_at))  # revoked: not in the way
    db.session.add(mandate(citizens[1]))
    db.session.commit()
    db.session.add(mandate(citizens[2]))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(
        ProxyMandate(
            convention_id=convention.id,
            giver_id=citizens[3].id,
            holder_id=citizens[3].id,  # to oneself
            ballot_id=ballot.id,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
