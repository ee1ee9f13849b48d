"""The back office's universalization pages and the ISU's figures: record a deposit, the contacts
with States not yet party, the Chair's report (page, CSV/XLSX, draft) and the yearly figures
(tables, charts, draft), for every persona, with bad and hostile input."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents.models import Document
from plenary.treaties.domain import record_contact
from plenary.treaties.models import State, Treaty, TreatyEvent, UniversalizationContact
from plenary.treaties.queries import treaty_status

SYSTEM = Actor.system("test")
GET_PAGES = [
    "/office/treaties/deposits/",
    "/office/treaties/contacts/",
    "/office/treaties/contacts/ISR/",
    "/office/treaties/universalization/",
    "/office/treaties/universalization/?year=2025&on=2025-12-31",
    "/office/treaties/universalization/?format=csv",
    "/office/treaties/universalization/?format=xlsx",
    "/office/treaties/figures/",
    "/office/treaties/figures/?year=2017",
    "/fr/office/treaties/figures/",
]
POSTS = [
    "/office/treaties/deposits/",
    "/office/treaties/contacts/ISR/",
    "/office/treaties/universalization/",
    "/office/treaties/figures/",
]


@pytest.fixture
def bwc(db):
    return Treaty.objects.get(code="BWC")


@pytest.fixture
def contact(bwc):
    return record_contact(
        bwc,
        State.objects.get(code="ISR"),
        date=clock.today(),
        kind="letter",
        made_by="chair",
        summary="The Chair wrote to the Minister for Foreign Affairs.",
        source="Chair's letter (example)",
        by=SYSTEM,
    )


def parties_today(bwc) -> int:
    return len(treaty_status(bwc, clock.today()).states_parties)


@pytest.mark.parametrize("url", GET_PAGES)
def test_staff_sees_every_page(staff, url):
    assert staff.get(url).status_code == 200


def test_the_correction_page_is_staff_only(staff, officer, focal_point, anonymous, contact):
    url = f"/office/treaties/contacts/correct/{contact.pk}/"
    assert [c.get(url).status_code for c in (staff, officer, focal_point)] == [200, 403, 403]
    assert [c.post(url, {}).status_code for c in (officer, focal_point)] == [403, 403]
    assert anonymous.get(url)["Location"] == f"/accounts/sign-in/?next={quote(url)}"


@pytest.mark.parametrize("persona", ["officer", "focal_point"])
@pytest.mark.parametrize("url", GET_PAGES)
def test_other_roles_are_refused(request, persona, url):
    assert request.getfixturevalue(persona).get(url).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "focal_point"])
@pytest.mark.parametrize("url", POSTS)
def test_other_roles_cannot_post(request, persona, url):
    assert request.getfixturevalue(persona).post(url, {}).status_code == 403


@pytest.mark.parametrize("url", GET_PAGES + POSTS)
def test_anonymous_is_sent_to_sign_in(anonymous, url):
    response = anonymous.post(url, {}) if url in POSTS else anonymous.get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/sign-in/?next={quote(url, safe='/')}",
    )


def test_forms_carry_the_csrf_token(staff, contact):
    for url in [
        *GET_PAGES[:5],
        "/office/treaties/figures/",
        f"/office/treaties/contacts/correct/{contact.pk}/",
    ]:
        html = staff.get(url).content.decode()
        assert html.count('<form method="post"') == html.count('name="csrfmiddlewaretoken"'), url


# --------------------------------------------------------------------------------- deposits


def deposit_form(**values):
    return {
        "state": "ISR",
        "kind": "accession",
        "date": clock.today().isoformat(),
        "depositary": ["W"],
        "source": "Depositary notification (example)",
    } | values


def test_an_accession_recorded_on_the_page_moves_the_public_status_at_once(staff, anonymous, bwc):
    before = parties_today(bwc)
    assert anonymous.get("/status/").context["status"].states_parties.count("ISR") == 0
    response = staff.post("/office/treaties/deposits/", deposit_form(depositary=["L", "W"]), follow=True)
    assert response.redirect_chain == [("/office/treaties/deposits/", 302)]
    html = response.content.decode()
    assert f"States Parties today: {before + 1}." in html
    assert "Depositary notification (example)" in html
    event = TreatyEvent.objects.get(state__code="ISR", kind="accession")
    assert (event.depositary, event.origin, event.date) == ("L,W", "deposit", clock.today())
    entry = AuditEntry.objects.get(action="treaty.deposit")
    assert (entry.actor, entry.via) == ("isu-staff", "page")
    status = anonymous.get("/status/").content.decode()
    assert f'<b id="count-parties">{before + 1}</b>' in status


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"state": "FRA", "kind": "ratification"},
            "FRA ratification of the BWC: FRA is already a party (accession of 1984-09-27)",
        ),
        ({"date": "2999-01-01"}, "the date of deposit 1 January 2999 is in the future"),
        ({"date": "1970-01-01"}, "is before the BWC opened for signature (10 April 1972)"),
        ({"kind": "ratification"}, "ISR has not signed; a State that has not signed accedes"),
        ({"depositary": ["X"]}, "Select a valid choice. X is not one of the available choices."),
        ({"depositary": []}, "This field is required."),
        ({"state": "XXX"}, "Select a valid choice. XXX is not one of the available choices."),
        ({"state": "'; DROP TABLE treaties_state; --"}, "Select a valid choice."),
        ({"kind": "withdrawal"}, "Select a valid choice. withdrawal is not one of the available choices."),
        ({"date": "2020-13-45"}, "Enter a valid date."),
        ({"source": "\x00"}, "Null characters are not allowed."),
        ({"source": "   "}, "This field is required."),
        ({"source": "a" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
        ({"source": "notice\x07"}, "the source holds control characters"),
    ],
)
def test_a_bad_deposit_is_refused_with_a_clear_message_and_nothing_written(staff, bwc, values, message):
    events, entries = TreatyEvent.objects.count(), AuditEntry.objects.count()
    response = staff.post("/office/treaties/deposits/", deposit_form(**values))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert (TreatyEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_a_hostile_source_is_kept_as_text_and_shown_escaped(staff, bwc):
    source = '<script>alert(1)</script> "=HYPERLINK(x)"'
    response = staff.post("/office/treaties/deposits/", deposit_form(source=source), follow=True)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert TreatyEvent.objects.get(state__code="ISR").note == source


# --------------------------------------------------------------------------------- contacts


def contact_form(**values):
    return {
        "date": clock.today().isoformat(),
        "kind": "meeting",
        "made_by": "isu",
        "made_by_state": "",
        "summary": "The ISU met the Permanent Mission in Geneva.",
        "outcome": "",
        "source": "ISU note for the file (example)",
    } | values


def test_the_list_of_states_not_party_counts_the_contacts(staff, bwc, contact):
    response = staff.get("/office/treaties/contacts/")
    rows = {r["code"]: r for r in response.context["rows"]}
    status = treaty_status(bwc, clock.today())
    assert set(rows) == set(status.signatories) | set(status.neither)
    assert (rows["ISR"]["contacts"], rows["ISR"]["last"], str(rows["ISR"]["status"])) == (
        1,
        clock.today(),
        "neither party nor signatory",
    )
    assert str(rows["EGY"]["status"]) == "signatory"


def test_the_contacts_list_costs_the_same_queries_for_one_contact_and_many(staff, bwc, contact):
    with CaptureQueriesContext(connection) as one:
        staff.get("/office/treaties/contacts/ISR/")
    for i in range(5):
        record_contact(
            bwc,
            State.objects.get(code="ISR"),
            date=clock.today(),
            kind="visit",
            made_by="depositary",
            made_by_state=State.objects.get(code="GBR"),
            summary=f"Visit {i}",
            source="example",
            by=SYSTEM,
        )
    with CaptureQueriesContext(connection) as six:
        response = staff.get("/office/treaties/contacts/ISR/")
    assert len(response.context["current"]) == 6
    assert len(six) == len(one)


def test_staff_records_a_contact_and_corrects_it(staff, bwc):
    response = staff.post(
        "/office/treaties/contacts/ISR/",
        contact_form(made_by="depositary", made_by_state="GBR", kind="visit"),
        follow=True,
    )
    assert response.redirect_chain == [("/office/treaties/contacts/ISR/", 302)]
    first = UniversalizationContact.objects.get()
    assert (first.made_by, first.made_by_state.code, first.recorded_by) == ("depositary", "GBR", "isu-staff")
    url = f"/office/treaties/contacts/correct/{first.pk}/"
    form = staff.get(url).context["form"]
    assert (form.initial["made_by_state"], form.initial["kind"]) == ("GBR", "visit")
    response = staff.post(
        url,
        contact_form(made_by="depositary", made_by_state="GBR", kind="visit", outcome="Accession considered.")
        | {"reason": "The outcome was reported later."},
        follow=True,
    )
    assert response.redirect_chain == [("/office/treaties/contacts/ISR/", 302)]
    assert [c.outcome for c in response.context["current"]] == ["Accession considered."]
    assert [c.pk for c in response.context["replaced"]] == [first.pk]
    again = staff.post(url, contact_form() | {"reason": "again"})
    assert again.status_code == 400
    assert "is already corrected; correct its latest account" in again.content.decode()
    same = staff.post(
        f"/office/treaties/contacts/correct/{response.context['current'][0].pk}/",
        contact_form(made_by="depositary", made_by_state="GBR", kind="visit", outcome="Accession considered.")
        | {"reason": "nothing"},
    )
    assert "the correction changes nothing" in same.content.decode()


@pytest.mark.parametrize(
    ("code", "values", "message"),
    [
        ("FRA", {}, "FRA was a State Party on"),
        ("ISR", {"made_by": "depositary"}, "a contact made by a depositary names which: GBR, RUS, USA"),
        ("ISR", {"made_by": "depositary", "made_by_state": "FRA"}, "names which: GBR, RUS, USA"),
        (
            "ISR",
            {"made_by": "state", "made_by_state": "ISR"},
            "ISR cannot make a universalization contact with itself",
        ),
        ("ISR", {"made_by": "isu", "made_by_state": "FRA"}, "a contact made by isu names no State"),
        ("ISR", {"date": "2999-01-01"}, "is in the future"),
        ("ISR", {"kind": "<b>"}, "Select a valid choice."),
        ("ISR", {"made_by_state": "ZZZ"}, "Select a valid choice. ZZZ is not one of the available choices."),
        ("ISR", {"summary": "x" * 5001}, "Ensure this value has at most 5000 characters (it has 5001)."),
        ("ISR", {"summary": "text\x1b[31m"}, "the summary holds control characters"),
        ("ISR", {"source": ""}, "This field is required."),
    ],
)
def test_a_bad_contact_is_refused_with_a_clear_message_and_nothing_written(staff, code, values, message):
    entries = AuditEntry.objects.count()
    response = staff.post(f"/office/treaties/contacts/{code}/", contact_form(**values))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert (UniversalizationContact.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_an_unknown_state_or_contact_is_404(staff):
    assert staff.get("/office/treaties/contacts/XXX/").status_code == 404
    assert staff.get("/office/treaties/contacts/correct/999999/").status_code == 404


# ------------------------------------------------------------------------- the Chair's report


def test_the_chairs_report_lists_the_states_not_party_with_their_contacts(staff, bwc, contact):
    response = staff.get("/office/treaties/universalization/")
    rows = {r["row"].code: r for r in response.context["rows"]}
    status = treaty_status(bwc, clock.today())
    assert set(rows) == set(status.signatories) | set(status.neither)
    assert [c.pk for c in rows["ISR"]["row"].contacts] == [contact.pk]
    html = response.content.decode()
    assert "The Chair wrote to the Minister for Foreign Affairs." in html
    assert f"{len(status.states_parties)} States were party to the Convention" in html


def test_the_chairs_report_names_states_in_the_pages_language(staff, contact):
    html = staff.get("/fr/office/treaties/universalization/").content.decode()
    assert "Israël" in html
    assert "Le rapport du Président sur l’universalisation" in html


def test_the_export_neutralises_formulas(staff, bwc):
    record_contact(
        bwc,
        State.objects.get(code="ISR"),
        date=clock.today(),
        kind="other",
        made_by="chair",
        summary='=HYPERLINK("http://evil.example","x")',
        outcome="+1",
        source="@source",
        by=SYSTEM,
    )
    response = staff.get("/office/treaties/universalization/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="BWC-universalization-{clock.today().year}-EN.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "State code",
        "State",
        "Status",
        "Signed on",
        "Date of the contact",
        "Kind of contact",
        "Made by",
        "Summary",
        "Outcome",
        "Source",
    ]
    isr = [r for r in rows if r[0] == "ISR"]
    assert isr == [
        [
            "ISR",
            "Israel",
            "neither party nor signatory",
            "",
            clock.today().isoformat(),
            "other",
            "the Chair",
            '\'=HYPERLINK("http://evil.example","x")',
            "'+1",
            "'@source",
        ]
    ]
    status = treaty_status(bwc, clock.today())
    assert len(rows) == 1 + len(status.signatories) + len(status.neither)
    book = openpyxl.load_workbook(
        io.BytesIO(staff.get("/office/treaties/universalization/?format=xlsx").content)
    )
    cells = [[c.value for c in row] for row in book.active.iter_rows() if row[0].value == "ISR"]
    assert cells[0][7] == '\'=HYPERLINK("http://evil.example","x")'
    assert book.active.cell(1, 1).data_type == "s"


@pytest.mark.parametrize("query", ["?format=pdf", "?year=abc", "?year=1800", "?on=2020-13-01", "?year=%00"])
def test_bad_parameters_of_the_report_are_404(staff, query):
    assert staff.get(f"/office/treaties/universalization/{query}").status_code == 404


def test_the_draft_action_records_the_chairs_report_in_six_languages(staff, bwc, contact):
    year = clock.today().year
    response = staff.post(f"/office/treaties/universalization/?year={year}", follow=True)
    document = Document.objects.get(
        meeting__series=f"BWC/MSP/{year}", title__en__startswith="Report of the Chair"
    )
    assert sorted(document.versions.values_list("lang", flat=True)) == ["ar", "en", "es", "fr", "ru", "zh"]
    html = response.content.decode()
    assert f"The draft is recorded as {document.symbol}, in six languages." in html
    assert f"The draft document is recorded as {document.symbol}." in html
    again = staff.post(f"/office/treaties/universalization/?year={year}", follow=True).content.decode()
    assert f"No draft was made: the draft is already recorded as {document.symbol}" in again
    none = staff.post("/office/treaties/universalization/?year=2001", follow=True).content.decode()
    assert "No draft was made: no Meeting of States Parties of 2001 is recorded: plan it first" in none


# ------------------------------------------------------------------------------ the ISU's figures


def test_the_figures_of_2017_are_the_records(staff):
    response = staff.get("/office/treaties/figures/?year=2017")
    html = response.content.decode()
    assert '<td class="num" id="fig-meetings">1</td>' in html
    assert '<td class="num" id="fig-documents">34</td>' in html
    assert '<td class="num" id="fig-delegations">169</td>' in html
    assert [a["app"] for a in response.context["apps"]] == [
        "cbm",
        "cooperation",
        "assistance",
        "sponsorship",
        "finance",
    ]
    for chart in ("parties", "meetings", "documents"):
        assert response.context["charts"][chart].startswith('<svg class="chart"'), chart


def test_a_figure_moves_when_a_record_changes(staff, bwc, contact):
    year = clock.today().year

    def figures():
        return staff.get(f"/office/treaties/figures/?year={year}").context["figures"]["universalization"]

    before = figures()
    staff.post("/office/treaties/deposits/", deposit_form())
    staff.post("/office/treaties/contacts/EGY/", contact_form())
    after = figures()
    assert (after["states_parties"], after["joined"], after["contacts"], after["neither"]) == (
        before["states_parties"] + 1,
        before["joined"] + 1,
        before["contacts"] + 1,
        before["neither"] - 1,
    )


def test_the_draft_action_records_the_isu_report(staff, bwc):
    year = clock.today().year
    response = staff.post(f"/office/treaties/figures/?year={year}", follow=True)
    document = Document.objects.get(
        meeting__series=f"BWC/MSP/{year}", title__en__startswith="Report of the Implementation Support Unit"
    )
    assert f"The draft is recorded as {document.symbol}, in six languages." in response.content.decode()
    assert response.context["draft"] == document


def test_the_figures_page_speaks_french(staff):
    html = staff.get("/fr/office/treaties/figures/?year=2017").content.decode()
    assert "Réunions tenues" in html
    assert "Meetings held" not in html


def test_every_chart_is_an_svg_with_a_title_and_no_style_attribute(staff):
    charts = staff.get("/office/treaties/figures/?year=2017").context["charts"]
    for name, svg in charts.items():
        if not svg:
            continue
        assert svg.count("<title>") >= 1 and " style=" not in svg, name
    assert dt.date.today().year > 2000


def test_the_chairs_report_costs_the_same_queries_for_one_contact_and_many(staff, bwc, contact):
    with CaptureQueriesContext(connection) as one:
        staff.get("/office/treaties/universalization/")
    for code in ("EGY", "HTI", "SOM", "TCD", "DJI"):
        record_contact(
            bwc,
            State.objects.get(code=code),
            date=clock.today(),
            kind="letter",
            made_by="depositary",
            made_by_state=State.objects.get(code="USA"),
            summary="A letter.",
            source="example",
            by=SYSTEM,
        )
    with CaptureQueriesContext(connection) as six:
        response = staff.get("/office/treaties/universalization/")
    assert response.context["report"].contacts == 6
    assert len(six) == len(one)


def test_the_figures_page_costs_the_same_queries_whatever_the_years_charted(staff):
    with CaptureQueriesContext(connection) as few:
        staff.get(
            "/office/treaties/figures/?year=2019"
        )  # charts of 11 years; then of 20 (both after the demo's invoices)
    with CaptureQueriesContext(connection) as many:
        staff.get("/office/treaties/figures/?year=2026")
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"reason": ""}, "This field is required."),
        ({"reason": "why\x07 not"}, "the reason for the correction holds control characters"),
        ({"reason": "r" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
        ({"reason": "later", "date": "2999-12-31"}, "is in the future"),
        ({"reason": "later", "made_by": "state", "made_by_state": "EGY"}, "EGY was not a State Party on"),
    ],
)
def test_a_bad_correction_is_refused_and_the_contact_stays(staff, contact, values, message):
    url = f"/office/treaties/contacts/correct/{contact.pk}/"
    form = contact_form(kind="letter", made_by="chair", summary=contact.summary, source=contact.source)
    response = staff.post(url, form | values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(UniversalizationContact.objects.values_list("pk", flat=True)) == [contact.pk]


def test_a_refused_contact_correction_reads_in_the_readers_language(staff, contact):
    """The domain's refusal in French and Chinese through the correction page; English kept."""
    from plenary.core.errors import DomainError
    from plenary.treaties.domain import correct_contact

    url = f"/office/treaties/contacts/correct/{contact.pk}/"
    form = {
        "date": contact.date.isoformat(),
        "kind": contact.kind,
        "made_by": contact.made_by,
        "made_by_state": "",
        "summary": contact.summary,
        "outcome": "",
        "source": contact.source,
        "reason": "checked",
    }
    assert "la correction ne change rien" in staff.post(f"/fr{url}", form).content.decode()
    assert "更正未作任何改动" in staff.post(f"/zh-hans{url}", form).content.decode()
    with pytest.raises(DomainError) as caught:
        correct_contact(contact, reason="checked", by=SYSTEM, summary=contact.summary)
    from django.utils import translation

    with translation.override("fr"):
        assert caught.value.english() == "the correction changes nothing"
        assert str(caught.value) == "la correction ne change rien"
