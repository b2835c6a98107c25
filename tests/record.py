"""Read one recommendation's vote figures back from every page and format that shows them.

Each reader parses what a person or a program gets (HTML text, CSV rows, JSON, PDF text), never
the database, so that the record cross-check compares what is published.
"""

import csv
import html
import io
import json
import re
from dataclasses import dataclass

import pypdf

SENTENCE = re.compile(r"Votes for: (\d+) \([^)]*\); against: (\d+) \([^)]*\); abstaining: (\d+)\.")
TOOK_PART = re.compile(r"Members who took part: (\d+) of (\d+);")
RESULTS_TOOK_PART = re.compile(r"(\d+) of (\d+) eligible members took part")
OUTCOMES = {
    "Adopted": "adopted",
    "Rejected": "rejected",
    "Not adopted: quorum not reached": "no_quorum",
}


@dataclass(frozen=True)
class Seen:
    """The figures one page or format shows for one recommendation."""

    yes: int
    no: int
    abstain: int
    outcome: str
    participants: int | None = None
    eligible: int | None = None


def text_of(page: str) -> str:
    """Return an HTML page's visible text with its whitespace folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def _section(page: str, start: str, end: str = "</section>") -> str:
    """Return the part of a page from a marker to the end of its section."""
    at = page.index(start)
    return page[at : page.index(end, at)]


def inside(page: str, start: str, end: str) -> str:
    """Return what lies between a marker and the next end marker."""
    return _section(page, start, end)[len(start) :]


def _outcome(text: str, prefix: str = "") -> str:
    """Find the outcome named after `prefix` in a text."""
    names = "|".join(re.escape(name) for name in sorted(OUTCOMES, key=len, reverse=True))
    found = re.search(f"{re.escape(prefix)}({names})", text)
    assert found, text[:400]
    return OUTCOMES[found.group(1)]


def from_sentence(text: str, outcome_prefix: str = "Outcome: ") -> Seen:
    """Read the '26 for (…), 7 against, 3 abstaining' sentence and the outcome of a text."""
    counts = SENTENCE.search(text)
    took_part = TOOK_PART.search(text)
    assert counts and took_part, text[:400]
    yes, no, abstain = (int(n) for n in counts.groups())
    participants, eligible = (int(n) for n in took_part.groups())
    return Seen(yes, no, abstain, _outcome(text, outcome_prefix), participants, eligible)


def results_page(page: str, item_id: int) -> Seen:
    """Read an item of a ballot's results page: its table's totals and its outcome."""
    section = _section(page, f'aria-labelledby="item-{item_id}"')
    totals = []
    for label in ("For", "Against", "Abstain"):
        row = _section(section, f'<th scope="row">{label}</th>', "</tr>")
        cells = [c for c in re.findall(r"<td>([^<]*)</td>", row) if c.strip().isdigit()]
        totals.append(int(cells[-1]))
    text = text_of(section)
    took_part = RESULTS_TOOK_PART.search(text)
    assert took_part, text
    return Seen(*totals, _outcome(text, "Outcome: "), *(int(n) for n in took_part.groups()))


def results_csv(data: str, title: str) -> Seen:
    """Read an item's row of a ballot's results CSV."""
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(data))}
    row = rows[title]
    return Seen(
        int(row["for"]),
        int(row["against"]),
        int(row["abstain"]),
        row["outcome"],
        int(row["participants"]),
        int(row["eligible"]),
    )


def recommendation_page(page: str) -> Seen:
    """Read the vote section of a recommendation's page."""
    return from_sentence(text_of(_section(page, 'aria-labelledby="vote-result"')))


def report_html(page: str, reference: str) -> Seen:
    """Read a recommendation's result in the report's HTML."""
    return from_sentence(text_of(_section(page, f'id="{reference}"')))


def report_json(document: dict, reference: str) -> Seen:
    """Read a recommendation's result in the report's JSON."""
    listed = document["recommendations"] + document["annex"]
    result = next(r for r in listed if r["reference"] == reference)["result"]
    return Seen(
        result["votes_for"],
        result["votes_against"],
        result["votes_abstain"],
        result["outcome"],
        result["participants"],
        result["eligible"],
    )


def report_csv(data: bytes, reference: str) -> Seen:
    """Read a recommendation's row in the report's CSV."""
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    row = rows[reference]
    return Seen(
        int(row["votes_for"]),
        int(row["votes_against"]),
        int(row["votes_abstain"]),
        row["outcome"],
        int(row["participants"]),
        int(row["eligible"]),
    )


def pdf_text(data: bytes) -> str:
    """Return a PDF's text with every whitespace removed (PDF extraction splits words freely)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def report_pdf(text: str, reference: str, title: str) -> Seen:
    """Read a recommendation's result in the report's PDF text (whitespace removed)."""
    # The recommendation's own section: its heading, then its topic (the ranking lists it too).
    heading = f"{reference}.{''.join(title.split())}Topic:"
    at = text.index(heading)
    following = text[at:]
    # Each number sits between a colon and a bracket or a full stop: a page footer cannot glue on.
    counts = re.search(
        r"Votesfor:(\d+)\([^)]*\);against:(\d+)\([^)]*\);abstaining:(\d+)\.", following
    )
    took_part = re.search(r"Memberswhotookpart:(\d+)of(\d+);", following)
    outcome = re.search(r"Outcome:(Adopted|Rejected|Notadopted:quorumnotreached)", following)
    assert counts and took_part and outcome, following[:400]
    names = {
        "Adopted": "adopted",
        "Rejected": "rejected",
        "Notadopted:quorumnotreached": "no_quorum",
    }
    yes, no, abstain = (int(n) for n in counts.groups())
    participants, eligible = (int(n) for n in took_part.groups())
    return Seen(yes, no, abstain, names[outcome.group(1)], participants, eligible)


def everywhere(client, slug: str, item, published: dict) -> dict:
    """Read one recommendation's figures from every page and format; return them by source.

    `published` holds the report's JSON and its PDF text, read once for every recommendation.
    """
    base, ballot, recommendation = f"/c/{slug}", item.ballot, item.recommendation
    title = item.title
    results = client.get(f"{base}/ballots/{ballot.id}/results").text
    return {
        "results page": results_page(results, item.id),
        "results csv": results_csv(
            client.get(f"{base}/ballots/{ballot.id}/results.csv").text, title
        ),
        "recommendation page": recommendation_page(
            client.get(f"{base}/recommendations/{recommendation.id}").text
        ),
        "report html": report_html(client.get(f"{base}/report").text, recommendation.reference),
        "report json": report_json(published["json"], recommendation.reference),
        "report csv": report_csv(client.get(f"{base}/report.csv").data, recommendation.reference),
        "report pdf": report_pdf(published["pdf"], recommendation.reference, recommendation.title),
    }


def published(client, slug: str) -> dict:
    """Fetch the published report's JSON and its English PDF's text."""
    pdf = client.get(f"/c/{slug}/report.pdf", headers={"Accept-Language": "en"}).data
    return {"json": json.loads(client.get(f"/c/{slug}/report.json").data), "pdf": pdf_text(pdf)}


def rankings(client, slug: str, ballot, published: dict) -> dict:
    """Read a majority-judgment ballot's ranks by source: reference -> rank."""
    base = f"/c/{slug}"
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{base}/ballots/{ballot.id}/results.csv").text))
    )
    by_title = {row["title"]: int(row["rank"]) for row in rows}
    results_csv_ranks = {
        item.recommendation.reference: by_title[item.title] for item in ballot.items
    }
    ranking = next(r for r in published["json"]["rankings"] if r["ballot"] == ballot.title)
    json_ranks = {o["reference"]: o["rank"] for o in ranking["options"]}
    report_rows = csv.DictReader(
        io.StringIO(client.get(f"{base}/report.csv").data.decode("utf-8-sig"))
    )
    csv_ranks = {}
    for row in report_rows:
        for place in filter(None, row["ranking"].split("; ")):
            name, rank = place.rsplit(": ", 1)
            if name == ballot.title:
                csv_ranks[row["reference"]] = int(rank)
    page = text_of(_section(client.get(f"{base}/report").text, 'id="rankings"', "</table>"))
    html_ranks = {ref: int(rank) for rank, ref in re.findall(r"(\d+) (R-\d+)\. ", page)}
    return {
        "results csv": results_csv_ranks,
        "report json": json_ranks,
        "report html": html_ranks,
        "report csv (voted only)": csv_ranks,
    }
