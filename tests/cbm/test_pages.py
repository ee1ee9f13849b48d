# ruff: noqa: F811
"""CBM pages: the portal's drafting by a State's people, the public list, report and figures, the
back office; restricted means restricted everywhere (pages, API, search, exports, counts, the audit
trail's views); hostile input refused with a clear status and nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.cbm import domain
from plenary.cbm.models import CbmDeclaration, CbmEntry, CbmReport
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.treaties.models import State
from tests.cbm.test_domain import FACILITY, cast, fra, person  # noqa: F401
from tests.helpers import tiny_pdf

pytestmark = pytest.mark.django_db
STAFF = Actor.system("test-setup")
SECRET = "Laboratoire-secret-Mérieux-4711"
E_NO = {f"{t}_{c}": "no" for t in "abcd" for c in ("legislation", "regulations", "other", "amended")}
# Who reads a restricted French report: the secretariat, the people of States Parties.
READERS = {"staff", "fra_fp", "fra_del", "deu_fp", "deu_del", "fra_cp", "fra_au"}
NOT_READERS = {"anonymous", "ngo", "officer", "egy_del", "isr_del"}


def login(client, cast, persona):  # noqa: F811
    if cast.get(persona) is not None:
        client.force_login(cast[persona])
    return client


def as_page(client, cast, persona, done_means_report):  # noqa: F811
    return login(client, cast, persona)


@pytest.fixture
def restricted(cast, fra):  # noqa: F811
    """The done-means through the pages' domain: Form 0 and two forms by the contact point, a
    facility by a colleague, submitted as restricted."""
    cp, au = Actor.of(cast["fra_cp"]), Actor.of(cast["fra_au"])
    report = domain.start_report(fra, 2025, by=cp, languages=["fr", "en"])
    domain.set_declaration(report, "A1", "declared", by=cp)
    domain.set_declaration(report, "C", "nothing_new", last_year=2019, by=cp)
    domain.add_entry(report, "E", E_NO, by=cp)
    domain.add_entry(report, "G", {"name": "Sanofi Pasteur", "location": "Lyon", "diseases": SECRET}, by=cp)
    domain.add_entry(report, "A1i", {**FACILITY, "name": SECRET}, by=au)
    return domain.submit_report(report, visibility="restricted", by=cp)


# --- the done-means through the portal's pages ----------------------------------------------------


def test_a_contact_point_drafts_a_colleague_adds_a_facility_the_contact_point_submits(client, cast, fra):  # noqa: F811
    login(client, cast, "fra_cp")
    page = client.get(reverse("portal:cbm_reports"))
    assert page.status_code == 200
    started = client.post(
        reverse("portal:cbm_start"), {"state": fra.pk, "year": 2025, "languages": ["fr", "en"]}
    )
    report = CbmReport.objects.get(state=fra, year=2025)
    assert started.status_code == 302 and started["Location"] == reverse(
        "portal:cbm_report", args=[report.pk]
    )
    form0 = {f"answer_{m}": "nothing" for m in ("A2i", "A2ii", "A2iii", "B", "F")}
    form0 |= {"answer_A1": "declared", "answer_E": "declared", "answer_G": "declared"}
    form0 |= {"answer_C": "nothing_new", "year_C": "2019"}
    assert client.post(reverse("portal:cbm_form0", args=[report.pk]), form0).status_code == 302
    assert dict(report.declarations.values_list("measure", "answer"))["C"] == "nothing_new"
    grid = dict(E_NO, a_legislation="yes", laws="Code de la défense, L2341-1")
    assert client.post(reverse("portal:cbm_add_entry", args=[report.pk, "E"]), grid).status_code == 302
    vaccine = {"name": "Sanofi Pasteur", "location": "Marcy-l'Étoile", "diseases": "Influenza"}
    assert client.post(reverse("portal:cbm_add_entry", args=[report.pk, "G"]), vaccine).status_code == 302
    client.logout()
    login(client, cast, "fra_au")
    draft = client.get(reverse("portal:cbm_report", args=[report.pk]))
    assert draft.status_code == 200 and "Sanofi Pasteur" in draft.content.decode()
    assert b'id="submit-report"' not in draft.content  # the contact point submits
    added = client.post(reverse("portal:cbm_add_entry", args=[report.pk, "A1i"]), FACILITY)
    assert added.status_code == 302
    assert (
        client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": "restricted"}).status_code
        == 403
    )
    client.logout()
    login(client, cast, "fra_cp")
    done = client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": "restricted"})
    assert done.status_code == 302 and done["Location"] == reverse("web:cbm_report", args=[report.pk])
    report.refresh_from_db()
    assert (report.status, report.visibility, report.channel) == ("submitted", "restricted", "portal")
    assert sorted(report.entries.values_list("form", "added_by")) == [
        ("A1i", "fra_au"),
        ("E", "fra_cp"),
        ("G", "fra_cp"),
    ]
    page = client.get(reverse("web:cbm_report", args=[report.pk])).content.decode()
    assert "Laboratoire P4 Jean Mérieux" in page and "restricted to States Parties" in page
    # Read-only: every change of a submitted version is refused, and changes nothing.
    for name, args, data in [
        ("cbm_form0", [report.pk], {"answer_B": "declared"}),
        ("cbm_add_entry", [report.pk, "G"], vaccine),
        ("cbm_submit", [report.pk], {"visibility": "public"}),
        ("cbm_details", [report.pk], {"languages": ["en"]}),
    ]:
        assert client.post(reverse(f"portal:{name}", args=args), data).status_code == 403
    report.refresh_from_db()
    assert report.visibility == "restricted" and report.entries.count() == 3
    # A correction is the next version, holding the content.
    again = client.post(reverse("portal:cbm_correct", args=[report.pk]))
    second = CbmReport.objects.get(state=fra, year=2025, version=2)
    assert again["Location"] == reverse("portal:cbm_report", args=[second.pk])
    assert (second.status, second.supersedes_id, second.entries.count()) == ("draft", report.pk, 3)


def test_the_forms_show_their_real_fields_and_their_messages(client, cast, fra):  # noqa: F811
    report = domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]))
    login(client, cast, "fra_au")
    page = client.get(reverse("portal:cbm_add_entry", args=[report.pk, "A1i"])).content.decode()
    assert (
        "Number of maximum containment units" in page and "Responsible public or private organization" in page
    )
    missing = client.post(reverse("portal:cbm_add_entry", args=[report.pk, "A1i"]), {"name": "X"})
    assert missing.status_code == 400
    assert (
        "A1i: Responsible public or private organization or company is required" in missing.content.decode()
    )
    e_page = client.get(reverse("portal:cbm_add_entry", args=[report.pk, "E"])).content.decode()
    assert e_page.count('type="radio"') == 0 and e_page.count("<select") == 16  # the 4 x 4 grid
    no_laws = client.post(reverse("portal:cbm_add_entry", args=[report.pk, "E"]), dict(E_NO, b_other="yes"))
    assert "E: name the legislation, regulations and other measures answered yes" in no_laws.content.decode()
    wrong_year = client.post(
        reverse("portal:cbm_form0", args=[report.pk]), {"answer_C": "nothing_new", "year_C": "2030"}
    )
    assert wrong_year.status_code == 400
    assert (
        "the year of the last declaration lies between 1987 and 2025, not 2030" in wrong_year.content.decode()
    )
    assert not CbmEntry.objects.filter(report=report).exists()
    assert not CbmDeclaration.objects.filter(report=report).exists()


def test_form0_is_all_or_nothing(client, cast, fra):  # noqa: F811
    report = domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]))
    login(client, cast, "fra_cp")
    answer = client.post(
        reverse("portal:cbm_form0", args=[report.pk]),
        {"answer_B": "nothing", "answer_C": "nothing_new", "year_C": "abc"},
    )
    assert (
        answer.status_code == 400
        and "C: the year of the last declaration is a year" in answer.content.decode()
    )
    assert report.declarations.count() == 0


# --- restricted means restricted everywhere --------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(READERS | NOT_READERS))
def test_a_restricted_report_is_read_by_the_secretariat_and_states_parties_only(
    client, cast, restricted, persona
):  # noqa: F811
    c = login(client, cast, persona)
    page = c.get(reverse("web:cbm_report", args=[restricted.pk]))
    listing = c.get(reverse("web:cbm_reports")).content.decode()
    by_year = c.get(reverse("web:cbm_reports") + "?year=2025").content.decode()
    exported = c.get(reverse("web:cbm_reports_csv")).content.decode()
    figures = c.get(reverse("web:cbm_figures") + "?year=2025").content.decode()
    api_one = c.get(f"/api/cbm/reports/{restricted.pk}")
    api_all = c.get("/api/cbm/reports?state=FRA")
    portal = c.get(reverse("portal:cbm_report", args=[restricted.pk]))
    if persona in READERS:
        assert page.status_code == 200 and SECRET in page.content.decode()
        assert f"/cbm/{restricted.pk}/" in listing and "FRA,2025,1,restricted" in exported
        assert api_one.status_code == 200 and [r["id"] for r in api_all.json()] == [restricted.pk]
        assert "France" in figures
    else:
        assert page.status_code == 404 and SECRET not in page.content.decode()
        for text in (listing, by_year, exported, figures):
            assert SECRET not in text and f"/cbm/{restricted.pk}/" not in text and "FRA" not in text
        assert "France" not in listing + by_year + figures
        assert api_one.status_code == 404 and api_all.json() == []
        assert portal.status_code in (302, 404)
    # The counts are aggregate for everyone: one report, restricted; never its content.
    assert '<tr><th>Restricted to States Parties</th><td class="num">1</td></tr>' in figures
    assert SECRET not in c.get("/api/cbm/figures/2025").content.decode()


@pytest.mark.parametrize("persona", sorted(NOT_READERS))
def test_search_and_the_other_exports_never_show_a_restricted_report(client, cast, restricted, persona):  # noqa: F811
    """CBM reports are not in the search index: search returns nothing of them to anyone; the
    meeting exports and the audit trail's views (the acts done in France's name, for its focal
    point and the secretariat) do not show them to others."""
    from plenary.search.index import rebuild_index

    rebuild_index()
    c = login(client, cast, persona)
    for url in (
        "/search/?q=Sanofi",
        "/search/?q=Lyon",
        "/api/search?q=Sanofi",
        "/api/search?q=Lyon",
        "/api/meetings.ics",
        "/api/meetings/BWC/MSP/2017/documents.csv",
        "/api/meetings/BWC/MSP/2017/participants.xlsx",
        "/api/states/FRA",
        "/states/FRA/",
        reverse("portal:acted_for_state", args=["FRA"]),
    ):
        answer = c.get(url)
        assert SECRET not in answer.content.decode(errors="replace"), url
        assert "Pasteur" not in answer.content.decode(errors="replace"), url


def test_search_does_not_return_cbm_reports_even_to_the_secretariat(client, cast, restricted):  # noqa: F811
    from plenary.search.index import rebuild_index

    rebuild_index()
    login(client, cast, "staff")
    assert "Pasteur" not in client.get("/api/search?q=Sanofi").content.decode()
    assert "Pasteur" not in client.get("/search/?q=Sanofi").content.decode()
    assert SECRET not in client.get("/search/?q=Laboratoire").content.decode()


def test_the_audit_entries_of_a_restricted_report_stay_in_the_trail_s_private_views(client, cast, restricted):  # noqa: F811
    """The entries hold the content (the facility's name): they are in the trail, which only the
    back office and the admin show; the one portal view of the trail (acts done in a State's name
    by others) is its focal point's and the secretariat's, and shows no values."""
    entries = AuditEntry.objects.filter(action__startswith="cbm.", object_type__startswith="cbm.")
    assert entries.filter(after__data__name=SECRET).exists()
    for persona in ("ngo", "egy_del", "isr_del", "deu_fp", "officer"):
        client.force_login(cast[persona])
        assert client.get(reverse("portal:acted_for_state", args=["FRA"])).status_code == 403
        assert client.get("/admin/core/auditentry/").status_code == 302
    client.logout()
    assert client.get("/admin/core/auditentry/").status_code == 302


def test_a_later_restricted_version_does_not_show_behind_a_public_one(client, cast, fra):  # noqa: F811
    cp = Actor.of(cast["fra_cp"])
    first = domain.start_report(fra, 2025, by=cp)
    domain.set_declaration(first, "B", "nothing", by=cp)
    first = domain.submit_report(first, visibility="public", by=cp)
    second = domain.start_report(fra, 2025, by=cp)
    domain.add_entry(second, "G", {"name": SECRET, "location": "L", "diseases": "D"}, by=cp)
    domain.set_declaration(second, "G", "declared", by=cp)
    second = domain.submit_report(second, visibility="restricted", by=cp)
    listing = client.get(reverse("web:cbm_reports")).content.decode()
    assert f"/cbm/{first.pk}/" in listing and f"/cbm/{second.pk}/" not in listing
    page = client.get(reverse("web:cbm_report", args=[first.pk])).content.decode()
    assert SECRET not in page and "Versions" not in page
    client.force_login(cast["deu_fp"])
    assert f"/cbm/{second.pk}/" in client.get(reverse("web:cbm_reports")).content.decode()


# --- the figures -----------------------------------------------------------------------------------


def test_the_figures_page_has_the_chart_and_the_counts(client, restricted):
    domain.load_history([{"year": "2018", "reports": "78", "source": "ISU letter"}], by=STAFF)
    page = client.get(reverse("web:cbm_figures") + "?year=2025").content.decode()
    assert '<svg class="chart"' in page and "<rect" in page
    assert "compliance" not in page.lower()
    assert '<tr><th>Reports submitted</th><td class="num">1</td></tr>' in page
    assert '<tr><th>Late</th><td class="num">1</td></tr>' in page
    assert (
        '<tr><th>First-time submitters (first report on record here)</th><td class="num">1</td></tr>' in page
    )


def test_participation_counts_reports_and_the_share_of_states_parties(restricted):
    from decimal import Decimal

    from plenary.cbm.queries import participation

    domain.load_history(
        [{"year": "2016", "reports": "80", "states_parties": "175", "source": "Hamburg"}], by=STAFF
    )
    rows = {r["year"]: r for r in participation()}
    assert rows[2016] | {"note": ""} == {
        "year": 2016,
        "reports": 80,
        "states_parties": 175,
        "percent": Decimal("45.7"),
        "source": "Hamburg",
        "note": "",
    }
    assert rows[2025]["reports"] == 1 and rows[2025]["source"] == "plenary"
    assert rows[2025]["states_parties"] > 180


# --- the back office ------------------------------------------------------------------------------


def test_the_secretariat_uploads_a_report_on_the_state_s_behalf(client, cast):  # noqa: F811
    client.force_login(cast["staff"])
    assert client.get(reverse("backoffice:cbm_upload")).status_code == 200
    answer = client.post(
        reverse("backoffice:cbm_upload"),
        {
            "state": "CAN",
            "year": 2024,
            "visibility": "public",
            "languages": ["en", "fr"],
            "original": SimpleUploadedFile("canada.pdf", tiny_pdf("canada"), content_type="application/pdf"),
        },
    )
    assert answer.status_code == 302
    report = CbmReport.objects.get(state__code="CAN", year=2024)
    assert (report.channel, report.acting_for, report.languages) == ("secretariat", "State:CAN", ["en", "fr"])
    import hashlib

    assert report.original_sha256 == hashlib.sha256(tiny_pdf("canada")).hexdigest()
    client.logout()
    page = client.get(reverse("web:cbm_report", args=[report.pk])).content.decode()
    assert "by the secretariat on the State" in page and report.original_sha256 in page
    download = client.get(reverse("web:cbm_original", args=[report.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == tiny_pdf("canada")
    assert AuditEntry.objects.get(action="cbm.upload").acting_for == "State:CAN"


def test_an_upload_records_the_day_the_report_was_received(client, cast):  # noqa: F811
    client.force_login(cast["staff"])
    form = {
        "state": "CAN",
        "year": 2024,
        "visibility": "public",
        "languages": ["en"],
        "received_on": "2025-04-11",
        "original": SimpleUploadedFile("canada.pdf", tiny_pdf("canada"), content_type="application/pdf"),
    }
    assert client.post(reverse("backoffice:cbm_upload"), form).status_code == 302
    report = CbmReport.objects.get(state__code="CAN", year=2024)
    assert (report.received_on, report.on_time) == (dt.date(2025, 4, 11), True)
    page = client.get(reverse("web:cbm_report", args=[report.pk])).content.decode()
    assert "(received by the secretariat on 11 April 2025) · on time" in page
    # A day after today is refused with the reason, and nothing is put on record.
    form.update(
        state="DEU",
        received_on="2999-01-01",
        original=SimpleUploadedFile("germany.pdf", tiny_pdf("germany"), content_type="application/pdf"),
    )
    answer = client.post(reverse("backoffice:cbm_upload"), form)
    assert answer.status_code == 400
    assert "the report cannot have been received on 1 January 2999, after today" in answer.content.decode()
    assert not CbmReport.objects.filter(state__code="DEU", year=2024).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.exe", b"MZ", "files of type .exe are not accepted"),
        ("report.pdf", b"not a pdf", "the file&#x27;s content is not a .pdf file"),
    ],
)
def test_an_upload_that_is_not_a_report_is_refused(client, cast, name, content, message):  # noqa: F811
    client.force_login(cast["staff"])
    answer = client.post(
        reverse("backoffice:cbm_upload"),
        {
            "state": "CAN",
            "year": 2024,
            "visibility": "public",
            "languages": ["en"],
            "original": SimpleUploadedFile(name, content),
        },
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    assert not CbmReport.objects.filter(state__code="CAN").exists()


def test_the_upload_of_a_restricted_original_is_for_readers_only(client, cast):  # noqa: F811
    made = domain.upload_report(
        State.objects.get(code="FRA"),
        2024,
        SimpleUploadedFile("f.pdf", tiny_pdf(SECRET)),
        visibility="restricted",
        languages=["fr"],
        by=STAFF,
    )
    assert client.get(reverse("web:cbm_original", args=[made.pk])).status_code == 404
    client.force_login(cast["ngo"])
    assert client.get(reverse("web:cbm_original", args=[made.pk])).status_code == 404
    client.force_login(cast["deu_del"])
    assert client.get(reverse("web:cbm_original", args=[made.pk])).status_code == 200


def test_the_back_office_lists_every_version_and_drafts(client, cast, restricted, fra):  # noqa: F811
    domain.start_report(fra, 2025, by=STAFF)
    client.force_login(cast["staff"])
    page = client.get(reverse("backoffice:cbm_reports") + "?year=2025&state=fra").content.decode()
    assert page.count("<tr><td>2025</td>") == 2 and "draft" in page
    assert client.get(reverse("backoffice:cbm_figures") + "?year=2025").status_code == 200


# --- the permission matrix -------------------------------------------------------------------------

PERSONAS = [
    "anonymous",
    "staff",
    "fra_fp",
    "fra_del",
    "fra_cp",
    "fra_au",
    "deu_fp",
    "ngo",
    "officer",
    "egy_del",
    "isr_del",
]
DRAFTERS = {"staff", "fra_fp", "fra_cp", "fra_au"}  # of France, and the secretariat
ANY_DRAFTER = DRAFTERS | {"deu_fp"}  # Germany's focal point drafts for Germany


def _matrix(w):
    """(case, method, url, data, {persona: status}); unnamed personas get the default."""
    draft, sub, entry = w["draft"], w["restricted"], w["entry"]
    signed_in = {"anonymous": 302}

    def only(ok, others=403, extra=None):
        return {p: (ok if p in (extra or DRAFTERS) else others) for p in PERSONAS} | signed_in

    public = dict.fromkeys(PERSONAS, 200)
    readers = {p: (200 if p in READERS else 404) for p in PERSONAS}
    return [
        ("web-list", "get", reverse("web:cbm_reports"), None, public),
        ("web-csv", "get", reverse("web:cbm_reports_csv"), None, public),
        ("web-figures", "get", reverse("web:cbm_figures"), None, public),
        ("web-report-restricted", "get", reverse("web:cbm_report", args=[sub.pk]), None, readers),
        (
            "web-original-none",
            "get",
            reverse("web:cbm_original", args=[sub.pk]),
            None,
            dict.fromkeys(PERSONAS, 404),
        ),
        ("portal-list", "get", reverse("portal:cbm_reports"), None, only(200, extra=ANY_DRAFTER)),
        (
            "portal-start",
            "post",
            reverse("portal:cbm_start"),
            {"state": "", "year": ""},
            only(400, extra=ANY_DRAFTER),
        ),
        ("portal-draft", "get", reverse("portal:cbm_report", args=[draft.pk]), None, only(200, 404)),
        (
            "portal-submitted",
            "get",
            reverse("portal:cbm_report", args=[sub.pk]),
            None,
            {p: (302 if p in READERS else 404) for p in PERSONAS} | signed_in,
        ),
        (
            "portal-form0",
            "post",
            reverse("portal:cbm_form0", args=[draft.pk]),
            {"answer_B": "nothing"},
            only(302, 404),
        ),
        (
            "portal-details",
            "post",
            reverse("portal:cbm_details", args=[draft.pk]),
            {"languages": ["fr"]},
            only(302, 404),
        ),
        ("portal-add", "get", reverse("portal:cbm_add_entry", args=[draft.pk, "G"]), None, only(200, 404)),
        ("portal-entry", "get", reverse("portal:cbm_entry", args=[draft.pk, entry.pk]), None, only(200, 404)),
        (
            "portal-remove",
            "post",
            reverse("portal:cbm_remove_entry", args=[draft.pk, 99999999]),
            {},
            only(404, 404),
        ),
        (
            "portal-submit",
            "post",
            reverse("portal:cbm_submit", args=[draft.pk]),
            {"visibility": ""},
            only(400, 404) | {"fra_au": 403, "fra_fp": 403},
        ),
        (
            "portal-correct",
            "post",
            reverse("portal:cbm_correct", args=[sub.pk]),
            {},
            {p: (302 if p in DRAFTERS else 403 if p in READERS else 404) for p in PERSONAS} | signed_in,
        ),
        (
            "office-list",
            "get",
            reverse("backoffice:cbm_reports"),
            None,
            {p: 403 for p in PERSONAS} | {"staff": 200} | signed_in,
        ),
        (
            "office-upload",
            "get",
            reverse("backoffice:cbm_upload"),
            None,
            {p: 403 for p in PERSONAS} | {"staff": 200} | signed_in,
        ),
        (
            "office-upload-post",
            "post",
            reverse("backoffice:cbm_upload"),
            {},
            {p: 403 for p in PERSONAS} | {"staff": 400} | signed_in,
        ),
        (
            "office-figures",
            "get",
            reverse("backoffice:cbm_figures"),
            None,
            {p: 403 for p in PERSONAS} | {"staff": 200} | signed_in,
        ),
    ]


CASE_NAMES = [
    "web-list",
    "web-csv",
    "web-figures",
    "web-report-restricted",
    "web-original-none",
    "portal-list",
    "portal-start",
    "portal-draft",
    "portal-submitted",
    "portal-form0",
    "portal-details",
    "portal-add",
    "portal-entry",
    "portal-remove",
    "portal-submit",
    "portal-correct",
    "office-list",
    "office-upload",
    "office-upload-post",
    "office-figures",
]


def test_the_matrix_names_every_url():
    from plenary.backoffice.cbm_urls import urlpatterns as office
    from plenary.portal.cbm_urls import urlpatterns as portal
    from plenary.web.cbm_urls import urlpatterns as web

    assert {p.name for p in web + portal + office} == {
        "cbm_reports",
        "cbm_reports_csv",
        "cbm_figures",
        "cbm_report",
        "cbm_original",
        "cbm_start",
        "cbm_form0",
        "cbm_details",
        "cbm_add_entry",
        "cbm_entry",
        "cbm_remove_entry",
        "cbm_submit",
        "cbm_correct",
        "cbm_upload",
    }
    assert len(CASE_NAMES) == 20


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_the_expected_status(client, cast, restricted, fra, persona):  # noqa: F811
    """Every case in order, for one persona (a case's write does not change what the next expects)."""
    draft = domain.start_report(fra, 2024, by=Actor.of(cast["fra_cp"]))
    entry = domain.add_entry(draft, "G", {"name": "N", "location": "L", "diseases": "D"}, by=STAFF)
    world = {"draft": draft, "restricted": restricted, "entry": entry}
    cases = _matrix(world)
    assert [c[0] for c in cases] == CASE_NAMES
    c = login(client, cast, persona)
    got, expected = {}, {}
    for name, method, url, data, statuses in cases:
        answer = c.get(url) if method == "get" else c.post(url, data)
        got[name], expected[name] = answer.status_code, statuses[persona]
        if persona == "anonymous" and answer.status_code == 302:
            assert answer["Location"].startswith("/accounts/sign-in/"), name
    assert got == expected


# --- hostile input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["?year=abc", "?year=1986", "?year=2026", "?year=99999", "?year=%00", "?year=-1", "?year=２０２４"],
)
def test_bad_years_are_a_400(client, query):
    for name in ("web:cbm_reports", "web:cbm_figures", "web:cbm_reports_csv"):
        answer = client.get(reverse(name) + query)
        assert answer.status_code == 400, (name, query)
        assert "A CBM report covers a calendar year from 1987 to 2025." in answer.content.decode()


def test_another_state_s_draft_is_not_found(client, cast):  # noqa: F811
    deu = domain.start_report(State.objects.get(code="DEU"), 2025, by=STAFF)
    domain.set_declaration(deu, "B", "nothing", by=STAFF)
    login(client, cast, "fra_cp")
    assert client.get(reverse("portal:cbm_report", args=[deu.pk])).status_code == 404
    assert (
        client.post(reverse("portal:cbm_form0", args=[deu.pk]), {"answer_B": "declared"}).status_code == 404
    )
    assert (
        client.post(reverse("portal:cbm_submit", args=[deu.pk]), {"visibility": "public"}).status_code == 404
    )
    assert (
        client.post(
            reverse("portal:cbm_start"), {"state": deu.state.pk, "year": 2024, "languages": ["en"]}
        ).status_code
        == 400
    )
    assert deu.declarations.get().answer == "nothing" and not CbmReport.objects.filter(year=2024).exists()


def test_an_entry_of_another_report_is_not_found(client, cast, fra):  # noqa: F811
    mine = domain.start_report(fra, 2025, by=STAFF)
    other = domain.start_report(State.objects.get(code="DEU"), 2025, by=STAFF)
    theirs = domain.add_entry(other, "G", {"name": "N", "location": "L", "diseases": "D"}, by=STAFF)
    login(client, cast, "fra_cp")
    assert client.get(reverse("portal:cbm_entry", args=[mine.pk, theirs.pk])).status_code == 404
    assert client.post(reverse("portal:cbm_remove_entry", args=[mine.pk, theirs.pk])).status_code == 404
    assert CbmEntry.objects.filter(pk=theirs.pk).exists()
    assert client.get(reverse("portal:cbm_add_entry", args=[mine.pk, "Z9"])).status_code == 404


def test_huge_text_and_nul_bytes_are_refused_and_nothing_is_written(client, cast, fra):  # noqa: F811
    report = domain.start_report(fra, 2025, by=STAFF)
    login(client, cast, "fra_cp")
    huge = client.post(reverse("portal:cbm_add_entry", args=[report.pk, "C"]), {"policy": "x" * 10_001})
    assert huge.status_code == 400
    assert (
        "C: National policy and practice on publication is longer than 10000 characters"
        in huge.content.decode()
    )
    nul = client.post(
        reverse("portal:cbm_add_entry", args=[report.pk, "G"]),
        {"name": "a\x00b", "location": "L", "diseases": "D"},
    )
    assert nul.status_code == 400
    control = client.post(
        reverse("portal:cbm_add_entry", args=[report.pk, "G"]),
        {"name": "a\x07b", "location": "L", "diseases": "D"},
    )
    assert control.status_code == 400 and "holds control characters" in control.content.decode()
    odd = client.post(
        reverse("portal:cbm_form0", args=[report.pk]), {"answer_B": "x" * 5000, "year_B": "\x00"}
    )
    assert odd.status_code == 400
    contact = client.post(reverse("portal:cbm_details", args=[report.pk]), {"languages": ["xx"]})
    assert contact.status_code == 400
    assert report.entries.count() == 0 and report.declarations.count() == 0


def test_a_double_submission_is_refused(client, cast, fra):  # noqa: F811
    report = domain.start_report(fra, 2025, by=STAFF)
    domain.set_declaration(report, "B", "nothing", by=STAFF)
    login(client, cast, "fra_cp")
    assert (
        client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": "public"}).status_code
        == 302
    )
    again = client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": "restricted"})
    assert again.status_code == 403
    report.refresh_from_db()
    assert report.visibility == "public"
    assert AuditEntry.objects.filter(action="cbm.submit", object_id=str(report.pk)).count() == 1


def test_an_empty_report_and_no_visibility_are_refused_with_their_messages(client, cast, fra):  # noqa: F811
    report = domain.start_report(fra, 2025, by=STAFF)
    login(client, cast, "fra_cp")
    none = client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": ""})
    assert (
        none.status_code == 400
        and "choose whether the report is public or restricted" in none.content.decode()
    )
    empty = client.post(reverse("portal:cbm_submit", args=[report.pk]), {"visibility": "public"})
    assert empty.status_code == 400 and "the report is empty" in empty.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"


def test_the_public_list_costs_the_same_queries_for_one_report_and_many(client):
    def submit(code):
        r = domain.start_report(State.objects.get(code=code), 2025, by=STAFF)
        domain.add_entry(r, "G", {"name": "N", "location": "L", "diseases": "D"}, by=STAFF)
        domain.set_declaration(r, "G", "declared", by=STAFF)
        domain.submit_report(r, visibility="public", by=STAFF)

    submit("FRA")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("web:cbm_reports"))
        client.get(reverse("web:cbm_figures") + "?year=2025")
    for code in ("DEU", "ITA", "ESP", "NLD", "BEL"):
        submit(code)
    with CaptureQueriesContext(connection) as six:
        page = client.get(reverse("web:cbm_reports")).content.decode()
        client.get(reverse("web:cbm_figures") + "?year=2025")
    assert page.count("/cbm/") >= 6
    assert len(six) == len(one)
