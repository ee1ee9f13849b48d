"""The Convention's finances in the back office.

# --- assessed contributions
The year's figures (the costs shared, the invoices, what came in, the cash position against the
meetings with a meeting whose funds are not assured flagged before its decision date, arrears by
State and age), the acts of the secretariat (a meeting's cost, the year's apportionment, the
invoices, a payment, a credit note, a contribution to the Working Capital Fund, the statement of
the financial situation drafted as a document) and the exports (CSV, XLSX). Thin: each act calls
one function of plenary.finance.domain."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.backoffice.views import staff_only
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.exports.tables import MIME, WRITERS, Table
from plenary.finance import domain, queries
from plenary.finance.apportion import AGE_BUCKETS
from plenary.finance.models import Apportionment, FundContribution, Payment
from plenary.finance.money import total
from plenary.meetings.models import Meeting
from plenary.treaties.models import State


class YearForm(forms.Form):
    total = forms.CharField(
        label=gettext_lazy("Total to share (USD; empty: the meetings' costs)"), max_length=30, required=False
    )
    basis = forms.CharField(label=gettext_lazy("What the total covers"), max_length=2000, required=False)
    replace = forms.BooleanField(label=gettext_lazy("Replace the preliminary assessments"), required=False)


class InvoiceForm(forms.Form):
    issued_on = forms.CharField(label=gettext_lazy("Issued on (YYYY-MM-DD)"), max_length=10)
    due_on = forms.CharField(label=gettext_lazy("Due on (YYYY-MM-DD)"), max_length=10)


class CostForm(forms.Form):
    meeting = forms.CharField(label=gettext_lazy("Meeting (series)"), max_length=60)
    amount = forms.CharField(label=gettext_lazy("Cost (USD)"), max_length=30)
    decision_on = forms.CharField(
        label=gettext_lazy("Decision by (YYYY-MM-DD; empty: three months before)"),
        max_length=10,
        required=False,
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    example = forms.BooleanField(label=gettext_lazy("Example amount"), required=False)


class PaymentForm(forms.Form):
    state = forms.CharField(label=gettext_lazy("State (alpha-3 code)"), max_length=3)
    amount = forms.CharField(label=gettext_lazy("Amount (USD)"), max_length=30)
    received_on = forms.CharField(label=gettext_lazy("Received on (YYYY-MM-DD)"), max_length=10)
    reference = forms.CharField(label=gettext_lazy("Reference"), max_length=100, required=False)


class CreditForm(forms.Form):
    state = forms.CharField(label=gettext_lazy("State (alpha-3 code)"), max_length=3)
    amount = forms.CharField(label=gettext_lazy("Amount (USD)"), max_length=30)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


class FundForm(forms.Form):
    state = forms.CharField(label=gettext_lazy("State (alpha-3 code)"), max_length=3)
    amount = forms.CharField(label=gettext_lazy("Amount (USD)"), max_length=30)
    received_on = forms.CharField(label=gettext_lazy("Received on (YYYY-MM-DD)"), max_length=10)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    example = forms.BooleanField(label=gettext_lazy("Example amount"), required=False)


def _state(code: str) -> State:
    code = code.strip().upper()
    state = State.objects.filter(code=code).first() if len(code) == 3 else None
    if state is None:
        raise DomainError(_("No State has the code %(code)s.") % {"code": code[:3]})
    return state


def _year(value: str | None) -> int:
    if not value:
        years = queries.years()
        return years[0] if years else clock.today().year
    if not value.isdigit() or not 1975 <= int(value) <= 2200:
        raise Http404("the year is a number such as 2018")
    return int(value)


def _day(value: str | None) -> dt.date:
    if not value:
        return clock.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Http404("as_of is a date written YYYY-MM-DD") from None
    if not 1900 <= day.year <= 2200:
        raise Http404("as_of is out of range")
    return day


def _page(request: HttpRequest, year: int, forms_: dict, status: int = 200) -> HttpResponse:
    as_of = _day(request.GET.get("as_of"))
    cash = queries.cash_position(year, as_of)
    owed = queries.arrears(as_of)
    totals = {
        "invoiced": total(r.invoiced for r in owed),
        "paid": total(r.paid for r in owed),
        "outstanding": total(r.outstanding for r in owed),
        **{b: total(r.buckets[b] for r in owed) for b in AGE_BUCKETS},
    }
    return render(
        request,
        "backoffice/finance/year.html",
        {
            "year": year,
            "years": queries.years(),
            "as_of": as_of,
            "cash": cash,
            "arrears": owed,
            "totals": totals,
            "forms": {
                "year": forms_.get("year") or YearForm(),
                "invoice": forms_.get("invoice") or InvoiceForm(),
                "cost": forms_.get("cost") or CostForm(),
            },
            "meeting": None,
        },
        status=status,
    )


@staff_only
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    return _page(request, _year(request.GET.get("year")), {})


def _to_year(year: int) -> HttpResponse:
    return redirect(f"{reverse('backoffice:finance_overview')}?year={year}")


def _act(request: HttpRequest, year: int, name: str, form: forms.Form, act) -> HttpResponse:
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except DomainError as e:
            form.add_error(None, _(str(e)))
        else:
            return _to_year(year)
    return _page(request, year, {name: form}, status=400)


@staff_only
@require_http_methods(["POST"])
def apportion(request: HttpRequest, year: int) -> HttpResponse:
    def act(data):
        domain.apportion_year(
            year,
            total_amount=data["total"],
            basis=data["basis"],
            replace=data["replace"],
            by=actor_of(request),
        )
        messages.success(request, _("The costs of the year have been shared."))

    return _act(request, year, "year", YearForm(request.POST), act)


@staff_only
@require_http_methods(["POST"])
def issue(request: HttpRequest, year: int) -> HttpResponse:
    apportionment = get_object_or_404(Apportionment, treaty="BWC", year=year)

    def act(data):
        made = domain.issue_invoices(
            apportionment, issued_on=data["issued_on"], due_on=data["due_on"], by=actor_of(request)
        )
        messages.success(request, _("%(n)d invoices have been issued.") % {"n": len(made)})

    return _act(request, year, "invoice", InvoiceForm(request.POST), act)


@staff_only
@require_http_methods(["POST"])
def cost(request: HttpRequest, year: int) -> HttpResponse:
    def act(data):
        meeting = Meeting.objects.filter(series=data["meeting"].strip(), year=year).first()
        if meeting is None:
            raise DomainError(_("No meeting of this year has this series."))
        domain.set_meeting_cost(
            meeting,
            amount=data["amount"],
            decision_on=data["decision_on"],
            source=data["source"],
            example=data["example"],
            by=actor_of(request),
        )
        messages.success(request, _("The cost of the meeting has been recorded."))

    return _act(request, year, "cost", CostForm(request.POST), act)


@staff_only
@require_http_methods(["GET", "POST"])
def payments(request: HttpRequest) -> HttpResponse:
    payment_form = PaymentForm(request.POST if "record-payment" in request.POST else None)
    credit_form = CreditForm(request.POST if "record-credit" in request.POST else None)
    status = 200
    if request.method == "POST":
        status = 400
        form = payment_form if "record-payment" in request.POST else credit_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is payment_form:
                    domain.record_payment(
                        _state(data["state"]),
                        amount=data["amount"],
                        received_on=data["received_on"],
                        reference=data["reference"],
                        by=actor_of(request),
                    )
                    messages.success(request, _("The payment has been recorded."))
                else:
                    domain.record_credit_note(
                        _state(data["state"]),
                        amount=data["amount"],
                        reason=data["reason"],
                        by=actor_of(request),
                    )
                    messages.success(request, _("The credit note has been recorded."))
            except DomainError as e:
                form.add_error(None, _(str(e)))
            else:
                return redirect("backoffice:finance_payments")
    rows = list(Payment.objects.select_related("state").order_by("-received_on", "-pk")[:50])
    return render(
        request,
        "backoffice/finance/payments.html",
        {"payment_form": payment_form, "credit_form": credit_form, "rows": rows, "meeting": None},
        status=status,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def fund(request: HttpRequest) -> HttpResponse:
    form = FundForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                domain.record_fund_contribution(
                    _state(data["state"]),
                    amount=data["amount"],
                    received_on=data["received_on"],
                    source=data["source"],
                    example=data["example"],
                    by=actor_of(request),
                )
            except DomainError as e:
                form.add_error(None, _(str(e)))
            else:
                messages.success(request, _("The contribution has been recorded."))
                return redirect("backoffice:finance_fund")
    rows = list(FundContribution.objects.select_related("state").order_by("-received_on", "-pk"))
    return render(
        request,
        "backoffice/finance/fund.html",
        {"form": form, "rows": rows, "balance": queries.wcf_balance(clock.today()), "meeting": None},
        status=status,
    )


@staff_only
@require_http_methods(["POST"])
def statement(request: HttpRequest, year: int) -> HttpResponse:
    try:
        document = domain.draft_statement(year, as_of=request.POST.get("as_of") or None, by=actor_of(request))
    except DomainError as e:
        messages.error(request, _(str(e)))
        return _to_year(year)
    messages.success(
        request, _("The statement has been drafted as %(symbol)s.") % {"symbol": document.symbol}
    )
    return _to_year(year)


EXPORTS = ("arrears", "assessments", "payments")


@staff_only
@require_http_methods(["GET"])
def export(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    """CSV or XLSX of the arrears by State and age, a year's assessments, or the payments; cells
    that a spreadsheet would run as formulas are neutralised (plenary.exports.tables)."""
    if what not in EXPORTS or fmt not in WRITERS:
        raise Http404("no such export")
    as_of = _day(request.GET.get("as_of"))
    table = _table(what, as_of, request.GET.get("year"))
    response = HttpResponse(WRITERS[fmt](table), content_type=MIME[fmt])
    response["Content-Disposition"] = f'attachment; filename="finance-{what}-{as_of.isoformat()}.{fmt}"'
    return response


def _table(what: str, as_of: dt.date, year: str | None) -> Table:
    if what == "arrears":
        rows = [
            [
                r.state.code,
                r.invoiced,
                r.paid,
                r.outstanding,
                r.buckets["0-1"],
                r.buckets["1-2"],
                r.buckets["2+"],
                " ".join(r.numbers),
            ]
            for r in queries.arrears(as_of)
        ]
        columns = (
            "state",
            "invoiced",
            "paid",
            "outstanding",
            "arrears_0_1",
            "arrears_1_2",
            "arrears_2_plus",
            "invoices",
        )
        return Table("arrears", columns, rows)
    if what == "assessments":
        the_year = _year(year)
        a = Apportionment.objects.filter(treaty="BWC", year=the_year).first()
        rows = []
        if a is not None:
            for x in a.assessments.select_related("state").order_by("state__code"):
                rows.append(
                    [
                        x.state.code,
                        the_year,
                        x.scale_rate,
                        x.adjusted_rate,
                        x.amount,
                        a.status,
                        "yes" if a.example else "",
                    ]
                )
        return Table(
            "assessments",
            ("state", "year", "scale_rate", "adjusted_rate", "amount", "status", "example"),
            rows,
        )
    rows = [
        [p.state.code, p.received_on.isoformat(), p.amount, p.reference, "yes" if p.example else ""]
        for p in Payment.objects.filter(received_on__lte=as_of)
        .select_related("state")
        .order_by("received_on", "pk")
    ]
    return Table("payments", ("state", "received_on", "amount", "reference", "example"), rows)
