"""`plenary manage reindex [--meeting SERIES]`: rebuild the search index from the records."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from plenary.search.index import rebuild_index, reindex_meeting


class Command(BaseCommand):
    help = "Rebuild the search index (all of it, or one meeting's entries). Safe to run twice."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--meeting", metavar="SERIES", help="only this meeting, e.g. BWC/MSP/2017")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()

        def say(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:6.2f}s] {message}")

        if options.get("meeting"):
            from plenary.meetings.models import Meeting

            series = options["meeting"].strip()
            if not Meeting.objects.filter(series=series).exists():
                raise CommandError(f"unknown meeting {series!r}")
            count = reindex_meeting(series, say=say)
        else:
            count = rebuild_index(say=say)
        self.stdout.write(
            self.style.SUCCESS(f"search index: {count} entries in {time.perf_counter() - started:.2f}s")
        )
