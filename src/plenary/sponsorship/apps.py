from django.apps import AppConfig


class SponsorshipConfig(AppConfig):
    name = "plenary.sponsorship"
    label = "sponsorship"
    verbose_name = "Sponsorship programme"
