"""Sign-in (with a second factor for staff and superusers: codes, recovery codes, enrolment by a
one-time link), sign-out, API tokens, password reset."""

from __future__ import annotations

import io
from base64 import b32encode
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts import domain
from plenary.accounts.middleware import PENDING
from plenary.accounts.models import ApiToken
from plenary.accounts.notify import language_of
from plenary.accounts.permissions import is_verified, needs_second_factor
from plenary.accounts.queries import has_second_factor
from plenary.core.actor import Actor, actor_of
from plenary.core.clients import client_address
from plenary.core.errors import DomainError


class SignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _refusal_message(refusal: domain.Refusal) -> str:
    if refusal.reason == "address":
        text = ngettext(
            "Too many failed sign-ins from your network address. Try again in %(minutes)d minute.",
            "Too many failed sign-ins from your network address. Try again in %(minutes)d minutes.",
            refusal.minutes,
        )
    else:
        text = ngettext(
            "Too many failed sign-ins for this account. Try again in %(minutes)d minute.",
            "Too many failed sign-ins for this account. Try again in %(minutes)d minutes.",
            refusal.minutes,
        )
    return text % {"minutes": refusal.minutes}


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        refusal = domain.sign_in_refusal(username, client_address(request))
        if refusal is not None:
            form.add_error(None, _refusal_message(refusal))
            return render(
                request, "accounts/sign_in.html", {"form": form, "next": _next(request)}, status=429
            )
        # Failures and sign-ins are recorded (throttling, audit) by accounts.signals.
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            form.add_error(None, _("The user name or the password is wrong."))
        elif needs_second_factor(user):
            # Staff and superusers confirm with a second factor before the session is theirs.
            request.session[PENDING] = user.pk
            request.session.pop(WRONG_CODES, None)
            return redirect(f"{reverse('accounts:two_factor')}?next={quote(_next(request), safe='/')}")
        else:
            login(request, user)
            return redirect(_next(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next(request)})


ENROL_TOKEN = "plenary_enrolment_token"
ENROLLING = "plenary_enrolling_device"
WRONG_CODES = "plenary_wrong_codes"


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    return None if pending is None else User.objects.filter(pk=pending, is_active=True).first()


def _site(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _complete(request: HttpRequest, user: User, device) -> None:
    """The password and the second factor passed: the session becomes the person's."""
    for key in (PENDING, ENROL_TOKEN, ENROLLING, WRONG_CODES):
        request.session.pop(key, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)


def _wrong_code(request: HttpRequest, user: User) -> bool:
    """Count a wrong code of this pending sign-in; True when that was one too many and the
    sign-in is dropped (it starts again with the password)."""
    wrong = request.session.get(WRONG_CODES, 0) + 1
    request.session[WRONG_CODES] = wrong
    if wrong < settings.OTP_WRONG_CODES_ALLOWED:
        return False
    domain.drop_pending_sign_in(user, by=Actor.of(user), wrong_codes=wrong)
    for key in (PENDING, ENROL_TOKEN, ENROLLING, WRONG_CODES):
        request.session.pop(key, None)
    messages.error(request, _("Too many wrong codes. Sign in again with your password."))
    return True


def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of a staff sign-in: a code from the authenticator app (or a recovery code);
    or, for a person without one yet who holds an enrolment link, setting one up."""
    user = _pending_user(request)
    if user is None:
        return redirect(f"{reverse('accounts:login')}?next={quote(_next(request), safe='/')}")
    by = Actor.of(user)
    token = request.session.pop(ENROL_TOKEN, None)
    if token:
        try:
            device = domain.start_enrolment(user, token, by=by)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            request.session[ENROLLING] = device.pk
    enrolling = TOTPDevice.objects.filter(
        pk=request.session.get(ENROLLING), user=user, confirmed=False
    ).first()
    if enrolling is not None:
        return _enrol(request, user, enrolling)
    if not has_second_factor(user):
        return _no_device(request, user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        verification = domain.verify_second_factor(user, form.cleaned_data["code"], by=by)
        if verification.device is not None:
            _complete(request, user, verification.device)
            return redirect(_next(request))
        if _wrong_code(request, user):
            return redirect(f"{reverse('accounts:login')}?next={quote(_next(request), safe='/')}")
        if verification.wait is not None:
            seconds = max(1, int(verification.wait.total_seconds() + 0.999))
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes: wait %(seconds)d second before the next try.",
                    "Too many wrong codes: wait %(seconds)d seconds before the next try.",
                    seconds,
                )
                % {"seconds": seconds},
            )
            status = 429
        else:
            form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next(request)}, status=status)


def _enrol(request: HttpRequest, user: User, device: TOTPDevice) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = domain.confirm_device(device, form.cleaned_data["code"], by=Actor.of(user))
        if codes is not None:
            device.refresh_from_db()
            _complete(request, user, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        if _wrong_code(request, user):
            return redirect(f"{reverse('accounts:login')}?next={quote(_next(request), safe='/')}")
        form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    uri = device.config_url
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "secret": secret, "qr": _qr_svg(uri), "next": _next(request)},
    )


def _no_device(request: HttpRequest, user: User) -> HttpResponse:
    """No authenticator yet: the key is shown only to someone holding a link sent to the
    account's own address (or given by the operator), never on the password alone."""
    if request.method == "POST" and "send" in request.POST:
        try:
            domain.offer_enrolment(user, by=Actor.of(user), url_base=_site(request))
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "A link to set up your authenticator app is on its way to the e-mail address of your account."
                ),
            )
        return redirect(f"{reverse('accounts:two_factor')}?next={quote(_next(request), safe='/')}")
    return render(request, "accounts/no_device.html", {"next": _next(request), "has_email": bool(user.email)})


def enrol(request: HttpRequest, token: str) -> HttpResponse:
    """An enrolment link: kept in the session (a mail scanner that opens it uses up nothing), then
    the person signs in with their password and sets up the app. Opening it signs out first."""
    if request.user.is_authenticated:
        logout(request)
    request.session[ENROL_TOKEN] = token
    if request.session.get(PENDING) is not None:
        return redirect("accounts:two_factor")
    messages.info(request, _("Sign in with your password to set up your authenticator app."))
    return redirect("accounts:login")


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes (the earlier ones stop working), shown once."""
    if not is_verified(request.user):
        raise PermissionDenied
    try:
        codes = domain.make_recovery_codes(request.user, by=actor_of(request))
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:tokens")
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:tokens")}
    )


@login_required
@require_POST
def new_authenticator(request: HttpRequest) -> HttpResponse:
    """A signed-in person asks for a link to set up another authenticator (a new phone): by mail."""
    try:
        domain.offer_enrolment(request.user, by=actor_of(request), url_base=_site(request))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("A link to set up your authenticator app is on its way to the e-mail address of your account."),
        )
    return redirect("accounts:tokens")


def _qr_svg(data: str) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        if "revoke" in request.POST:
            record = get_object_or_404(ApiToken, pk=request.POST["revoke"], user=request.user)
            domain.revoke_token(record, by=actor_of(request))
            messages.success(request, _("Token revoked."))
            return redirect("accounts:tokens")
        try:
            _record, new_token = domain.make_token(
                request.user, request.POST.get("name", ""), by=actor_of(request)
            )
        except DomainError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=request.user),
            "new_token": new_token,
            "needs_second_factor": needs_second_factor(request.user),
            "has_totp": has_second_factor(request.user),
            "recovery_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
            "notification_language": dict(settings.LANGUAGES).get(
                "zh-hans" if (lang := language_of(request.user)) == "zh" else lang, lang
            ),
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's page, with the request handed to the domain (limits, audit, the mail). The answer
    is the same whether an account has the address, and whether the limits were reached."""

    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        try:
            domain.request_password_reset(
                form.cleaned_data["email"],
                address=client_address(self.request),
                by=actor_of(self.request),
                url_base=self.request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            form.add_error("email", str(exc))
            return self.form_invalid(form)
        return redirect(self.success_url)


class ResetPasswordForm(SetPasswordForm):
    """The new password, set through the domain: the account's tokens and other sessions end."""

    def __init__(self, user, *args, keep_session_key: str | None = None, **kwargs):
        self.keep_session_key = keep_session_key
        super().__init__(user, *args, **kwargs)

    def save(self, commit: bool = True):
        domain.change_password(
            self.user,
            self.cleaned_data["new_password1"],
            by=Actor.of(self.user),  # the link proved who they are
            reset=True,
            keep_session_key=self.keep_session_key,
        )
        return self.user


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    form_class = ResetPasswordForm

    def get_form_kwargs(self):
        # This browser's session (it holds the reset token) goes on; it is nobody's sign-in.
        return {**super().get_form_kwargs(), "keep_session_key": self.request.session.session_key}
