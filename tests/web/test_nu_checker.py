"""Each role's main pages pass the W3C Nu HTML Checker: no errors (warnings allowed).

The checker (java -jar vnu.jar, `make checker` installs both) starts once for every page: a Java
start costs seconds. It runs in the SQLite half only: the pages are the same on PostgreSQL.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from convention.config import PROJECT_ROOT
from convention.demo import seed
from convention.extensions import db
from convention.models import (
    Ballot,
    Convention,
    ConventionSession,
    Membership,
    Recommendation,
    Topic,
    User,
)
from convention.rules.policy import Role
from tests.conftest import put_session

pytestmark = pytest.mark.checker

# `make checker` fetches the version the Makefile pins; the newest fetched one is used.
VNU_JAR = max((Path(PROJECT_ROOT) / ".vnu").glob("vnu-*.jar"), default=Path("vnu.jar"))


def checker() -> list[str]:
    """Return the command that runs the checker, or say how to install what is missing."""
    missing = [
        reason
        for reason, absent in (
            ("java (`make checker` installs default-jre-headless)", not shutil.which("java")),
            (f"{VNU_JAR} (`make checker` fetches it)", not VNU_JAR.exists()),
        )
        if absent
    ]
    if missing:
        reason = f"The HTML checker needs {' and '.join(missing)}."
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def first(model, *where):
    """Return the demo's first row of `model` matching `where`."""
    return db.session.scalars(sa.select(model).where(*where).order_by(model.id)).first()


def role_user(demo: Convention, role: Role) -> User:
    """Return the demo's login for `role`: the citizen one is left to vote in the open ballots."""
    if role is Role.CITIZEN:
        return first(User, User.email == "citizen@demo.invalid")
    return first(Membership, Membership.convention_id == demo.id, Membership.role == role).user


def main_pages(demo: Convention) -> dict[Role | None, list[str]]:
    """The pages each role opens most, anonymous visitors first, in the demo (and pages once
    found invalid: forms inside paragraphs, form fields sharing the preview's ids)."""
    base = f"/c/{demo.slug}"
    topic = first(Topic, Topic.convention_id == demo.id)
    recommendation = first(Recommendation, Recommendation.convention_id == demo.id)
    ballot = first(Ballot, Ballot.convention_id == demo.id, Ballot.closed_at.is_(None))
    session = first(ConventionSession, ConventionSession.convention_id == demo.id)
    return {
        None: ["/", f"{base}/", f"{base}/report"],
        Role.CITIZEN: [
            "/",
            f"{base}/topics/{topic.id}",
            f"{base}/recommendations/{recommendation.id}",
            f"{base}/ballots/{ballot.id}",
            "/account/notifications",
        ],
        Role.FACILITATOR: [
            f"{base}/members",
            f"{base}/settings",
            f"{base}/ballots",
            f"{base}/ballots/{ballot.id}",
            f"{base}/ballots/new",
            f"{base}/topics",
            f"{base}/sessions/{session.id}",
            f"{base}/moderation",
            f"{base}/report/draft",
        ],
        Role.COUNCIL: [f"{base}/accountability"],
    }


def fetch(app: Flask, demo: Convention, folder: Path) -> dict[str, str]:
    """Save each role's main pages in `folder`; return each file's URL with the page it holds."""
    files = {}
    for role, paths in main_pages(demo).items():
        client = app.test_client()
        if role is not None:
            put_session(client, role_user(demo, role))
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, f"{path} as {role}: {response.status_code}"
            name = folder / f"{len(files):02d}.html"
            name.write_text(response.text, encoding="utf-8")
            files[name.as_uri().replace("file:///", "file:/")] = f"{path} ({role or 'visitor'})"
    return files


def test_every_roles_main_pages_have_no_html_errors(app: Flask, tmp_path: Path) -> None:
    command = checker()
    seed()
    db.session.commit()
    demo = db.session.scalar(sa.select(Convention).where(Convention.slug == "demo"))
    pages = fetch(app, demo, tmp_path)
    run = subprocess.run(  # noqa: S603
        [*command, *sorted(str(tmp_path / name) for name in os.listdir(tmp_path))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = [
        f"{pages.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] != "info"
    ]
    assert errors == [], "\n".join(errors)
    assert len(pages) == 18 and run.returncode == 0
