"""schemathesis over the whole OpenAPI document, in-process (Django's WSGI handler inside the
test's transaction, over the demo data), anonymously and with an API token: no answer is a
server error, and every answer's status, content type and body are those the document declares.

Bounded by example counts, not by time: each operation gets its coverage cases (boundary and
out-of-range values, wrong types, methods the operation does not take) and MAX_EXAMPLES
generated ones, from a fixed seed, so that a run in CI is the same run as here.

PLENARY_FUZZ_REPORT=file.json records every failure instead of stopping at the first and writes
the counts (requests, failures per check) there: how the figures in the README were taken."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from ninja.responses import NinjaJSONEncoder
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

MAX_EXAMPLES = 30
SEED = 20261203

# Every check that judges one answer against the document. Left out: positive_data_acceptance
# (it wants a 2xx for any value the document allows, but a malformed symbol, a span of more than
# 100 programme years or a date that is not one are 400s that no schema can state) and the
# checks of several calls in a row (use_after_free, ensure_resource_availability: there is no
# DELETE; ignored_auth and object_level_authorization get their own tests with the personas).
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "missing_required_header",
    "unsupported_method",
]

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "mode": "all"},
        "phases": {"examples": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
)

RECORD = os.environ.get("PLENARY_FUZZ_REPORT")
TALLY: Counter[str] = Counter()

# Path values from the records (filled by the `api_schema` fixture): generated strings rarely name
# a meeting, a document or a State, and the answers about real ones are the ones worth checking.
REAL: dict[str, list[str]] = {}
LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
REPORT_FORMATS = ["txt", "html", "docx", "pdf", "akn"]
TABLE_FORMATS = ["csv", "xlsx"]


@schemathesis.hook
def before_generate_path_parameters(context, strategy):
    path = context.operation.path
    names = {p.name for p in context.operation.path_parameters}
    values = {**REAL, "code": REAL["treaty"] if path.startswith("/api/treaties/") else REAL["state"]}
    if path.startswith("/api/reports/"):
        values.update(fmt=REPORT_FORMATS, symbol=REAL["report"])
    else:
        values["fmt"] = TABLE_FORMATS
    if path == "/api/documents/{symbol}/versions/{lang}":
        # A language version on file: the symbol and the language together.
        real = st.sampled_from(REAL["version"]).map(lambda pair: {"symbol": pair[0], "lang": pair[1]})
    else:
        known = {name: st.sampled_from(values[name]) for name in names if values.get(name)}
        if not known:
            return strategy
        real = st.fixed_dictionaries(known)

    def some_real(generated):
        # The replaced parameters are plain strings, which no case can make invalid: a negative
        # case stays negative through what it broke elsewhere.
        if isinstance(generated, dict):
            return real.map(lambda values: {**generated, **values})
        return real.map(lambda values: generated.map_value(lambda params: {**params, **values}))

    # Half generated, half real: the real ones keep the generated values of the other parameters.
    return st.one_of(strategy, strategy.flatmap(some_real))


@schemathesis.hook
def before_generate_query(context, strategy):
    """Half of the queries ask in one of the six languages (a generated `lang` is rarely one)."""
    if "lang" not in {p.name for p in context.operation.query}:
        return strategy

    def real_lang(generated):
        pick = st.sampled_from(LANGUAGES)
        if isinstance(generated, dict):
            return pick.map(lambda lang: {**generated, "lang": lang})
        return pick.map(lambda lang: generated.map_value(lambda query: {**(query or {}), "lang": lang}))

    return st.one_of(strategy, strategy.flatmap(real_lang))


@schemathesis.hook
def before_generate_body(context, strategy):
    """Asking for the floor: a valid body names a real delegation (France's, which the token's
    focal point may ask for, or another State's, which it may not)."""
    if context.operation.path != "/api/floor-requests":
        return strategy

    def real_delegation(generated):
        # Only a valid body (a GeneratedValue with no mutation recorded) gets a real delegation: a
        # negative one stays as it was made, or it might become valid.
        if getattr(generated, "meta", True) is not None or not isinstance(generated.value, dict):
            return st.just(generated)
        pick = st.sampled_from(REAL["delegation"])
        return pick.map(lambda pk: generated.map_value(lambda body: {**body, "delegation": pk}))

    # Every valid generated body names a real delegation (the coverage cases keep generated ids:
    # 0, out of range, and ids no delegation has).
    return strategy.flatmap(real_delegation)


@schemathesis.hook
def after_call(context, case, response):
    TALLY["requests"] += 1
    TALLY[f"status {response.status_code}"] += 1
    TALLY[
        f"answered {case.operation.label} | {response.status_code} {response.headers.get('content-type', [''])[0]}"
    ] += 1


def real_values(open_delegation: int) -> dict[str, list]:
    from plenary.documents.models import Document, IssuedFile, LanguageVersion
    from plenary.meetings.models import Meeting
    from plenary.participation.models import Delegation
    from plenary.treaties.models import State, Treaty

    series = list(Meeting.objects.order_by("series").values_list("series", flat=True))
    symbols = list(Document.objects.order_by("symbol").values_list("symbol", flat=True))
    states = list(State.objects.order_by("code").values_list("code", flat=True))
    treaties = list(Treaty.objects.order_by("code").values_list("code", flat=True))
    from plenary.reports.models import Report

    reports = Report.objects.select_related("meeting", "draft", "final")
    report_keys = sorted(
        {
            key
            for r in reports
            for key in (r.meeting.series, r.draft and r.draft.symbol, r.final and r.final.symbol)
            if key
        }
    )
    versions = sorted(
        {*IssuedFile.objects.values_list("document__symbol", "lang")}
        | {*LanguageVersion.objects.exclude(file="").values_list("document__symbol", "lang")}
    )
    # France's at an open meeting (201, then 400: it is already waiting), France's at meetings
    # that are over (400), other States' (403).
    french = Delegation.objects.filter(state__code="FRA").exclude(pk=open_delegation).order_by("pk")
    others = Delegation.objects.exclude(state__code="FRA").order_by("pk")
    return {
        "series": series,
        "symbol": symbols,
        "state": states,
        "treaty": treaties,
        "lang": LANGUAGES,
        "version": versions,
        "report": report_keys,
        "delegation": [
            open_delegation,
            *french.values_list("pk", flat=True)[:2],
            *others.values_list("pk", flat=True)[:2],
        ],
    }


@pytest.fixture(autouse=True)
def in_the_transaction(db, monkeypatch):
    """The site's WSGI handler runs in this test's transaction, over the demo data: a request's
    start and end would close the database connection the transaction lives on (Django's test
    client keeps it open the same way). France is registered for a meeting whose list of speakers
    is open on the (fixed) day, so that the token's focal point can be given the floor (201)."""
    from plenary.core import clock
    from plenary.core.actor import Actor
    from plenary.meetings.models import Meeting
    from plenary.participation.domain import register_delegation
    from plenary.treaties.models import State

    # A day before BWC/MSP/2018, which is then open (the day the portal's tests live on).
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))
    open_one = register_delegation(
        Meeting.objects.get(series="BWC/MSP/2018"),
        state=State.objects.get(code="FRA"),
        by=Actor.system("test"),
        members=[{"name": "Head of delegation", "role": "head"}],
    )
    REAL.update(real_values(open_one.pk))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def load_schema():
    """The document /api/openapi.json serves (the same function makes it), read without a request:
    the tests are made from it when pytest collects them, before any database is open."""
    from plenary.api import api

    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/"), cls=NinjaJSONEncoder))
    loaded = schemathesis.openapi.from_dict(document, config=CONFIG)
    loaded.app = WSGIHandler()
    return loaded


schema = load_schema()


@pytest.fixture
def token(db):
    """A token of France's focal point: GET /api/me answers, and asking for the floor for a
    French delegation is allowed (for any other, refused)."""
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role, make_token
    from plenary.core.actor import Actor
    from plenary.treaties.models import State

    user = User.objects.create(username="fuzz-fra-fp")
    grant_role(user, "focal_point", by=Actor.system("test"), state=State.objects.get(code="FRA"))
    return make_token(user, "fuzz", by=Actor.system("test"))[1]


def call_and_validate(case, **kwargs) -> None:
    if not RECORD:
        case.call_and_validate(**kwargs)
        return
    try:
        case.call_and_validate(**kwargs)
    except FailureGroup as group:
        for failure in group.exceptions:
            TALLY[f"failure {failure.title}"] += 1
            TALLY[f"failing {case.operation.label} | {failure.title}"] += 1


@schema.parametrize()
def test_anonymous(case):
    call_and_validate(case)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # one token serves every case
def test_with_a_token(case, token):
    call_and_validate(case, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture(scope="module", autouse=True)
def _write_report():
    yield
    if RECORD:
        with open(RECORD, "w") as out:
            json.dump(dict(sorted(TALLY.items())), out, indent=1)
