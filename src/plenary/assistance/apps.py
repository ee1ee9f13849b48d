from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "plenary.assistance"
    label = "assistance"
    verbose_name = "Article VII assistance"
