"""The select-panel command, driven directly with click's CliRunner."""

import csv
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convention.selection.cli import select_panel_command
from tests.selection_data import EXAMPLE

pytestmark = pytest.mark.pure

QUOTAS = "feature,value,min,max\ngender,f,1,2\ngender,m,1,2\nage,young,0,2\nage,old,0,2\n"
POOL = "id,first_name,gender,age\na1,Ann,f,young\na2,Bea,f,old\na3,Carl,m,old\na4,Dan,m,young\n"


def run(*args: str | Path) -> Result:
    """Invoke the command with the given arguments."""
    return CliRunner().invoke(select_panel_command, [str(a) for a in args])


def write(tmp_path: Path, pool: str = POOL, quotas: str = QUOTAS) -> tuple[Path, Path]:
    """Write pool and quota files and return their paths."""
    (tmp_path / "pool.csv").write_text(pool, encoding="utf-8")
    (tmp_path / "quotas.csv").write_text(quotas, encoding="utf-8")
    return tmp_path / "pool.csv", tmp_path / "quotas.csv"


def test_example_small_20_end_to_end(tmp_path: Path) -> None:
    assert (EXAMPLE / "pool.csv").is_file(), f"missing test data {EXAMPLE}"
    out = tmp_path / "out"
    result = run(
        "--pool", EXAMPLE / "pool.csv", "--quotas", EXAMPLE / "quotas.csv", "--size", "20",
        "--method", "leximin", "--out", out, "--seed", "town hall 2025",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "leximin" in result.stdout and "people fixed" in result.stdout
    summary = json.loads((out / "summary.json").read_text())
    keys = {"method", "n", "k", "seconds", "min", "median", "max", "gini", "lottery_size"}
    assert keys | {"list_hash", "seed", "index"} == set(summary)
    assert summary["min"] == pytest.approx(0.1, abs=0.0005) and summary["n"] == 200
    data = (out / "lottery.csv").read_bytes()
    assert summary["list_hash"] == hashlib.sha256(data).hexdigest()
    seed_hash = hashlib.sha256(b"town hall 2025" + summary["list_hash"].encode("ascii"))
    index = int(seed_hash.hexdigest(), 16) % 1000
    assert summary["index"] == index
    row = data.decode().split("\n")[index + 1]
    with (out / "panel.csv").open(newline="") as handle:
        panel = sorted(r["id"] for r in csv.DictReader(handle))
    assert row == f"{index},{' '.join(panel)}" and len(panel) == 20
    with (out / "probabilities.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 200 and all(
        float(r["probability"]) == pytest.approx(0.1, abs=5e-4) for r in rows
    )


def test_without_seed_no_panel_is_drawn(tmp_path: Path) -> None:
    pool, quotas = write(tmp_path)
    result = run("--pool", pool, "--quotas", quotas, "--size", "2", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "o" / "panel.csv").exists()
    assert "seed" not in json.loads((tmp_path / "o" / "summary.json").read_text())


def test_category_name_headers_and_legacy(tmp_path: Path) -> None:
    pool, quotas = write(tmp_path, quotas=QUOTAS.replace("feature,value", "category,name"))
    args = ["--pool", pool, "--quotas", quotas, "--size", "2", "--out", tmp_path / "o"]
    result = run(*args, "--method", "legacy", "--lottery-size", "50", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o" / "summary.json").read_text())["lottery_size"] == 50


@pytest.mark.parametrize(
    ("pool", "quotas", "expected"),
    [
        (POOL.replace("a3,Carl,m,old", "a3,Carl,m"), QUOTAS, "pool.csv: line 4: Expected 4 fields"),
        (POOL, QUOTAS.replace("age,old,0,2", "age,old,zero,2"), "quotas.csv: line 5: min “zero”"),
        (
            POOL.replace("a2,Bea,f,old", "a2,Bea,x,old"),
            QUOTAS,
            "pool.csv: line 3: Person “a2” has the value “x” for the feature “gender”",
        ),
        (
            POOL.replace("id,", "ident,"),
            QUOTAS,
            "pool.csv: line 1: The first line must name the columns (id / identifiant); “id” is",
        ),
        (
            POOL,
            QUOTAS.replace("feature,", "feat,"),
            "quotas.csv: line 1: The first line must name the columns",
        ),
        (
            POOL.replace("a4,", "a1,"),
            QUOTAS,
            "pool.csv: line 5: The id “a1” is already used by another person.",
        ),
        (
            POOL,
            QUOTAS.replace("gender,m,1,2", "gender,m,3,2"),
            "quotas.csv: line 3: gender/m: the minimum must be at most the maximum",
        ),
    ],
)
def test_malformed_files_give_line_numbered_errors(
    tmp_path: Path, pool: str, quotas: str, expected: str
) -> None:
    pool_path, quotas_path = write(tmp_path, pool, quotas)
    result = run(
        "--pool", pool_path, "--quotas", quotas_path, "--size", "2", "--out", tmp_path / "o"
    )
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_infeasible_quotas_print_the_relaxation(tmp_path: Path) -> None:
    pool, quotas = write(tmp_path, quotas=QUOTAS.replace("gender,f,1,2", "gender,f,3,3"))
    result = run("--pool", pool, "--quotas", quotas, "--size", "3", "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert "gender/f: min 3 -> 2" in result.stderr
    with (tmp_path / "o" / "relaxation.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [
        {
            "feature": "gender",
            "value": "f",
            "min": "3",
            "max": "3",
            "relaxed_min": "2",
            "relaxed_max": "3",
        }
    ]


def test_household_columns(tmp_path: Path) -> None:
    pool = "id,gender,age,street\n" + "".join(
        f"h{i},{'f' if i % 2 else 'm'},{'young' if i < 4 else 'old'},{i // 2}\n" for i in range(8)
    )
    pool_path, quotas = write(tmp_path, pool=pool)
    args = ["--pool", pool_path, "--quotas", quotas, "--size", "2", "--out", tmp_path / "o"]
    result = run(*args, "--household", "street", "--lottery-size", "100")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "o" / "lottery.csv").read_text().splitlines()[1:]
    for line in lines:
        first, second = (int(i[1:]) // 2 for i in line.split(",")[1].split(" "))
        assert first != second
    missing = run(*args, "--household", "address")
    assert missing.exit_code == 2 and "no column “address”" in missing.stderr


def test_max_seconds_stops_with_a_valid_result(tmp_path: Path) -> None:
    pool, quotas = write(tmp_path)
    args = ["--pool", pool, "--quotas", quotas, "--size", "2", "--out", tmp_path / "o"]
    result = run(*args, "--max-seconds", "0.000001")
    assert result.exit_code == 0, result.output
    assert "stopped before the end" in result.stdout
    lines = (tmp_path / "o" / "lottery.csv").read_text().splitlines()
    assert len(lines) == 1001
