"""Walk every route with generated input, as a visitor, a citizen and a facilitator: never a 5xx.

Each route gets its valid submission first (tests/web/fuzz_table.py), which must be accepted,
so the walk proves it reached the forms; then that submission with every field set to each
hostile value, then `FUZZ_EXAMPLES` hypothesis variants per role. Every request sees a fresh
world: the rows of any table a request wrote are put back from a snapshot of the seed. A 5xx,
a crash, or a database refusal that only the generic 409/422 handlers caught fails the walk.
`make fuzz` runs more examples; FUZZ_ONLY=<endpoint part> narrows the walk when debugging.
"""

import io
import logging
import os
import re

import pytest
import sqlalchemy as sa
from flask import Flask, got_request_exception
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from convention.extensions import db
from tests.conftest import _empty_tables
from tests.web.fuzz_table import VALID, Upload, resolve
from tests.web.fuzz_world import SLUG, World, seed

pytestmark = pytest.mark.csrf

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 2))
WALKERS = ("anonymous", "citizen", "facilitator")
QUERY_KEYS = ("page", "topic", "group", "version", "new", "old", "stance", "order", "state")

# Values a careless or hostile person sends: control characters, numbers a column cannot hold,
# dates no convention means, an hour the clocks skip in Paris, long text, unknown choices.
NASTY = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "line\r\nbreak",
            "\u202eevil",
            "\x1b[31m",
            str(2**31),
            str(10**20),
            "-1",
            "-2147483649",
            "0",
            "1e400",
            "nan",
            "²",
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "2027-03-28T02:30",
            "zz",
            "nonsense",
            "x" * 65,
            "x" * 301,
            "é" * 5001,
            "<script>alert(1)</script>",
        ]
    ),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


# Each applied to every field of a valid submission at once, by the role that reaches the form.
HOSTILE = [
    "a\x00b",
    "bell\x07 and \u202eevil",
    str(10**20),
    str(-(2**31) - 1),
    "0001-01-01T00:00",
    "9999-12-31",
    "2027-03-28T02:30",
    "zz",
    "x" * 100,
    "x" * 70_000,
    None,  # every field missing
]


def _login(client, token: str | None) -> None:
    """Sign the client in with a recorded session's token, or out, as the login form would."""
    with client.session_transaction() as session:
        session.clear()
        if token is not None:
            session["_user_id"] = token
            session["_fresh"] = True


def _token(client) -> str:
    """Read a CSRF token for the client's session from a page."""
    # Public pages hold no form for visitors: they read it from the sign-in form.
    for path in (f"/c/{SLUG}/charter", "/login"):
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).text)
        if found:
            return found.group(1)
    raise AssertionError("no page gave a CSRF token")


def _url(rule, values: dict) -> str:
    """Fill a rule's arguments with the given values."""
    url = rule.rule.replace("<slug>", SLUG)
    for arg in rule.arguments - {"slug"}:
        url = re.sub(rf"<(?:\w+:)?{arg}>", str(values[arg]), url)
    return url


def _form(data: dict) -> dict:
    """Build request data, with fresh file objects for uploads."""
    built = {}
    for key, value in data.items():
        if isinstance(value, Upload):
            built[key] = (io.BytesIO(value.content), value.name)
        else:
            built[key] = value
    return built


_WRITE = re.compile(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', re.IGNORECASE)


class Snapshot:
    """The seeded world's rows, put back in one transaction: far cheaper than seeding again."""

    def __init__(self, engine):
        self.engine = engine
        with engine.begin() as conn:
            self.rows = {
                table: [dict(row._mapping) for row in conn.execute(table.select())]
                for table in db.metadata.sorted_tables
            }

    def restore(self, written: set[str]) -> None:
        """Put back the rows of the tables written since, and restart their ids after them."""
        postgres = self.engine.dialect.name == "postgresql"
        tables = [t for t in self.rows if t.name in written or not postgres]
        with self.engine.begin() as conn:
            if postgres:
                # Tables come back one by one: foreign keys hold again once all are back.
                conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
            for table in reversed(tables):
                conn.execute(table.delete())
            for table in tables:
                if self.rows[table]:
                    conn.execute(table.insert(), self.rows[table])
                if postgres and "id" in table.c:
                    last = max((row["id"] for row in self.rows[table]), default=0)
                    conn.execute(
                        sa.text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n, false)"),
                        {"t": table.name, "n": last + 1},
                    )


class _Collect(logging.Handler):
    """Collect the error handlers' reports of database refusals that no form check caught."""

    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if "answered 4" in record.getMessage():
            self.into.append(record.getMessage())


class Walk:
    """The walk's state: the app, one client per role, the world, and what was seen."""

    def __init__(self, app: Flask):
        self.app = app
        self.dirty = True
        self.prepared = None
        self.snapshot = None
        self.world = World()
        self.clients = {}
        self.failures: list[str] = []
        self.fallbacks: list[str] = []
        app.logger.addHandler(_Collect(self.fallbacks))
        # Crashes become 500s, recorded with their exception, so that one walk reports them all.
        app.config["PROPAGATE_EXCEPTIONS"] = False
        got_request_exception.connect(self._crashed, app)
        self.written: set[str] = set()
        sa.event.listen(db.engine, "commit", self._committed)
        sa.event.listen(db.engine, "before_cursor_execute", self._writing)
        if db.engine.dialect.name == "postgresql":
            # The walk reseeds hundreds of times: durability of each commit is not what it tests.
            sa.event.listen(db.engine, "connect", self._no_fsync)
            db.engine.dispose()

    def _crashed(self, sender, exception, **extra) -> None:
        self.fallbacks.append(f"{type(exception).__name__}: {exception}")

    def _committed(self, conn) -> None:
        self.dirty = True

    def _writing(self, conn, cursor, statement, parameters, context, executemany) -> None:
        found = _WRITE.match(statement)
        if found:
            self.written.add(found.group(1))

    @staticmethod
    def _no_fsync(dbapi_connection, record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        dbapi_connection.commit()

    def fresh(self, role: str, prepare=None):
        """Reseed when anything was committed, and return the role's signed-in client."""
        if self.dirty or prepare is not self.prepared:
            db.session.remove()
            if self.snapshot is None:
                _empty_tables()
                self.world = seed()
                self.snapshot = Snapshot(db.engine)
            else:
                self.snapshot.restore(self.written)
            self.written = set()
            if prepare:
                prepare(self.world)
            self.prepared = prepare
            self.dirty = False
        if role not in self.clients:
            client = self.app.test_client()
            _login(client, self.world.sessions.get(role))
            self.clients[role] = (client, _token(client))
        return self.clients[role]

    def send(self, role, method, rule, values, data, query=None, prepare=None, held=None):
        """Send one request as `role` on a fresh world; return its URL and response.

        `held` names session keys the route reads and the world ids they hold; the error
        flashes the request left are kept in `self.errors`.
        """
        client, token = self.fresh(role, prepare)
        url = _url(rule, self.world.ids | values)
        data = _form(data | {"csrf_token": token}) if method == "POST" else None
        with client.session_transaction() as session:
            session.pop("_flashes", None)  # no redirect is followed: only this request's count
            session.update({key: self.world.ids[name] for key, name in (held or {}).items()})
        self.fallbacks.clear()
        response = client.open(url, method=method, data=data, query_string=query)
        with client.session_transaction() as session:
            self.errors = [text for kind, text in session.get("_flashes", []) if kind == "error"]
        if self.fallbacks:
            # The database refused what no check caught: the generic 409/422 names nothing.
            self.failures.append(f"{self.fallbacks[0]} on {method} {url} as {role}: {data!r}")
        if rule.endpoint.startswith(("auth.", "web.")) or rule.endpoint == "privacy.erase_account":
            del self.clients[role]  # signing in or out, or a language, changes the session
        return url, response


def routes(app: Flask):
    """Yield (rule, method) for every route the walk sends requests to."""
    only = os.environ.get("FUZZ_ONLY", "")
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static" or only not in rule.endpoint:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_post_route_has_a_valid_submission(app):
    posts = {rule.endpoint for rule, method in routes(app) if method == "POST"}
    missing = posts - set(VALID)
    assert not missing, f"add a valid submission to tests/web/fuzz_table.py for {sorted(missing)}"


@pytest.mark.fuzz
def test_no_input_makes_any_route_answer_5xx(app, held_jobs):
    # The walk checks the forms, not the jobs they queue: tests/selection runs those.
    walk = Walk(app)
    accepted = set()
    for rule, method in routes(app):
        valid = VALID.get(rule.endpoint) if method == "POST" else None
        if valid is not None:
            walk.fresh(valid.role, valid.prepare)
            ids = walk.world.ids
            path, data = resolve(valid.path, ids), resolve(valid.data, ids)
            _, response = walk.send(
                valid.role, method, rule, path, data, prepare=valid.prepare, held=valid.session
            )
            # Sent to sign in: the walk's session did not hold, so the form was never reached.
            bounced = valid.role != "anonymous" and response.location
            bounced = bounced and response.location.startswith("/login?next=")
            if response.status_code < 400 and not walk.errors and not bounced:
                accepted.add(rule.endpoint)
            elif walk.errors or bounced:
                walk.failures.append(f"valid {rule.endpoint} -> {response.location} {walk.errors}")
            else:
                errors = re.findall(
                    r'class="(?:error|flash flash-error)"[^>]*>([^<]+)<', response.text
                )
                walk.failures.append(f"valid {rule.endpoint} -> {response.status_code} {errors}")
        if valid is not None and EXAMPLES:
            _hostile(walk, rule, method, valid)
        for role in WALKERS if EXAMPLES else ():
            _fuzz(walk, rule, method, role, valid)
    assert not walk.failures, "\n".join(walk.failures)
    posts = {rule.endpoint for rule, method in routes(app) if method == "POST"}
    assert posts <= accepted, f"forms never accepted: {sorted(posts - accepted)}"


def _fuzz(walk: Walk, rule, method: str, role: str, valid) -> None:
    """Send generated variants of the route's request as `role`; record any 5xx."""
    walk.fresh(role, valid.prepare if valid else None)
    base = resolve(valid.data, walk.world.ids) if valid else {}
    path = resolve(valid.path, walk.world.ids) if valid else {}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def example(draw) -> None:
        values = dict(path)
        if rule.arguments - {"slug"} and draw.draw(st.booleans()):
            arg = draw.draw(st.sampled_from(sorted(rule.arguments - {"slug"})))
            values[arg] = draw.draw(st.sampled_from([0, 2**31 - 1, 2**31, 10**20, "x%00"]))
        query = {key: draw.draw(NASTY) for key in draw.draw(st.sets(st.sampled_from(QUERY_KEYS)))}
        data = {}
        for key, value in base.items():
            action = draw.draw(st.sampled_from(["keep", "keep", "nasty", "drop"]))
            if action == "keep":
                data[key] = value
            elif action == "nasty":
                data[key] = _nasty_like(value, draw)
        if draw.draw(st.booleans()):
            data[draw.draw(st.sampled_from(["extra", "id", "role", "name"]))] = draw.draw(NASTY)
        prepare = valid.prepare if valid else None
        held = valid.session if valid else None
        url, response = walk.send(role, method, rule, values, data, query, prepare, held)
        if response.status_code >= 500:
            walk.failures.append(
                f"{response.status_code} {method} {url} as {role}: query={query!r} data={data!r}"
            )

    example()


def _nasty_like(value, draw):
    """Return a hostile value of the same shape: a list for lists, bytes for files."""
    if isinstance(value, Upload):
        content = draw.draw(st.sampled_from([b"", b"\x00\xff", b"a,b\n" * 3, "é;\x00\n".encode()]))
        return Upload(content, value.name)
    if isinstance(value, list):
        return draw.draw(st.lists(NASTY, max_size=3))
    return draw.draw(NASTY)


def _hostile(walk: Walk, rule, method: str, valid) -> None:
    """Send the valid submission with every field replaced by each hostile value in turn."""
    walk.fresh(valid.role, valid.prepare)
    path = resolve(valid.path, walk.world.ids)
    for value in HOSTILE:
        data = {}
        if value is not None:
            for key, original in resolve(valid.data, walk.world.ids).items():
                if isinstance(original, Upload):
                    data[key] = Upload(value.encode(), original.name)
                else:
                    data[key] = [value] if isinstance(original, list) else value
        url, response = walk.send(
            valid.role, method, rule, path, data, prepare=valid.prepare, held=valid.session
        )
        if response.status_code >= 500:
            walk.failures.append(f"{response.status_code} {method} {url}: every field {value!r}")
