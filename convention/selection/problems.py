"""The selection's problems in the reader's language: the rules give codes, this gives words."""

from collections.abc import Iterable, Mapping

from flask_babel import force_locale, lazy_gettext as _l

from convention import csvfiles
from convention.models import SelectionRun
from convention.rules.selection.pool import Problem

# Each code's sentence; its parameters are filled in when it is said.
MESSAGES = {
    "no_feature": _l("The quotas name no feature."),
    "panel_too_small": _l("The panel size must be at least 1, not %(k)s."),
    "panel_too_large": _l(
        "The panel size %(k)s exceeds the number of people in the pool (%(people)s)."
    ),
    "bad_id": _l("The id “%(id)s” is empty or has a space, a comma or a quote."),
    "duplicate_id": _l("The id “%(id)s” is already used by another person."),
    "duplicate_quota_value": _l("The value “%(value)s” of “%(feature)s” has two quotas."),
    "quota_bounds": _l(
        "%(feature)s/%(value)s: the minimum must be at most the maximum; "
        "here the minimum is %(min)s and the maximum %(max)s."
    ),
    "quota_sum": _l(
        "Feature “%(feature)s”: the minimums add up to %(low)s and the maximums to %(high)s; "
        "the panel size %(k)s must lie between them."
    ),
    "missing_value": _l(
        "Person “%(id)s” has no value for the feature “%(feature)s” (known values: %(known)s)."
    ),
    "value_without_quota": _l(
        "Person “%(id)s” has the value “%(value)s” for the feature “%(feature)s”, which has no "
        "quota (known values: %(known)s)."
    ),
    "no_household_column": _l("There is no household column %(columns)s."),
    "no_panel": _l("No panel satisfies all the quotas."),
    "no_relaxation": _l(
        "No change of the quotas helps: there are too few people (or households) for the panel."
    ),
    "stopped_responding": _l("The computation stopped responding."),
    "unreadable_files": _l("The stored files could not be read again: %(detail)s"),
}
# The uploaded files' names, as the upload form saves them.
FILES = {"pool": "pool.csv", "quotas": "quotas.csv"}


def say(problem: Problem, files: Mapping[str, str] = FILES) -> str:
    """Say one problem in the current language, with its file and line when it has one."""
    reason = str(MESSAGES[problem.code]) % problem.params
    if problem.line is None:
        return reason
    return csvfiles.CsvFileError(problem.line, reason).message(files[problem.source])


def failure(run: SelectionRun) -> list[str]:
    """Say why a run failed, from the problems it stored (runs stored before them kept text)."""
    stored = run.summary.get("problems")
    if stored is None:
        return (run.error or "").splitlines()
    return [say(Problem.from_json(data)) for data in stored]


def in_english(problems: Iterable[Problem], files: Mapping[str, str] = FILES) -> str:
    """Say the problems in English, one a line, for the command line and the operators' record."""
    with force_locale("en"):
        return "\n".join(say(problem, files) for problem in problems)
