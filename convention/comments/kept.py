"""A page of threads rendered once for every reader with the same rights.

The page is rendered for no one in particular; a reader's own contributions then get their
actions (edit, delete with its CSRF token) rendered for them and put in place of the shared ones.
"""

from dataclasses import dataclass

from flask import get_template_attribute, render_template
from markupsafe import Markup

from convention.comments.queries import Thread, ThreadPage
from convention.comments.wording import CommentLinks, comment_words
from convention.models import Membership

START, END = "<!--a{}-->", "<!--/a-->"


@dataclass(frozen=True)
class Rights:
    """What a reader may do with the contributions shown: the key of a kept page."""

    comment: bool
    flag: bool
    moderate: bool

    def for_page(self, me: int | None) -> dict:
        """The `p` the comment macros read: these rights, the reader, the action addresses."""
        return {
            "comment": self.comment,
            "flag": self.flag,
            "moderate": self.moderate,
            "me": me,
            "links": CommentLinks(),
        }


@dataclass(frozen=True)
class Own:
    """A contribution whose actions depend on who reads it."""

    id: int
    author_id: int
    pseudonym: str


@dataclass(frozen=True)
class KeptThreads:
    """A rendered page of threads and, by author, the contributions whose actions it holds."""

    html: str
    rights: Rights
    authored: dict[int, tuple[Own, ...]]

    def for_reader(self, me: Membership | None) -> Markup:
        """Return the page as `me` sees it: their own contributions with their own actions."""
        own = self.authored.get(me.id, ()) if me is not None else ()
        if me is None or not own:
            return Markup(self.html)  # noqa: S704 (rendered by Jinja with autoescape)
        p, words = self.rights.for_page(me.id), comment_words()
        actions = get_template_attribute("comments/_comment.html", "comment_actions")
        html = self.html
        for comment in own:
            start = html.index(START.format(comment.id)) + len(START.format(comment.id))
            replacement = str(actions(comment.id, comment.author_id, comment.pseudonym, p, words))
            html = html[:start] + replacement + html[html.index(END, start) :]
        return Markup(html)  # noqa: S704


def render(template: str, rights: Rights, threads: ThreadPage, **context) -> KeptThreads:
    """Render `template` for no one in particular, noting the contributions to redo per reader."""
    html = render_template(template, p=rights.for_page(None), threads=threads, **context)
    authored: dict[int, list[Own]] = {}
    # a reader's own contribution differs only where they may reply (edit, delete) or flag
    if rights.comment or rights.flag:
        for comment in _all(threads.threads):
            if not comment.removed:
                own = Own(comment.id, comment.author_id, comment.author.pseudonym)
                authored.setdefault(comment.author_id, []).append(own)
    return KeptThreads(html, rights, {key: tuple(value) for key, value in authored.items()})


def _all(threads: list[Thread]):
    """Yield every comment of the threads, replies included."""
    for thread in threads:
        yield thread.comment
        yield from _all(thread.replies)
