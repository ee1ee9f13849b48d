"""Cost estimates through their domain (plenary.finance.estimates): rates, estimates, the meetings'
parts, options, the issue as a document in six languages; bad and hostile input refused with
nothing written; issued means frozen; the demo's 2018 estimates."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from plenary.finance import costing, estimate_queries, estimates
from plenary.finance.models import CostEstimate, CostItem, CostLine, CostRate
from plenary.meetings.models import Meeting

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("test-setup")


@pytest.fixture
def staff(people):
    return Actor.of(people["staff"], via="page")


@pytest.fixture
def estimate(staff):
    return estimates.create_estimate(year=2018, option="A", title="The 2018 programme", by=staff)


def counts():
    return (
        CostEstimate.objects.count(),
        CostItem.objects.count(),
        CostLine.objects.count(),
        CostRate.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_demo_holds_the_2018_options_side_by_side():
    rows = list(estimate_queries.with_lines(CostEstimate.objects.filter(year=2018)).order_by("pk"))
    assert [(e.option, e.status) for e in rows] == [("A", "draft"), ("+5", "draft"), ("+10", "draft")]
    assert [i.label for i in rows[0].items.all()] == [
        "BWC/MSP/2018/MX.1",
        "BWC/MSP/2018/MX.2",
        "BWC/MSP/2018/MX.3",
        "BWC/MSP/2018/MX.4",
        "BWC/MSP/2018/MX.5",
        "BWC/MSP/2018",
    ]
    assert [sum(i.days for i in e.items.all()) for e in rows] == [12, 17, 22]
    compared = estimate_queries.comparison(rows)
    assert compared.totals == (D("1782462.00"), D("1961002.00"), D("2139542.00"))
    assert compared.differences == (D("0.00"), D("178540.00"), D("357080.00"))
    for e in rows:
        assert e.total == e.subtotal + e.support
        assert e.subtotal == sum((line.amount for line in e.lines.all() if line.section != "support"), D(0))
    assert all(r.example for r in CostRate.objects.exclude(code=costing.PROGRAMME_SUPPORT))
    assert not CostRate.objects.get(code=costing.PROGRAMME_SUPPORT).example


def test_loading_the_rates_twice_changes_nothing(staff):
    before = counts()
    assert estimates.load_cost_rates(by=staff) == {"added": 0, "updated": 0, "unchanged": 8}
    assert counts() == before


def test_a_meeting_from_its_parts_and_every_line_keeps_its_rate(staff, estimate):
    msp = Meeting.objects.get(series="BWC/MSP/2018")
    item = estimates.set_meeting_costs(
        estimate, meeting=msp, days=4, pages_before=80, pages_during=40, pages_after=60, by=staff
    )
    estimate.refresh_from_db()
    assert (item.label, estimate.subtotal, estimate.support, estimate.total) == (
        "BWC/MSP/2018",
        D("335800.00"),
        D("43654.00"),
        D("379454.00"),
    )
    lines = list(estimate.lines.select_related("rate"))
    assert [(x.code, x.quantity, x.rate_amount, x.amount, x.rate.code) for x in lines] == [
        ("conference_day", D(4), D("10600.00"), D("42400.00"), "conference_day"),
        ("interpretation_day", D(4), D("21000.00"), D("84000.00"), "interpretation_day"),
        ("document_page_before", D(480), D("190.00"), D("91200.00"), "document_page_before"),
        ("document_page_during", D(240), D("230.00"), D("55200.00"), "document_page_during"),
        ("document_page_after", D(360), D("175.00"), D("63000.00"), "document_page_after"),
        ("programme_support", D("335800.00"), D("13.00"), D("43654.00"), "programme_support"),
    ]
    assert all(x.item_id == item.pk for x in lines[:-1])
    # A change of the same meeting replaces its lines.
    estimates.set_meeting_costs(estimate, meeting=msp, days=3, by=staff)
    estimate.refresh_from_db()
    assert estimate.total == D("107124.00")  # 3 x 31,600 = 94,800 + 13 per cent
    entry = AuditEntry.objects.filter(action="cost_estimate.meeting").latest("id")
    assert (entry.before["days"], entry.after["days"], entry.after["total"]) == (4, 3, "107124.00")


def test_the_meetings_of_the_year_come_from_the_programme(staff, estimate):
    added = estimates.add_programme_meetings(estimate, pages_per_day=(1, 0, 0), by=staff)
    assert [(i.label, i.days, i.pages_before) for i in added] == [
        ("BWC/MSP/2018/MX.1", 2, 2),
        ("BWC/MSP/2018/MX.2", 2, 2),
        ("BWC/MSP/2018/MX.3", 1, 1),
        ("BWC/MSP/2018/MX.4", 2, 2),
        ("BWC/MSP/2018/MX.5", 1, 1),
        ("BWC/MSP/2018", 4, 4),
    ]
    # A second time adds nothing: the meetings are there.
    assert estimates.add_programme_meetings(estimate, by=staff) == []


def test_an_option_with_days_more(staff, estimate):
    estimates.set_meeting_costs(estimate, label="A meeting not yet planned", days=2, by=staff)
    option = estimates.derive_option(
        estimate, option="B", title="Two days more", extra_days={"A meeting not yet planned": 2}, by=staff
    )
    assert (option.derived_from_id, option.items.get().days) == (estimate.pk, 4)
    estimate.refresh_from_db()
    assert (estimate.total, option.total) == (D("71416.00"), D("142832.00"))
    with pytest.raises(DomainError, match="is not a meeting of the estimate"):
        estimates.derive_option(estimate, option="C", title="x", extra_days={"BWC/MSP/2099": 1}, by=staff)
    with pytest.raises(DomainError, match="needs another name than A"):
        estimates.derive_option(estimate, option="A", title="x", by=staff)
    with pytest.raises(DomainError, match="would have 61 days"):
        estimates.derive_option(
            option, option="D", title="x", extra_days={"A meeting not yet planned": 57}, by=staff
        )


@pytest.mark.parametrize(
    "values, message",
    [
        ({"days": -1}, "the meeting days cannot be less than 0"),
        ({"days": "2; DROP TABLE finance_costline"}, "the meeting days must be a whole number"),
        ({"days": 10**20}, "the meeting days cannot be more than 60"),
        ({"days": 1.5}, "the meeting days must be a whole number, not 1.5"),
        ({"days": 2, "pages_before": "lots"}, "the pages before the meeting must be a whole number"),
        ({"days": 2, "languages": 9}, "the number of languages cannot be more than 6"),
        ({"days": 2, "label": ""}, "the meeting's name is missing"),
        ({"days": 2, "label": "x\x00y"}, "the meeting's name contains control characters"),
        ({"days": 2, "label": "x" * 101}, "the meeting's name is too long"),
    ],
)
def test_bad_parts_are_refused_and_nothing_is_written(staff, estimate, values, message):
    values = {"label": "M"} | values
    before = counts()
    with pytest.raises(DomainError, match=message):
        estimates.set_meeting_costs(estimate, by=staff, **values)
    assert counts() == before


def test_a_meeting_of_another_year_is_refused(staff, estimate):
    with pytest.raises(DomainError, match="BWC/MSP/2017 is a meeting of 2017, not of 2018"):
        estimates.set_meeting_costs(
            estimate, meeting=Meeting.objects.get(series="BWC/MSP/2017"), days=1, by=staff
        )


@pytest.mark.parametrize(
    "values, message",
    [
        ({"year": 1900}, "the year cannot be less than 1975"),
        ({"year": "MMXVIII"}, "the year must be a whole number"),
        ({"title": ""}, r"the title \(en\) is missing"),
        ({"title": {"xx": "t"}}, "xx is not one of the UN languages"),
        ({"title": 42}, "the title must be text"),
        ({"option": "<script>"}, "an option is named by letters"),
        ({"rates_on": "yesterday"}, r"the rates' date must be a date \(YYYY-MM-DD\)"),
        ({"isu_posts": "-3"}, "the ISU's posts cannot be negative"),
        ({"isu_months": "13"}, "the ISU's months cannot be more than 12"),
        (
            {"rates_on": "2017-12-31"},
            "no rate programme_support|no rate isu_staff_post_month is valid on 31 December 2017",
        ),
    ],
)
def test_a_bad_estimate_is_refused_and_nothing_is_written(staff, values, message):
    values = {"year": 2018, "title": "T", "isu_posts": "1", "isu_months": 12} | values
    before = counts()
    with pytest.raises(DomainError, match=message):
        estimates.create_estimate(by=staff, **values)
    assert counts() == before


def test_a_missing_rate_refuses_the_change_and_keeps_the_figures(staff, estimate):
    estimates.set_meeting_costs(estimate, label="M", days=1, by=staff)
    CostRate.objects.filter(code=costing.PAGE_AFTER).update(valid_from=dt.date(2019, 1, 1))
    before = counts()
    with pytest.raises(
        DomainError, match="no rate document_page_after is valid on 1 January 2018: record it first"
    ):
        estimates.set_meeting_costs(estimate, label="M", days=1, pages_after=10, by=staff)
    assert counts() == before
    assert CostItem.objects.get(estimate=estimate).pages_after == 0


@pytest.mark.parametrize(
    "values, message",
    [
        ({"code": "champagne"}, "'champagne' is not a cost rate"),
        ({"amount": "-1"}, "cannot be negative"),
        ({"amount": 1.5}, "must be written as a decimal number"),
        ({"amount": "1e400"}, "is too large"),
        ({"amount": "NaN"}, "must be a finite number"),
        ({"amount": "ten"}, "must be a number such as 1234.50"),
        ({"source": "", "example": False}, "needs its source, or to be marked as an example rate"),
        ({"valid_to": "2017-01-01"}, "ends before it starts"),
        ({"valid_from": "2018-01-01"}, "already recorded"),
        ({"example": "no"}, "example is yes or no"),
    ],
)
def test_bad_rates_are_refused(staff, values, message):
    values = {
        "code": costing.CONFERENCE_DAY,
        "amount": "11000.00",
        "valid_from": "2019-01-01",
        "source": "UNOG DCM, 2019",
    } | values
    before = counts()
    with pytest.raises(DomainError, match=message):
        estimates.record_cost_rate(by=staff, **values)
    assert counts() == before


def test_a_new_rate_applies_from_its_day(staff, estimate):
    estimates.set_meeting_costs(estimate, label="M", days=1, interpretation=False, by=staff)
    estimates.record_cost_rate(
        code=costing.CONFERENCE_DAY, amount="11000.00", valid_from="2018-06-01", example=True, by=staff
    )
    estimates.update_estimate(estimate, rates_on="2018-07-01", by=staff)
    estimate.refresh_from_db()
    assert estimate.lines.get(code="conference_day").rate_amount == D("11000.00")


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "ngo", "officer"])
def test_only_the_secretariat_writes(people, estimate, persona):
    by = Actor.of(people[persona], via="page")
    msp = Meeting.objects.get(series="BWC/MSP/2017")
    acts = (
        lambda: estimates.create_estimate(year=2018, title="T", by=by),
        lambda: estimates.set_meeting_costs(estimate, label="M", days=1, by=by),
        lambda: estimates.update_estimate(estimate, title="x", by=by),
        lambda: estimates.derive_option(estimate, option="Z", title="x", by=by),
        lambda: estimates.record_cost_rate(
            code="conference_day", amount="1", valid_from="2030-01-01", example=True, by=by
        ),
        lambda: estimates.load_cost_rates(by=by),
        lambda: estimates.add_programme_meetings(estimate, by=by),
        lambda: estimates.issue_estimates([estimate], meeting=msp, by=by),
    )
    before = counts()
    for act in acts:
        with pytest.raises(NotAllowed, match="only the secretariat"):
            act()
    assert counts() == before


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def test_issued_as_the_cost_estimates_document_in_six_languages_and_frozen(
    staff, estimate, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    estimates.set_meeting_costs(estimate, label="BWC/MSP/2018", days=4, pages_before=80, by=staff)
    option = estimates.derive_option(
        estimate, option="B", title="Five days more", extra_days={"BWC/MSP/2018": 5}, by=staff
    )
    msp = Meeting.objects.get(series="BWC/MSP/2017")
    document = estimates.issue_estimates([option, estimate], meeting=msp, on="2017-12-15", by=staff)
    assert document.symbol.startswith("BWC/MSP/2017/")
    assert document.title["en"] == "Estimated costs of the meetings to be held in 2018"
    assert document.title["fr"] == "Prévisions de dépenses relatives aux réunions devant se tenir en 2018"
    assert document.status == "issued" and document.issued_on == dt.date(2017, 12, 15)
    files = IssuedFile.objects.filter(document=document)
    assert sorted(f.lang for f in files) == ["ar", "en", "es", "fr", "ru", "zh"]
    for e in (estimate, option):
        e.refresh_from_db()
        assert (e.status, e.document_id) == ("issued", document.pk)
    # Every figure of the document is a stored line or a sum of them.
    text = docx_text(document.versions.get(lang="en").file.read())
    for e in (estimate, option):
        for line in e.lines.all():
            assert costing.format_amount(line.amount, "en") in text
        assert costing.format_amount(e.total, "en") in text
    assert "Option A: The 2018 programme" in text and "Option B: Five days more" in text
    assert "(example)" in text and "ST/AI/286" in text
    assert "Rates marked (example) are example rates" in text
    french = docx_text(document.versions.get(lang="fr").file.read())
    assert costing.format_amount(estimate.total, "fr") in french
    # Issued means frozen.
    before = counts()
    for act in (
        lambda: estimates.set_meeting_costs(estimate, label="BWC/MSP/2018", days=1, by=staff),
        lambda: estimates.update_estimate(estimate, title="x", by=staff),
        lambda: estimates.remove_meeting_costs(estimate.items.get(), by=staff),
        lambda: estimates.add_programme_meetings(estimate, by=staff),
        lambda: estimates.issue_estimates([estimate], meeting=msp, by=staff),
    ):
        with pytest.raises(Frozen, match=f"the estimate is issued as {document.symbol}"):
            act()
    assert counts() == before
    # A rate an issued estimate used is not rewritten by a load.
    CostRate.objects.filter(code=costing.CONFERENCE_DAY).update(amount=D("1.00"))
    with pytest.raises(Frozen, match="is used by an issued estimate"):
        estimates.load_cost_rates(by=staff)
    # A new option may still be made from an issued one.
    again = estimates.derive_option(estimate, option="C", title="Again", by=staff)
    assert again.status == "draft"


def test_issue_refuses_a_bad_set_and_writes_nothing(staff, estimate, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    msp = Meeting.objects.get(series="BWC/MSP/2017")
    other = estimates.create_estimate(year=2019, option="B", title="2019", by=staff)
    estimates.set_meeting_costs(other, label="M", days=1, by=staff)
    same = estimates.create_estimate(year=2018, option="A", title="Same option", by=staff)
    before = counts()
    for chosen, message in (
        ([], "choose the estimates to issue"),
        ([estimate], "costs nothing yet"),
        ([estimate, other], "of one year"),
        ([estimate, same], "different option names"),
        ([estimate, estimate], "chosen twice"),
    ):
        with pytest.raises(DomainError, match=message):
            estimates.issue_estimates(chosen, meeting=msp, by=staff)
        assert counts() == before


def test_removing_a_meeting(staff, estimate):
    item = estimates.set_meeting_costs(estimate, label="M", days=2, by=staff)
    estimates.remove_meeting_costs(item, by=staff)
    estimate.refresh_from_db()
    assert (estimate.items.count(), estimate.subtotal, estimate.total) == (0, D("0.00"), D("0.00"))
