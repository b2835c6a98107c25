"""Form pages: one answer for a form shown for the first time or sent back with errors."""

from flask import render_template
from flask_wtf import FlaskForm


def form_page(template: str, form: FlaskForm, **context: object) -> tuple[str, int]:
    """Render a form page: 422 when the submitted form has errors, 200 when it is first shown."""
    return render_template(template, form=form, **context), 422 if form.errors else 200
