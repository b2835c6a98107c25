"""The vote benchmark: 150 members voting at once against gunicorn workers on PostgreSQL."""

import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convention import create_app  # noqa: E402
from convention.extensions import db  # noqa: E402
from convention.models import Convention, Membership, User  # noqa: E402
from convention.rules.phases import Phase  # noqa: E402
from convention.rules.policy import Role  # noqa: E402
from convention.voting import services  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
NAME = "convention_bench_voting"
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "150"))
BALLOTS = 4
WORKERS = 4
PASSWORD = "bench-password"  # noqa: S105
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def scratch_database() -> str:
    """Create the scratch database afresh and return its URL."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(NAME))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(NAME)))
    return f"{SERVER}/{NAME}"


def drop_database() -> None:
    """Remove the scratch database."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(NAME))
        )


def seed(url: str) -> list[int]:
    """Create a convention in its voting phase, the members, and open ballots; return their ids."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        convention = Convention(slug="bench", title="Bench", mandate="?", phase=Phase.VOTING)
        db.session.add(convention)
        db.session.flush()
        staff = _member(convention, "facilitator", Role.FACILITATOR)
        for n in range(MEMBERS):
            _member(convention, f"member{n}", Role.CITIZEN)
        db.session.commit()
        ids = []
        with app.test_request_context():
            for _ in range(BALLOTS):
                ballot = services.create_ballot(convention, staff, title="Bench vote")
                services.add_item(ballot, staff, title="Do we agree?")
                services.open_ballot(ballot, staff)
                db.session.commit()
                ids.append(ballot.id)
        db.engine.dispose()
    return ids


def _member(convention: Convention, name: str, role: Role) -> Membership:
    """Add an account and its membership with a cheap password hash."""
    user = User(email=f"{name}@bench.invalid", display_name=name)
    user.set_password(PASSWORD, method="pbkdf2:sha256:1")
    member = Membership(user=user, convention_id=convention.id, role=role, pseudonym=name)
    db.session.add(member)
    return member


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    """Start gunicorn with sync workers on 127.0.0.1; bench logins are not throttled."""
    env = os.environ | {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret-key-bench-secret-key",
        "LOGIN_LIMIT_PER_ACCOUNT": "100000 per minute",
        "LOGIN_LIMIT_PER_ADDRESS": "100000 per minute",
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/health", timeout=10)
            return server
        except requests.RequestException:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def sign_in(base: str, n: int) -> requests.Session:
    """Sign one member in, once, through the login form."""
    session = requests.Session()
    token = TOKEN.search(session.get(f"{base}/login", timeout=10).text).group(1)
    data = {"login": f"member{n}@bench.invalid", "password": PASSWORD, "csrf_token": token}
    response = session.post(f"{base}/login", data=data, timeout=10, allow_redirects=False)
    assert response.status_code == 302, response.status_code
    return session


def at_once(sessions: list[requests.Session], request) -> tuple[float, list[float]]:
    """Run `request(session)` in one thread per session, all released together; time them."""
    barrier = threading.Barrier(len(sessions) + 1)
    latencies: list[float] = []

    def run(session: requests.Session) -> None:
        barrier.wait()
        start = time.perf_counter()
        request(session)
        latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies


def main() -> None:
    """Measure votes, the trivial endpoint and the live count against a running server."""
    url = scratch_database()
    server = None
    try:
        ballots = seed(url)
        port = free_port()
        server = start_server(url, port)
        base = f"http://127.0.0.1:{port}"
        sessions = [sign_in(base, n) for n in range(MEMBERS)]
        tokens = {}
        for session in sessions:
            page = session.get(f"{base}/c/bench/ballots/{ballots[0]}", timeout=10).text
            tokens[id(session)] = TOKEN.search(page).group(1)
        vote_time, latencies, refused = 0.0, [], []
        for ballot_id in ballots:
            _items(ballot_id)
        for ballot_id in ballots:

            def cast(session, ballot_id=ballot_id):
                data = {
                    "csrf_token": tokens[id(session)],
                    "confirmed": "yes",
                    **{f"item_{item}": "for" for item in _items(ballot_id)},
                }
                response = session.post(
                    f"{base}/c/bench/ballots/{ballot_id}/votes", data=data, timeout=60
                )
                if response.status_code != 200:
                    refused.append(response.status_code)

            elapsed, lat = at_once(sessions, cast)
            vote_time += elapsed
            latencies += lat
        votes = MEMBERS * len(ballots)
        health_time = sum(
            at_once(sessions, lambda s: s.get(f"{base}/health", timeout=60))[0] for _ in ballots
        )
        poll_url = f"{base}/c/bench/ballots/{ballots[0]}/live.json"
        poll_time = sum(
            at_once(sessions, lambda s: s.get(poll_url, timeout=60))[0] for _ in ballots
        )
        vote_rate, trivial_rate, poll_rate = (
            votes / vote_time,
            votes / health_time,
            votes / poll_time,
        )
        print(f"vote_per_s: {vote_rate:.0f}")
        print(f"trivial_per_s: {trivial_rate:.0f}")
        print(f"vote_ratio: {vote_rate / trivial_rate:.2f}")
        print(f"vote_p99_ms: {statistics.quantiles(latencies, n=100)[98] * 1000:.0f}")
        print(f"poll_ratio: {poll_rate / trivial_rate:.2f}")
        print(f"vote_refused: {len(refused)}")
        _check_counted(url, votes - len(refused))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database()


_ITEMS: dict[int, list[int]] = {}


def _items(ballot_id: int) -> list[int]:
    """Return a ballot's item ids (read once)."""
    if ballot_id not in _ITEMS:
        with psycopg.connect(f"{SERVER}/{NAME}") as conn:
            rows = conn.execute(
                "SELECT id FROM ballot_items WHERE ballot_id = %s ORDER BY position", (ballot_id,)
            ).fetchall()
        _ITEMS[ballot_id] = [row[0] for row in rows]
    return _ITEMS[ballot_id]


def _check_counted(url: str, expected: int) -> None:
    """Make sure every accepted vote is stored once."""
    with psycopg.connect(f"{SERVER}/{NAME}") as conn:
        stored = conn.execute("SELECT count(*) FROM ballot_participations").fetchone()[0]
    assert stored == expected, (stored, expected)


if __name__ == "__main__":
    main()
