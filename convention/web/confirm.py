"""A second step before an action that cannot be undone: the first request asks, the next acts.

Without JavaScript: the button posts once and gets a page that says what will happen; only the
post from that page's button, which carries `confirmed=yes`, acts.
"""

from flask import render_template, request

CONFIRMED = "yes"


def confirmed() -> bool:
    """Tell whether this request comes from the confirmation page's button."""
    return request.form.get("confirmed") == CONFIRMED


def ask(consequence: str, button: str, back: str, **fields: object) -> str:
    """Render the page that asks "Are you sure?", with the fields the confirmed request resends."""
    return render_template(
        "web/action_confirm.html",
        consequence=consequence,
        button=button,
        back=back,
        fields=fields,
        confirmed=CONFIRMED,
    )
