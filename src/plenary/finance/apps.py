from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "plenary.finance"
    label = "finance"
    verbose_name = "Finances"
