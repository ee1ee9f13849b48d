from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from plenary.accounts import signals  # noqa: F401  (connects the sign-in receivers)
