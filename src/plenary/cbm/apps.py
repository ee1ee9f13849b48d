from django.apps import AppConfig


class CbmConfig(AppConfig):
    name = "plenary.cbm"
    label = "cbm"
    verbose_name = "Confidence-Building Measures"
