from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "plenary.cooperation"
    label = "cooperation"
    verbose_name = "Article X cooperation and assistance database"
