"""The search index: one row per (object, language), with its tokens and the filter columns.

The index is derived data: `plenary.search.index` rebuilds it from the records at any time, and
nothing else reads it but `plenary.search.query`.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "document"
        MEETING = "meeting", "meeting"
        STATEMENT = "statement", "statement"
        PARAGRAPH = "paragraph", "report paragraph"
        STATE = "state", "State"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(
        max_length=100,
        help_text="symbol, meeting series, alpha-3 code, statement id or report paragraph: one per object",
    )
    lang = models.CharField(max_length=2, help_text="the language of title and body")
    title = models.CharField(max_length=1000)
    body = models.TextField(blank=True)
    # " key-tokens | title-tokens | body-tokens | filter-tokens ": every distinct token of key,
    # title and body, blank-delimited, then the filters (kind=document, year=2017 ...). The
    # database's full-text index reads the four sections (plenary.search.fulltext).
    tokens = models.TextField()
    # The object's identity across its languages (a hash of kind and key), that the query
    # groups by, and its place among equals: kind, then the key in natural order.
    obj = models.BigIntegerField(default=0)
    sort_key = models.CharField(max_length=300, default="")
    series = models.CharField(max_length=80, blank=True, help_text="the meeting's series")
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="the meeting's year")
    # The dates of the meeting the object belongs to, that a hit shows beside it.
    meeting_start = models.DateField(null=True, blank=True)
    meeting_end = models.DateField(null=True, blank=True)
    doc_type = models.CharField(max_length=10, blank=True)
    submitters = models.CharField(
        max_length=2000,
        blank=True,
        help_text='" FRA DEU ": submitters and co-sponsors of a document, the speaker of a statement',
    )
    url = models.CharField(max_length=300, help_text="public page path, without a language prefix")

    class Meta:
        ordering = ["kind", "key", "lang"]
        indexes = [
            models.Index(fields=["kind", "key"], name="search_entry_object"),
            models.Index(fields=["series"], name="search_entry_series"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "lang"], name="one_search_entry_per_language"),
        ]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.kind} {self.key} [{self.lang}]"
