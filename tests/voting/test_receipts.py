"""A member checks their receipt on a closed secret ballot's results page."""

import hashlib

from tests.factories import make_ballot
from tests.voting.conftest import sign_in, vote


def _code(page: str) -> str:
    return page.split('id="receipt-code">')[1].split("<")[0]


def test_a_receipt_is_found_after_close_and_a_wrong_one_is_not(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    code = _code(vote(client, ballot, {"*": "against"}).text)
    url = f"/c/ai/ballots/{ballot.id}/receipt"
    early = client.post(url, data={"code": code})
    assert early.status_code == 403 and "Counted" not in early.text
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    sign_in(client, citizens[1])
    results = client.get(f"/c/ai/ballots/{ballot.id}/results").text
    assert "Check my receipt" in results and f"{ballot.id}:1A2B3C-4D5E6F-7A8B9C-0D1E2F" in results
    # The documented formula gives the published fingerprint.
    assert hashlib.sha256(f"{ballot.id}:{code}".encode()).hexdigest() in results
    typed = code.lower().replace("-", " ")  # as someone might copy it from paper
    found = client.post(url, data={"code": typed})
    assert found.status_code == 200 and "Counted" in found.text
    assert found.headers["Cache-Control"] == "no-store, no-transform"
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    missing = client.post(url, data={"code": wrong})
    assert (
        missing.status_code == 200 and "Not found" in missing.text and "Counted" not in missing.text
    )
    bad = client.post(url, data={"code": "not a code"})
    assert bad.status_code == 422 and "24 letters and digits" in bad.text


def test_a_roll_call_ballot_has_no_receipt_to_check(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    assert "Check my receipt" not in client.get(f"/c/ai/ballots/{ballot.id}/results").text
    assert client.post(f"/c/ai/ballots/{ballot.id}/receipt", data={"code": "x"}).status_code == 403
