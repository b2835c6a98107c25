"""Sign in and out, join by invitation, reset a password, manage one's account."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, logout_user
from sqlalchemy.exc import IntegrityError, OperationalError

from convention.auth import forms, services, sessions, signin
from convention.conventions.queries import my_memberships
from convention.extensions import db, limiter
from convention.models import Invitation
from convention.rules.invitations import InvitationState
from convention.web.forms import form_page
from convention.web.urls import safe_next

bp = Blueprint("auth", __name__)

MAX_LOGIN = 254


def _typed_login() -> str:
    """Return the login typed in the sign-in form, as accounts are looked up, bounded."""
    return request.form.get("login", "").strip().lower()[:MAX_LOGIN]


def _known_device() -> bool:
    """Tell whether this device signed in to the account typed before (its owner, most likely)."""
    if "login_account_id" not in g:
        login = _typed_login()
        # Runs before the form is validated: what no account can be named is not looked up.
        user = services.find_user(login) if login.isprintable() and login else None
        g.login_account_id = user.id if user else None
    return g.login_account_id is not None and signin.is_known_device(g.login_account_id)


def _account_key() -> str:
    """Key the per-account limit on the login typed, so one account cannot be guessed at."""
    return "account:" + _typed_login()


def _account_address_key() -> str:
    """Key a limit on the account and address together, known devices apart from the others."""
    device = "known" if _known_device() else "new"
    return f"account-address:{_typed_login()}:{get_remote_address()}:{device}"


def _failed(response) -> bool:
    """Count only failed attempts: a room of members signing in must not lock itself out."""
    return response.status_code != 302


def _address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


def _account_address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT_ADDRESS"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _account_address_limit, key_func=_account_address_key, methods=["POST"], deduct_when=_failed
)
# Failures from anywhere lock an account for new devices only: its owner's devices still get in.
@limiter.limit(
    _account_limit,
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_failed,
    exempt_when=_known_device,
)
def login():
    """Sign in with an email or username and a password."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return form_page("auth/login.html", form)
    user = services.authenticate(form.login.data, form.password.data)
    if user is None:
        flash(_("Wrong email, username or password."), "error")
        return render_template("auth/login.html", form=form), 401
    signin.sign_in(user, remember=form.remember.data)
    if user.locale:
        session["locale"] = user.locale
    return redirect(safe_next(request.args.get("next")))


@bp.post("/logout")
def logout():
    """Sign out: this device's session ends on the server too."""
    signin.sign_out()
    session.pop("invitation_id", None)
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=_failed)
def join():
    """Type the code from an invitation letter."""
    form = forms.JoinCodeForm()
    if not form.validate_on_submit():
        return form_page("auth/join_code.html", form)
    invitation = services.invitation_by_code(form.code.data)
    if invitation is None:
        form.code.errors.append(_("This code is not valid. Check it against your letter."))
        return render_template("auth/join_code.html", form=form), 422
    return _hold_invitation(invitation)


@bp.get("/join/<token>")
def join_by_link(token: str):
    """Open an emailed invitation link; the token leaves the address bar at once."""
    invitation = services.invitation_by_token(token)
    if invitation is None:
        abort(404)
    return _hold_invitation(invitation)


def _hold_invitation(invitation: Invitation):
    """Remember which invitation is being accepted, then show it."""
    session["invitation_id"] = invitation.id
    return redirect(url_for("auth.accept_invitation"))


@bp.route("/join/invitation", methods=["GET", "POST"])
def accept_invitation():
    """Accept the held invitation: create an account or use one's own, accept the charter."""
    invitation = db.session.get(Invitation, session.get("invitation_id", 0))
    if invitation is None:
        return redirect(url_for("auth.join"))
    if invitation.state() is not InvitationState.PENDING:
        return render_template("auth/join_invalid.html", invitation=invitation), 410
    existing = services.invited_account(invitation)
    if existing and not current_user.is_authenticated:
        flash(_("You already have an account: sign in to join this convention."), "info")
        return redirect(url_for("auth.login", next=url_for("auth.accept_invitation")))
    if existing and existing.id != current_user.id:
        return render_template("auth/join_invalid.html", invitation=invitation, other=True), 403
    return _accept(invitation)


def _accept(invitation: Invitation):
    """Show and process the acceptance form for a new or a signed-in account."""
    signed_in = current_user.is_authenticated
    form_class = forms.JoinExistingForm if signed_in else forms.JoinNewForm
    form = form_class(pseudonym=invitation.name.split()[0] if invitation.name else None)
    if not form.validate_on_submit() or (
        not signed_in and not forms.validate_username_or_email(form, bool(invitation.email))
    ):
        return form_page("auth/join_accept.html", form, invitation=invitation)
    user = current_user if signed_in else None
    try:
        joined = services.accept_invitation(
            invitation, user, form.pseudonym.data, _new_account(form)
        )
        # Written now: a simultaneous acceptance fails here, with its own page.
        db.session.flush()
    except services.InvitationUnusable:
        db.session.rollback()
        return render_template("auth/join_invalid.html", invitation=invitation), 410
    except services.JoinError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("auth/join_accept.html", form=form, invitation=invitation), 422
    except (IntegrityError, OperationalError):
        # A simultaneous request used the invitation first: the database refused the duplicate.
        db.session.rollback()
        return render_template("auth/join_invalid.html", invitation=invitation), 409
    session.pop("invitation_id", None)
    if not signed_in:
        signin.sign_in(joined.user)
    flash(_("Welcome to %(title)s.", title=invitation.convention.title), "success")
    return redirect(url_for("conventions.show_convention", slug=invitation.convention.slug))


def _new_account(form) -> services.NewAccount | None:
    """Collect the new account's details from the form, when it has them."""
    if not isinstance(form, forms.JoinNewForm):
        return None
    return services.NewAccount(form.display_name.data, form.password.data, form.username.data)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"])
def request_reset():
    """Ask for a reset link by email."""
    form = forms.ResetRequestForm()
    if not form.validate_on_submit():
        return form_page("auth/reset_request.html", form)
    services.request_password_reset(form.email.data)
    flash(_("If an account uses this address, a link to reset its password is on its way."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from a reset link."""
    user = services.user_for_reset(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 410
    form = forms.ResetPasswordForm()
    if not form.validate_on_submit():
        return form_page("auth/reset_password.html", form)
    services.reset_password(user, form.password.data)
    flash(_("Your password is changed. You can sign in with it now."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Change one's name and language."""
    form = forms.AccountForm(obj=current_user, locale=current_user.locale or session.get("locale"))
    if not form.validate_on_submit():
        return _account_page(form, forms.PasswordChangeForm(formdata=None))
    current_user.display_name = form.display_name.data
    current_user.locale = session["locale"] = form.locale.data
    flash(_("Your account is updated."), "success")
    return redirect(url_for("auth.account"))


def _account_page(form, password_form, status: int | None = None):
    """Render the account page with its forms and the devices signed in."""
    page = render_template(
        "auth/account.html",
        form=form,
        password_form=password_form,
        sessions=sessions.open_sessions(current_user),
        this_session=signin.current_session(),
        end_form=forms.EndSessionsForm(formdata=None),
        memberships=db.session.scalars(my_memberships(current_user)).all(),
    )
    return page, status or (422 if form.errors or password_form.errors else 200)


@bp.post("/account/password")
@login_required
def change_password():
    """Change one's password after proving the current one; other devices are signed out."""
    password_form = forms.PasswordChangeForm()
    if password_form.validate_on_submit():
        if current_user.check_password(password_form.current_password.data):
            services.change_password(
                current_user,
                password_form.new_password.data,
                keep_session=current_user.session_token,
            )
            flash(_("Your password is changed. Your other devices are signed out."), "success")
            return redirect(url_for("auth.account"))
        password_form.current_password.errors.append(_("This is not your current password."))
    form = forms.AccountForm(formdata=None, obj=current_user, locale=current_user.locale)
    return _account_page(form, password_form, 422)


@bp.post("/account/sessions/end")
@login_required
def end_sessions():
    """Sign out on every device, this one included."""
    if not forms.EndSessionsForm().validate_on_submit():
        abort(400)
    services.sign_out_everywhere(current_user)
    logout_user()
    session.pop("invitation_id", None)
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("auth.login"))
