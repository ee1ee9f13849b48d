"""The Sponsorship programme in the API."""

from ninja import Router

router = Router(tags=["Sponsorship"])
