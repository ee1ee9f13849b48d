from django.apps import AppConfig


class ProceedingsConfig(AppConfig):
    name = "plenary.proceedings"
    label = "proceedings"
