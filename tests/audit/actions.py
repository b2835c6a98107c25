"""Find every action string given to `audit.record(...)` in the code, from its syntax tree."""

import ast
from pathlib import Path

from convention.config import PROJECT_ROOT


def _strings(node: ast.AST) -> set[str]:
    """Every string constant inside an expression (covers `"a" if x else "b"`)."""
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _assigned(function: ast.AST, name: str) -> set[str]:
    """The strings assigned to `name` in a function: `action = ...; record(.., action, ..)`."""
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found |= _strings(node.value)
    return found


def _is_record(call: ast.Call) -> bool:
    """Tell whether a call is `audit.record(...)`."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "record"
        and isinstance(func.value, ast.Name)
        and func.value.id == "audit"
    )


def recorded_actions(root: Path = PROJECT_ROOT / "convention") -> dict[str, str]:
    """Map each action string recorded anywhere in the package to one place that records it."""
    actions: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for function in functions:
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                if not _is_record(call) or len(call.args) < 2:
                    continue
                arg = call.args[1]
                names = _assigned(function, arg.id) if isinstance(arg, ast.Name) else _strings(arg)
                place = f"{path.relative_to(PROJECT_ROOT)}:{call.lineno}"
                if not names:
                    actions[f"<unresolved {place}>"] = place
                for name in names:
                    actions.setdefault(name, place)
    return actions
