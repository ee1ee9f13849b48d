from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "plenary.backoffice"
    label = "backoffice"
    verbose_name = "Secretariat back office"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from plenary.accounts.permissions import is_staff
        from plenary.web.context_processors import ACCOUNT_PAGES

        entry = ("backoffice:dashboard", is_staff, gettext_lazy("Back office"))
        # ready() can run more than once (tests, autoreload): add the link once.
        if not any(name == entry[0] for name, _, _ in ACCOUNT_PAGES):
            ACCOUNT_PAGES.append(entry)
