"""`make bench`: page costs as ratios to /health, measured in the same run on a seeded database."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from convention import create_app  # noqa: E402
from convention.demo import seed  # noqa: E402
from convention.extensions import db  # noqa: E402
from convention.models import Membership, User  # noqa: E402
from convention.rules.policy import Role  # noqa: E402

EXTRA_MEMBERS = 200
ROUNDS = 30


def build_app(directory: str):
    """Create an app on a fresh SQLite database holding the demo plus a large panel."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.db",
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "bench",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
    })  # fmt: skip
    with app.app_context():
        db.create_all()
        seed()
        db.session.flush()
        demo_id = db.session.scalar(db.select(Membership.convention_id).limit(1))
        for n in range(EXTRA_MEMBERS):
            user = User(
                email=f"bench{n}@demo.invalid",
                display_name=f"Bench {n}",
                password_hash="!",  # noqa: S106
            )
            db.session.add(
                Membership(user=user, convention_id=demo_id, role=Role.CITIZEN, pseudonym=f"B{n}")
            )
        db.session.commit()
    return app


def median_seconds(client, url: str) -> float:
    """Return the median time of ROUNDS requests to `url`."""
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def main() -> None:
    """Run the vote benchmark first, then print each heavy page's time over /health's."""
    from bench import voting

    voting.main()
    with tempfile.TemporaryDirectory() as directory:
        app = build_app(directory)
        client = app.test_client()
        client.post(
            "/login", data={"login": "facilitator@demo.invalid", "password": "convention-demo"}
        )
        baseline = median_seconds(client, "/health")
        print(f"health_ms: {baseline * 1000:.2f}")
        pages = [
            ("dashboard", "/"),
            ("members_240", "/c/demo/members"),
            ("invitations", "/c/demo/invitations"),
            ("overview", "/c/demo/"),
        ]
        for name, url in pages:
            print(f"{name}_ratio: {median_seconds(client, url) / baseline:.1f}")


if __name__ == "__main__":
    main()
