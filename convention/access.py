"""The Flask side of permissions: load the convention, ask the policy, scope every id."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Flask, abort, current_app, g
from flask_login import current_user

from convention.extensions import db, login_manager
from convention.models import Convention, Membership
from convention.rules.permissions import permits
from convention.rules.policy import Action, allows

M = TypeVar("M")


def init_app(app: Flask) -> None:
    """Load the convention named in `/c/<slug>` before each view, and add it back to URLs."""
    app.url_value_preprocessor(_load_convention)
    app.url_defaults(_add_slug)
    app.context_processor(lambda: {"can": can})


def _load_convention(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Put the current convention and the user's active membership on `g`."""
    g.convention, g.membership = None, None
    if not values or "slug" not in values:
        return
    slug = g.convention_slug = values.pop("slug").lower()
    # loading the signed-in account reads the convention and membership in the same round trip
    signed_in = current_user.is_authenticated
    found = g.get("convention_found")
    if found is not None:
        g.convention, g.membership = found.convention, found.membership if signed_in else None
    elif not signed_in:
        g.convention = db.session.scalar(sa.select(Convention).where(Convention.slug == slug))
    else:
        # the account was loaded earlier in the request: one round trip for both
        row = db.session.execute(
            sa.select(Convention, Membership)
            .outerjoin(Membership, _active_membership(Convention.id))
            .where(Convention.slug == slug)
        ).first()
        g.convention, g.membership = row if row else (None, None)
    if g.convention is None:
        abort(404)


def _add_slug(endpoint: str, values: dict[str, Any]) -> None:
    """Fill in the current convention's slug when building a URL inside it."""
    convention = g.get("convention")
    if convention is None or "slug" in values:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "slug"):
        values["slug"] = convention.slug


def current_membership(convention: Convention) -> Membership | None:
    """Return the signed-in user's active membership of `convention`, if any."""
    if not current_user.is_authenticated:
        return None
    return db.session.scalar(sa.select(Membership).where(_active_membership(convention.id)))


def _active_membership(convention_id: Any) -> sa.ColumnElement[bool]:
    """Match the signed-in user's active membership of a convention."""
    return sa.and_(
        Membership.convention_id == convention_id,
        Membership.user_id == current_user.id,
        Membership.active.is_(True),
    )


def can(action: Action, obj: object | None = None) -> bool:
    """Tell whether the current person may take `action` in the current convention, on `obj`."""
    convention = g.get("convention")
    if convention is None:
        return False
    return permits(g.get("membership"), convention.phase, action, obj, public=convention.is_public)


def member_can(membership: Membership, action: Action, obj: object | None = None) -> bool:
    """Tell whether a member may take `action` in their convention, on `obj`, from any page."""
    convention = membership.convention
    return permits(membership, convention.phase, action, obj, public=convention.is_public)


def visitor_can(convention: Convention, action: Action) -> bool:
    """Tell whether anyone, signed in or not, may take `action`: what the open data API serves."""
    return allows(None, convention.phase, action, public=convention.is_public)


def require(action: Action) -> Callable:
    """Guard a view: anonymous visitors go to the login page, others without the right get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            authorise(action)
            return view(*args, **kwargs)

        return guarded

    return decorator


def authorise(action: Action, obj: object | None = None) -> None:
    """Stop the request unless `action` is allowed on `obj`: to sign in, or with 403."""
    if can(action, obj):
        return
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403)


def require_admin(view: Callable) -> Callable:
    """Guard an administration view."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return guarded


def scoped_or_404(model: type[M], object_id: int) -> M:
    """Load `model` by id inside the current convention; ids of other conventions answer 404."""
    found: M | None = db.session.scalar(
        sa.select(model).where(  # type: ignore[arg-type]
            model.id == object_id,  # type: ignore[attr-defined]
            model.convention_id == g.convention.id,  # type: ignore[attr-defined]
        )
    )
    if found is None:
        abort(404)
    return found
