from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "plenary.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from plenary.accounts import signals  # noqa: F401  (connects the sign-in receivers)


class PlenaryAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that signs in through Plenary's pages (password, then the second
    factor) and lets in only a verified staff or superuser session."""

    default = False  # named in INSTALLED_APPS; "plenary.accounts" stays AccountsConfig
    default_site = "plenary.accounts.admin_site.PlenaryAdminSite"
