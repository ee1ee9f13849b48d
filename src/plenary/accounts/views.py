"""Sign-in (with a second factor for secretariat staff), sign-out, API tokens, password reset."""

from __future__ import annotations

import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from plenary.accounts import domain, totp
from plenary.accounts.models import ApiToken, TotpDevice
from plenary.accounts.notify import language_of
from plenary.accounts.permissions import is_staff
from plenary.core.actor import Actor, actor_of
from plenary.core.clients import client_address
from plenary.core.errors import DomainError

PENDING = "plenary_pending_user"


class SignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
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
        elif is_staff(user):
            # Secretariat staff confirm with a second factor before the session is theirs.
            request.session[PENDING] = user.pk
            return redirect(f"/accounts/two-factor/?next={_next(request)}")
        else:
            login(request, user)
            return redirect(_next(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next(request)})


def two_factor(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if pending is None:
        return redirect("accounts:login")
    user = get_object_or_404(User, pk=pending, is_active=True)
    device = domain.start_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if domain.check_totp(user, form.cleaned_data["code"], by=Actor.of(user)):
            del request.session[PENDING]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next(request))
        form.add_error("code", _("This code is wrong or was already used. Enter the current code."))
    setup = None
    if not device.confirmed:
        uri = totp.provisioning_uri(device.secret, user.username)
        setup = {"secret": device.secret, "uri": uri, "qr": _qr_svg(uri)}
    return render(request, "accounts/two_factor.html", {"form": form, "setup": setup, "next": _next(request)})


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
            "has_totp": TotpDevice.objects.filter(user=request.user, confirmed=True).exists(),
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
