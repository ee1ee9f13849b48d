"""The Confidence-Building Measures in the API."""

from ninja import Router

router = Router(tags=["CBMs"])
