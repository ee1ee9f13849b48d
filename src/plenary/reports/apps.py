from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "plenary.reports"
    label = "reports"
