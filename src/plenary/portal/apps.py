from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "plenary.portal"
    label = "portal"
    verbose_name = "Delegate portal"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from plenary.accounts.permissions import is_staff, represents_anyone
        from plenary.accounts.queries import unread_count
        from plenary.web.context_processors import ACCOUNT_BADGES, ACCOUNT_PAGES

        entries = [
            ("portal:delegations", represents_anyone, _("My delegations")),
            ("portal:to_issue", is_staff, _("Working papers to issue")),
            ("portal:speakers", is_staff, _("Lists of speakers")),
            # Everyone signed in: the count of unread ones beside the link.
            ("portal:notifications", _everyone, _("Notifications")),
            # The treaty's databases in the portal: Article VII for those who read its requests
            # (the people of States Parties, a requesting State's people), sponsorship for all.
            ("portal:assistance_requests", _reads_assistance_pages, _("Article VII assistance")),
            ("portal:sponsorship_mine", _everyone, _("Sponsorship applications")),
        ]
        ACCOUNT_BADGES["portal:notifications"] = unread_count
        # ready() may run more than once (tests, autoreload): add each page once.
        known = {name for name, _allowed, _label in ACCOUNT_PAGES}
        ACCOUNT_PAGES.extend(e for e in entries if e[0] not in known)


def _everyone(user) -> bool:
    return True


def _reads_assistance_pages(user) -> bool:
    from plenary.accounts.permissions import reads_restricted, state_people_of

    return reads_restricted(user) or bool(state_people_of(user))
