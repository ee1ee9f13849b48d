"""The Article VII assistance in the API."""

from ninja import Router

router = Router(tags=["Article VII"])
