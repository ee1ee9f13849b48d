"""The REST API (django-ninja): OpenAPI 3 at /api/openapi.json, interactive docs at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Plenary API",
    version="1",
    description="Read access to the public records of treaty meetings: meetings, documents, States, "
    "treaty status, the intersessional programme, participants, lists of speakers, search.",
    urls_namespace="api",
)
