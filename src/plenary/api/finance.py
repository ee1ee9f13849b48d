"""The Finances in the API."""

from ninja import Router

router = Router(tags=["Finances"])
