"""Start gunicorn on a scratch PostgreSQL database and measure it with wrk."""

import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
WORKERS = 2
SECRET = "bench-secret-key-bench-secret-key"  # noqa: S105
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@contextmanager
def scratch_database(name: str):
    """Create a database afresh, yield its URL, drop it afterwards."""
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(drop)


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app: str, url: str | None = None, workers: int = WORKERS):
    """Serve `app` with sync workers on a free port; yield its base URL."""
    port = free_port()
    env = os.environ | {
        "SECRET_KEY": SECRET,
        "LOGIN_LIMIT_PER_ACCOUNT": "100000 per minute",
        "LOGIN_LIMIT_PER_ADDRESS": "100000 per minute",
    }
    if url:
        env["DATABASE_URL"] = url
    command = [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait(base: str) -> None:
    """Wait until the server answers."""
    for _ in range(300):
        try:
            requests.get(base + "/", timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def wrk(url: str, cookie: str | None = None, seconds: int = 5) -> float:
    """Return the requests per second wrk reaches on `url` (1 thread, 4 connections)."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it with apt-get")
    command = ["wrk", "-t1", "-c4", f"-d{seconds}s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    errors = ERRORS.search(output)
    if errors:
        raise RuntimeError(f"{url} answered {errors.group(1)} errors under load")
    return float(RATE.search(output).group(1))
