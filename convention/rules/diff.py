"""A word-level diff of two texts, as runs of kept, inserted and deleted words."""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["equal", "insert", "delete"]
# Words (letters and digits in any script), runs of spaces, and single other characters, so that
# punctuation and Markdown marks are compared on their own.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Run:
    """A stretch of text that is kept, inserted or deleted."""

    kind: Kind
    text: str


def tokens(text: str) -> list[str]:
    """Cut a text into words, spaces and signs; joining them gives the text back."""
    return _TOKEN.findall(text or "")


def word_diff(old: str, new: str) -> list[Run]:
    """Compare two texts word by word; replaced words give a deletion then an insertion."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            _append(runs, "delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(runs, "insert", "".join(b[j1:j2]))
        if op == "equal":
            _append(runs, "equal", "".join(a[i1:i2]))
    return runs


def _append(runs: list[Run], kind: Kind, text: str) -> None:
    """Add a run, merging it with the previous one of the same kind."""
    if not text:
        return
    if runs and runs[-1].kind == kind:
        runs[-1] = Run(kind, runs[-1].text + text)
    else:
        runs.append(Run(kind, text))


def changed_words(runs: list[Run]) -> tuple[int, int]:
    """Count the words inserted and deleted, for a summary read before the diff."""
    inserted = sum(len(re.findall(r"\w+", r.text)) for r in runs if r.kind == "insert")
    deleted = sum(len(re.findall(r"\w+", r.text)) for r in runs if r.kind == "delete")
    return inserted, deleted
