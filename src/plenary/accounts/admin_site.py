"""The admin site with one sign-in: /admin/login/ takes no password (it sends the person to
Plenary's sign-in, keeping where they were going), /admin/logout/ is Plenary's sign-out, and only a
session that passed the second factor reaches the admin."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from plenary.accounts.permissions import is_verified


class PlenaryAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_verified(user))

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        target = request.GET.get("next") or request.POST.get("next") or ""
        if not target or not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:index", current_app=self.name)
        return HttpResponseRedirect(f"{reverse('accounts:login')}?next={quote(target, safe='/')}")

    def logout(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        from plenary.accounts.views import sign_out

        return sign_out(request)
