"""What the benchmark measures: pages under wrk, votes in the room and in a burst."""

import random
import re
import statistics
import threading
import time
from collections.abc import Callable

import psycopg
import requests

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
# The vote form's values: every answer is sent as a code of one length.
ANSWER_CODES = {"for": "1", "against": "2", "abstain": "3"}


def sign_in(base: str, login: str, password: str) -> requests.Session:
    """Sign one person in through the login form."""
    session = requests.Session()
    token = TOKEN.search(session.get(f"{base}/login", timeout=30).text).group(1)
    data = {"login": login, "password": password, "csrf_token": token}
    response = session.post(f"{base}/login", data=data, timeout=30, allow_redirects=False)
    assert response.status_code == 302, (login, response.status_code)
    return session


def cookie_header(session: requests.Session) -> str:
    """Return the session's cookies as one Cookie header."""
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def p99_ms(latencies: list[float]) -> float:
    """Return the 99th percentile of latencies in milliseconds."""
    return statistics.quantiles(latencies, n=100)[98] * 1000


class Voters:
    """Members signed in once, each with the CSRF token of their session."""

    def __init__(self, base: str, slug: str, logins: list[tuple[str, str]], ballot: int):
        self.base, self.slug = base, slug
        self.sessions = [sign_in(base, login, password) for login, password in logins]
        page = f"{base}/c/{slug}/ballots/{ballot}"
        self.tokens = [TOKEN.search(s.get(page, timeout=30).text).group(1) for s in self.sessions]

    def vote(self, n: int, ballot: int, items: list[int], answer: str) -> tuple[int, float]:
        """Cast member n's vote; return the status and the latency."""
        data = {"csrf_token": self.tokens[n], "confirmed": "yes"}
        data |= {f"item_{item}": ANSWER_CODES[answer] for item in items}
        start = time.perf_counter()
        response = self.sessions[n].post(
            f"{self.base}/c/{self.slug}/ballots/{ballot}/votes", data=data, timeout=120
        )
        return response.status_code, time.perf_counter() - start

    def poll(self, n: int, ballot: int) -> None:
        """Read the live count once, as a phone does."""
        self.sessions[n].get(f"{self.base}/c/{self.slug}/ballots/{ballot}/live.json", timeout=120)


def _run_all(jobs: list[Callable[[], None]]) -> None:
    """Run every job in its own thread and wait for all."""
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def vote_burst(voters: Voters, ballot: int, items: list[int]) -> tuple[list[float], list[int]]:
    """Every member votes at the same instant; return latencies and statuses."""
    barrier = threading.Barrier(len(voters.sessions))
    latencies: list[float] = []
    statuses: list[int] = []

    def member(n: int) -> Callable[[], None]:
        def run() -> None:
            barrier.wait()
            status, latency = voters.vote(n, ballot, items, "for")
            statuses.append(status)
            latencies.append(latency)

        return run

    _run_all([member(n) for n in range(len(voters.sessions))])
    return latencies, statuses


def vote_room(
    voters: Voters, ballot: int, items: list[int], spread: float = 10.0, every: float = 2.5
) -> tuple[list[float], list[int]]:
    """Members vote spread over `spread` seconds while every phone polls the live count."""
    rng = random.Random(150)  # noqa: S311
    latencies: list[float] = []
    statuses: list[int] = []
    start = time.perf_counter()
    done = threading.Event()

    def member(n: int, offset: float) -> Callable[[], None]:
        def run() -> None:
            time.sleep(max(0.0, start + offset - time.perf_counter()))
            status, latency = voters.vote(n, ballot, items, rng.choice(["for", "against"]))
            statuses.append(status)
            latencies.append(latency)

        return run

    def phone(n: int) -> Callable[[], None]:
        def run() -> None:
            time.sleep(rng.random() * every)
            while not done.is_set():
                tick = time.perf_counter()
                voters.poll(n, ballot)
                done.wait(max(0.0, every - (time.perf_counter() - tick)))

        return run

    phones = [threading.Thread(target=phone(n)) for n in range(len(voters.sessions))]
    for thread in phones:
        thread.start()
    _run_all([member(n, rng.random() * spread) for n in range(len(voters.sessions))])
    done.set()
    for thread in phones:
        thread.join()
    return latencies, statuses


def lost_and_doubled(url: str, ballot: int, accepted: int, items: int) -> tuple[int, int]:
    """Compare the accepted votes with the stored participations and votes of a ballot."""
    with psycopg.connect(url) as conn:
        taken = conn.execute(
            "SELECT count(*) FROM ballot_participations WHERE ballot_id = %s", (ballot,)
        ).fetchone()[0]
        votes = conn.execute(
            "SELECT count(*) FROM votes WHERE ballot_id = %s", (ballot,)
        ).fetchone()[0]
    expected = accepted * items
    return max(0, expected - taken), max(0, votes - taken) + max(0, taken - expected)
