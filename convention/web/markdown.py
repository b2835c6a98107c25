"""User Markdown to safe HTML: rendered without raw HTML, then sanitised with an allow-list."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# "commonmark" lets raw HTML through; "js-default" does not.
_renderer = MarkdownIt("js-default", {"linkify": False, "typographer": False}).enable("table")

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h2",
    "h3",
    "h4",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


# Pages show the same few texts (a topic, its briefings, a report) to every reader: render once.
@lru_cache(maxsize=2048)
def render_markdown(text: str | None) -> Markup:
    """Render a member's Markdown to HTML that cannot run script, whoever wrote it."""
    html = _renderer.render(text or "")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704
