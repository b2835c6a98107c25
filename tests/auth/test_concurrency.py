"""Simultaneous requests cannot use one invitation twice: one account, one membership."""

import threading

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Membership, User
from tests.auth.test_invitations import NEW_ACCOUNT
from tests.factories import make_convention, make_invitation

PARALLEL = 8


def test_parallel_acceptances_of_one_invitation_make_one_membership(app):
    convention = make_convention()
    _, token, _ = make_invitation(convention, email="race@example.org")
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = []

    def accept() -> None:
        client = app.test_client()
        with app.app_context():
            client.get(f"/join/{token}")
            barrier.wait()
            statuses.append(client.post("/join/invitation", data=NEW_ACCOUNT).status_code)
            db.session.remove()

    threads = [threading.Thread(target=accept) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses).count(302) == 1
    assert set(statuses) <= {302, 409, 410}  # the others are told the invitation is used
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 1
