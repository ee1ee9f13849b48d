"""The Article X cooperation and assistance database in the API."""

from ninja import Router

router = Router(tags=["Article X"])
