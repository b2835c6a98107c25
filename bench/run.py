"""`make bench`: our pages and votes under load, as ratios to hello-world Flask in the same run.

Everything runs against gunicorn with 2 sync workers on a scratch PostgreSQL database; wrk
(1 thread, 4 connections) measures throughput, Python threads play the voters and their phones.
Each page's ratio divides its rate by hello world's measured just before and just after it;
`hello_per_s` is the median of those measurements.
"""

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scenarios, seed  # noqa: E402
from bench.report_pdf import report_pdf_seconds  # noqa: E402
from bench.servers import gunicorn, scratch_database, wrk  # noqa: E402


def main() -> None:
    """Print every figure as a `name: value` line."""
    # several people may bench on one PostgreSQL server: each names their scratch database
    name = os.environ.get("BENCH_DATABASE", "convention_bench")
    with gunicorn("bench.hello:app") as hello, scratch_database(name) as url:
        ids = seed.seed(url)
        with gunicorn("wsgi:app", url) as base:
            citizen = scenarios.cookie_header(scenarios.sign_in(base, *seed.CITIZEN))
            pages = [
                ("health", "/health", None),
                ("topic", f"/c/demo/topics/{ids['topic']}", citizen),
                ("poll", f"/c/demo/ballots/{ids['poll_ballot']}/live.json", citizen),
                ("report", "/c/demo/report", None),
                ("dashboard", "/", citizen),
            ]
            # hello world is measured before and after each page: a drift of the machine's
            # speed during the run moves both sides of a ratio alike
            hellos = [wrk(hello + "/")]
            ratios = {}
            for page, path, cookie in pages:
                rate = wrk(base + path, cookie)
                hellos.append(wrk(hello + "/"))
                ratios[page] = rate / statistics.mean(hellos[-2:])
            print(f"hello_per_s: {statistics.median(hellos):.0f}")
            for page, ratio in ratios.items():
                print(f"{page}_ratio: {ratio:.3f}", flush=True)
            _votes(base, url, ids["ballots"])
        print(f"report_pdf_s: {report_pdf_seconds(url):.1f}")


def _votes(base: str, url: str, ballots: dict) -> None:
    """Run the room and the burst scenarios, each on its own open ballot."""
    room, room_items = ballots["room"]
    voters = scenarios.Voters(base, "bench", seed.voter_logins(), room)
    lost = doubled = 0
    for name, run in (("room", scenarios.vote_room), ("burst", scenarios.vote_burst)):
        ballot, items = ballots[name]
        latencies, statuses = run(voters, ballot, items)
        print(f"vote_{name}_p99_ms: {scenarios.p99_ms(latencies):.0f}", flush=True)
        accepted = sum(status == 200 for status in statuses)
        missing, extra = scenarios.lost_and_doubled(url, ballot, accepted, len(items))
        lost += missing + (len(statuses) - accepted)
        doubled += extra
    print(f"vote_lost: {lost}")
    print(f"vote_doubled: {doubled}")


if __name__ == "__main__":
    main()
