"""The architecture, read from the imports: each layer depends only on the layers below it."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

PACKAGE = Path(__file__).resolve().parent.parent / "convention"
MAX_LINES = 400
# Modules that own a transaction besides the views: the scheduler, jobs and the CLI commit their
# own work because no request does it for them.
TRANSACTION_OWNERS = {
    "cli.py",  # operator commands
    "jobs/__init__.py",  # a job's one commit, like a request's
    "jobs/tasks.py",  # an import says "in progress" before its long transaction
    "mail.py",  # the outbox claims each message in its own transaction before sending it
    "ballot_box.py",  # tick: old row versions are destroyed after the shuffle is committed
    "selection/runner.py",  # the selection job stores its progress as it goes
    "selection/cli.py",
    "voting/casting.py",  # the request-side steps of casting, shared by two views
    "voting/reading.py",  # the settle step: a ballot whose time passed is counted on first read
    "web/unit_of_work.py",  # the one commit of a request that changes state
}


def _modules(under: Path = PACKAGE) -> list[Path]:
    return sorted(under.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _imports(tree: ast.AST) -> list[str]:
    """Every module name a file imports, with `from x import y` giving both x and x.y."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(), filename=str(path))


def _is_view_module(path: Path) -> bool:
    """A module of a feature that serves requests: its blueprint's views, or routes added to it."""
    if len(path.relative_to(PACKAGE).parts) < 2:
        return False
    if path.name == "views.py" or path.name.endswith("_views.py"):
        return True
    return any(name.endswith(".views.bp") for name in _imports(_tree(path)))


def _commits(tree: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit"
        for node in ast.walk(tree)
    )


def test_rules_import_no_framework_database_or_other_layer():
    """rules/ stays pure: no Flask, no SQLAlchemy, no models, nothing above it."""
    offenders = []
    for path in _modules(PACKAGE / "rules"):
        for name in _imports(_tree(path)):
            top = name.split(".")[0]
            upward = name.startswith("convention.") and not name.startswith("convention.rules")
            if top.startswith("flask") or top in {"sqlalchemy", "werkzeug", "wtforms"} or upward:
                offenders.append(f"{_name(path)} imports {name}")
    assert offenders == []


def test_only_requests_jobs_and_commands_commit():
    """Services, queries and helpers flush; the view (or a job, or a command) commits once."""
    offenders = [
        _name(path)
        for path in _modules()
        if _commits(_tree(path))
        and not _is_view_module(path)
        and _name(path) not in TRANSACTION_OWNERS
    ]
    assert offenders == []


def test_views_leave_the_commit_to_the_request():
    """A view acts and answers; the unit of work commits it once, or rolls it back."""
    committing = {_name(p) for p in _modules() if _is_view_module(p) and _commits(_tree(p))}
    assert committing == set()


def test_no_service_or_query_commits():
    """The named layers never own a transaction, whatever the allowance list says."""
    layers = {"services.py", "queries.py"}
    offenders = [_name(p) for p in _modules() if p.name in layers and _commits(_tree(p))]
    offenders += [_name(p) for p in _modules(PACKAGE / "rules") if _commits(_tree(p))]
    assert offenders == []


def test_views_import_no_other_features_views():
    """A page shared by two features lives in a non-view module of its feature."""
    offenders = []
    for path in _modules():
        if not _is_view_module(path):
            continue
        feature = path.relative_to(PACKAGE).parts[0]
        for name in _imports(_tree(path)):
            parts = name.split(".")
            if (
                len(parts) >= 3
                and parts[0] == "convention"
                and parts[1] != feature
                and (parts[2] == "views" or parts[2].endswith("_views"))
            ):
                offenders.append(f"{_name(path)} imports {name}")
    assert offenders == []


def _sqlalchemy_select_calls(tree: ast.AST) -> int:
    """Count calls of SQLAlchemy's `select`, whether as `sa.select(...)` or an imported name."""
    modules, names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "sqlalchemy"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            names |= {a.asname or a.name for a in node.names if a.name == "select"}
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "select":
            count += isinstance(func.value, ast.Name) and func.value.id in modules
        elif isinstance(func, ast.Name):
            count += func.id in names
    return count


def test_views_build_no_select():
    """Reads are written in the feature's queries.py, with their eager loading, not in views."""
    offenders = [
        _name(path)
        for path in _modules()
        if _is_view_module(path) and _sqlalchemy_select_calls(_tree(path))
    ]
    assert offenders == []


def test_modules_stay_under_the_size_limit():
    """A module past 400 lines is split by responsibility before it grows further."""
    offenders = [
        f"{_name(path)}: {lines}"
        for path in _modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert offenders == []


def test_the_checks_see_what_they_check():
    """The readers find real imports, commits and selects, so an empty list above means clean."""
    assert "convention.models" in " ".join(_imports(_tree(PACKAGE / "voting" / "queries.py")))
    assert _commits(_tree(PACKAGE / "cli.py"))
    assert _sqlalchemy_select_calls(_tree(PACKAGE / "voting" / "queries.py")) > 0
    assert _is_view_module(PACKAGE / "voting" / "receipts.py")
