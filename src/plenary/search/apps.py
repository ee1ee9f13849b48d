from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "plenary.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from plenary.core import events
        from plenary.search.index import follow_change

        # The index follows every committed write that changes what is searchable.
        events.subscribe(follow_change)
