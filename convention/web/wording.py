"""Word the pure rules' figures in the reader's language: decision rules, quorums, outcomes."""

from fractions import Fraction
from typing import Any

from flask import Flask
from flask_babel import format_percent, gettext as _, lazy_gettext as _l

from convention.rules.record import RuleKind, RuleTerms
from convention.rules.tally import Majority

# Shares a city writes in words; any other is written as a percentage.
SHARE_NAMES = {
    Fraction(1, 2): _l("half"),
    Fraction(1, 3): _l("one third"),
    Fraction(2, 3): _l("two thirds"),
    Fraction(1, 4): _l("one quarter"),
    Fraction(3, 4): _l("three quarters"),
    Fraction(3, 5): _l("three fifths"),
    Fraction(4, 5): _l("four fifths"),
    Fraction(1, 1): _l("all"),
}


def share_name(share: Fraction) -> str:
    """Name a share in words when it has a common name, otherwise as a percentage."""
    named = SHARE_NAMES.get(share)
    return str(named) if named is not None else format_percent(float(share))


def rule_wording(terms: RuleTerms) -> str:
    """Word a decision rule: 'more than half of the votes expressed', 'at least two thirds ...'."""
    if terms.kind == RuleKind.RANKING:
        return _("ranking by majority judgment (the median grade), no threshold")
    members = terms.base == Majority.MEMBERS
    if terms.kind == RuleKind.MORE_THAN_HALF:
        if members:
            return _("more than half of the eligible members")
        return _("more than half of the votes expressed")
    share = share_name(terms.share or Fraction(1))
    if members:
        return _("at least %(share)s of the eligible members", share=share)
    return _("at least %(share)s of the votes expressed", share=share)


def quorum_wording(terms: RuleTerms) -> str:
    """Word the quorum: 'no quorum', or the share of eligible members who must take part."""
    if not terms.has_quorum:
        return _("no quorum")
    return _(
        "quorum: %(share)s of the eligible members take part",
        share=format_percent(float(terms.quorum)),
    )


def abstention_wording(terms: RuleTerms) -> str:
    """Say whether abstentions count as votes expressed (nothing for a ranking)."""
    if terms.kind == RuleKind.RANKING:
        return ""
    if terms.abstentions_expressed:
        return _("Abstentions count as votes expressed.")
    return _("Abstentions are not counted as votes expressed.")


def terms_from(stored: dict[str, Any]) -> RuleTerms:
    """Rebuild rule terms from their frozen form in a report."""
    share = stored.get("share")
    return RuleTerms(
        kind=RuleKind(stored["kind"]),
        base=Majority(stored["base"]) if stored.get("base") else None,
        share=Fraction(share) if share else None,
        abstentions_expressed=bool(stored.get("abstentions_expressed")),
        quorum=Fraction(stored.get("quorum") or "0"),
    )


def result_rule(result: dict[str, Any]) -> RuleTerms:
    """Return a frozen result's rule terms; reports of the first schema stored bare fields."""
    if result.get("rule"):
        return terms_from(result["rule"])
    threshold = Fraction(result.get("threshold") or "1/2")
    return RuleTerms(
        kind=RuleKind.MORE_THAN_HALF if threshold == Fraction(1, 2) else RuleKind.AT_LEAST,
        base=Majority(result.get("majority") or Majority.EXPRESSED),
        share=None if threshold == Fraction(1, 2) else threshold,
        abstentions_expressed=False,
        quorum=Fraction(int(result.get("quorum_percent") or 0), 100),
    )


def _terms(value: RuleTerms | dict[str, Any]) -> RuleTerms:
    """Accept live terms or their frozen form."""
    return value if isinstance(value, RuleTerms) else terms_from(value)


def init_app(app: Flask) -> None:
    """Register the wording filters."""
    app.jinja_env.filters.update(
        rule_wording=lambda value: rule_wording(_terms(value)),
        quorum_wording=lambda value: quorum_wording(_terms(value)),
        abstention_wording=lambda value: abstention_wording(_terms(value)),
        result_rule=result_rule,
    )
