from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plenary.web"
    label = "web"
    verbose_name = "Public site"
