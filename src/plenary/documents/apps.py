from django.apps import AppConfig
from django.core import checks


class DocumentsConfig(AppConfig):
    name = "plenary.documents"
    label = "documents"

    def ready(self) -> None:
        checks.register(pause_points_check, checks.Tags.security, deploy=True)


def pause_points_check(app_configs, **kwargs):
    """The tests' pause points (documents/files.py) stop a worker for good: never in production."""
    from django.conf import settings

    if not settings.TEST_PAUSE_POINTS:
        return []
    return [
        checks.Warning(
            "PLENARY_TEST_PAUSE_POINTS is on: a worker that reaches a pause point named by "
            "PLENARY_PAUSE_AT waits there to be killed",
            hint="unset PLENARY_TEST_PAUSE_POINTS; it is for the tests that kill a server mid-issue",
            id="plenary.W101",
        )
    ]
