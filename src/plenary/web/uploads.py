"""Upload fields that say their limit and keep it.

Every file field of every form (portal, back office) is an `UploadField`: beside the input it says
"At most 20 MB" in the reader's language (the limit is settings.UPLOAD_MAX_BYTES), and a bigger
file is refused by the form, with a message in the reader's language, before any domain function
reads it (the domain's own check of the size stays, for the API and the CLI). A request far beyond
what any form takes is refused before its body is read (`TooLargeMiddleware`)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from plenary.core.numbers import size_words


def limit_note() -> str:
    return _("At most %(size)s") % {"size": size_words(settings.UPLOAD_MAX_BYTES)}


class UploadInput(forms.ClearableFileInput):
    """The file input, followed by its limit; the limit in bytes is on the input too
    (data-max-bytes) for scripts."""

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-max-bytes": str(settings.UPLOAD_MAX_BYTES)}
        return super().get_context(name, value, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return format_html('{} <small class="upload-limit muted">{}</small>', html, limit_note())


class UploadField(forms.FileField):
    widget = UploadInput

    def validate(self, value):
        super().validate(value)
        size = getattr(value, "size", None)
        if size is not None and size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; at most %(limit)s can be sent. Nothing was stored.")
                % {"size": size_words(size), "limit": size_words(settings.UPLOAD_MAX_BYTES)},
                code="too_large",
            )


class TooLargeMiddleware:
    """A request body far beyond what any form takes (settings.UPLOAD_MAX_REQUEST_BYTES: six
    language versions at the limit, and the form) is refused before it is read: 413, in the
    site's frame and the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.isdigit() and int(length) > settings.UPLOAD_MAX_REQUEST_BYTES:
            from plenary.web.errors import request_too_large

            return request_too_large(request, int(length))
        return self.get_response(request)
