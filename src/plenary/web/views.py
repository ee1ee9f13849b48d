"""The public pages. Thin: they read through the apps' queries and render templates; every page
is in the reader's UN language (the URL prefix), with a visible fallback for missing texts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from plenary.core import clock
from plenary.core.languages import UN_LANGUAGES, normalize_lang, pick
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS, REFERENCE
from plenary.documents import queries as document_queries
from plenary.documents.models import Document, IssuedFile, LanguageVersion, Sponsorship
from plenary.documents.symbols import SymbolError, parse
from plenary.exports.queries import meeting_page
from plenary.meetings.models import Meeting, Officer
from plenary.meetings.programme import recorded_years
from plenary.meetings.queries import meetings_with_officers, programme_of, version_scopes
from plenary.participation.models import Category, Delegation
from plenary.proceedings.models import Statement
from plenary.reports import agenda as agenda_documents
from plenary.reports.models import Report
from plenary.treaties.models import (
    EARLIEST_FIRST,
    Group,
    GroupMembership,
    State,
    StateName,
    Treaty,
    TreatyEvent,
)
from plenary.treaties.queries import names_at, names_on, treaty_status
from plenary.treaties.status import status_on
from plenary.web import reading
from plenary.web.charts import parties_over_time_svg


def ui_lang(request: HttpRequest) -> str:
    return normalize_lang(getattr(request, "LANGUAGE_CODE", "en") or "en")


class Text:
    """A multilingual value as a page shows it: the text, and the language it fell back to."""

    def __init__(self, values: dict | None, lang: str):
        picked = pick(values, lang)
        self.text = picked.text if picked else ""
        self.lang = picked.lang if picked else lang
        self.fallback = bool(picked and picked.fallback)

    def __str__(self) -> str:
        return self.text

    def lines(self) -> list[Text]:
        """The text's lines (a decision's sentence, then its sub-paragraphs), each as a Text in the
        same language, so that a page sets each on its own line with the fallback shown."""
        out = []
        for line in self.text.splitlines():
            if line.strip():
                part = Text(None, self.lang)
                part.text, part.lang, part.fallback = line.strip(), self.lang, self.fallback
                out.append(part)
        return out


def treaty_or_404(code: str = "BWC") -> Treaty:
    treaty = Treaty.objects.filter(code=code).first()
    if treaty is None:
        raise Http404(_("No treaty is loaded yet."))
    return treaty


def _parse_date(value: str | None, default: dt.date) -> tuple[dt.date, str | None]:
    if not value:
        return default, None
    try:
        return dt.date.fromisoformat(value), None
    except ValueError:
        return default, _("“%(value)s” is not a date (YYYY-MM-DD); showing %(date)s.") % {
            "value": value,
            "date": default,
        }


DOC_KINDS = [
    ("official", gettext_lazy("Official documents")),
    ("WP", gettext_lazy("Working papers")),
    ("INF", gettext_lazy("Information documents")),
    ("MISC", gettext_lazy("Miscellaneous documents")),
    ("CRP", gettext_lazy("Conference room papers")),
]


@require_safe
def databases(request: HttpRequest) -> HttpResponse:
    """The public pages of the treaty's databases, linked from the main menu."""
    return render(request, "web/databases.html")


@cached([RECORDS])  # the next meeting and the latest ones: every meeting
def home(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    treaty = Treaty.objects.filter(code="BWC").first()
    if treaty is None:
        return render(request, "web/empty.html", status=503)
    today = clock.today()
    status = treaty_status(treaty, today)
    meetings = list(meetings_with_officers(treaty))
    next_meeting, latest = next_and_latest(meetings, today)
    groups = {g.code: Text(g.names, lang) for g in Group.objects.filter(scheme=treaty.code)}
    return render(
        request,
        "web/home.html",
        {
            "treaty": treaty,
            "title": Text(treaty.names, lang),
            "short_title": Text(treaty.short_names, lang),
            "today": today,
            "status": status,
            "next_meeting": next_meeting,
            "in_session": bool(next_meeting and next_meeting.start and next_meeting.start <= today),
            "latest": latest[:5],
            "plan": [_year_row(y) for y in recorded_years(treaty.profile, meetings)],
            "groups": groups,
        },
    )


def next_and_latest(meetings: list[Meeting], today: dt.date) -> tuple[Meeting | None, list[Meeting]]:
    """The next meeting on `today` (the first, by its opening, of those held or planned that have
    not ended: one in session is the next; when none is dated, the first planned for this year or
    later whose dates are not on record yet) and the meetings held that ended before `today`, the
    latest first."""
    dated = [m for m in meetings if m.start and m.status in ("held", "planned")]
    coming = sorted((m for m in dated if (m.end or m.start) >= today), key=lambda m: (m.start, m.series))
    if not coming:
        undated = (m for m in meetings if not m.start and m.status == "planned" and m.year >= today.year)
        coming = sorted(undated, key=lambda m: (m.year, m.series))
    held = [m for m in dated if m.status == "held" and (m.end or m.start) < today]
    held.sort(key=lambda m: (m.end or m.start, m.start, m.series), reverse=True)
    return (coming[0] if coming else None), held


def _chair(meeting: Meeting) -> Officer | None:
    return next((o for o in meeting.officers.all() if o.role == "chair"), None)


def _year_row(year) -> dict:
    """A year of the programme for the home page: each meeting's code and its chair's group, as
    recorded, else as the rotation gives it."""
    cells = []
    for m in year.meetings:
        chair = _chair(m)
        group = chair.group.code if chair and chair.group else year.expected(m.code)
        cells.append({"meeting": m, "group": group})
    return {"year": year.year, "meetings": cells}


@cached([RECORDS])
def meetings(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    treaty = treaty_or_404()
    officers = Officer.objects.select_related("state", "group").order_by("role", "position")
    rows = (
        Meeting.objects.filter(treaty=treaty)
        .prefetch_related(Prefetch("officers", queryset=officers))
        .annotate(
            n_documents=Count("documents", distinct=True),
            # Registrations count once the secretariat approved them.
            n_delegations=Count(
                "delegations", filter=Q(delegations__review=Delegation.Review.APPROVED), distinct=True
            ),
        )
        .order_by("-start", "series")
    )
    # Each meeting's Chair (a Review Conference's President), and the day its State is named on.
    table = []
    for m in rows:
        chair = next((o for o in m.officers.all() if o.role in ("chair", "president")), None)
        on = m.start or dt.date(m.year, 1, 1)
        table.append(
            {"meeting": m, "chair": chair, "key": (chair.state.code, on) if chair and chair.state else None}
        )
    names = names_at([row["key"] for row in table if row["key"]], lang)
    for row in table:
        row["state"] = names.get(row.pop("key"), "")
    return render(request, "web/meetings.html", {"rows": table})


@cached(lambda request, series: version_scopes(series))
def meeting(request: HttpRequest, series: str) -> HttpResponse:
    lang = ui_lang(request)
    series = series.strip("/")
    page = meeting_page(series)
    if page is None:
        raise Http404(f"no meeting {series}")
    m = page.meeting
    on = m.start or dt.date(m.year, 1, 1)
    names = names_on(on, lang)
    officers = page.officers
    delegations = page.delegations
    tallies = {t.category: t for t in m.tallies.all()}
    by_category: list[dict] = []
    for code, label in Category.choices:
        members = [d for d in delegations if d.category == code]
        tally = tallies.get(code)
        count = len(members) + (tally.count if tally else 0)
        if count:
            by_category.append(
                {
                    "code": code,
                    "label": label,
                    "count": count,
                    "tally": tally,
                    "members": [
                        {
                            "delegation": d,
                            "name": names.get(d.state.code)
                            if d.state
                            else Text(d.organization.names, lang).text,
                            "pending": d.status != "registered",
                        }
                        for d in members
                    ],
                }
            )
    documents = page.documents
    report = page.report
    grouped = []
    for kind, label in DOC_KINDS:
        docs = [d for d in documents if (d.doc_type or "official") == kind]
        if docs:
            grouped.append({"label": label, "documents": [_doc_row(d, lang, names) for d in docs]})
    speakers = [_speaker_row(s, lang, names) for s in page.statements]
    decisions = [
        {
            "key": d.key,
            "text": Text(d.text, lang),
            "lines": Text(d.text, lang).lines(),
            "adopted_on": d.adopted_on,
            "method": d.get_method_display(),
        }
        for d in m.decisions.all()
    ]
    agenda = _agenda_rows(list(m.agenda.all()), lang)
    programme = _programme_days(programme_of(m), lang)
    sittings = list(m.sittings.all())
    return render(
        request,
        "web/meeting.html",
        {
            "meeting": m,
            "title": Text(m.title, lang),
            "topic": Text(m.topic_texts, lang),
            # The venue as written in this language, else the meeting's own venue, and only then
            # another language's (the Arabic page showed the Chinese venue when only that was given).
            "venue": (m.venues or {}).get(lang) or m.venue or Text(m.venues, lang).text,
            "officers": [
                {
                    "officer": o,
                    # The officer as documents in this language style them, else in English.
                    "name": o.names.get(lang) or o.name,
                    "title": o.titles.get(lang, o.title if lang == "en" else ""),
                    "state": names.get(o.state.code, o.state.code),
                    "group": Text(o.group.names, lang) if o.group else None,
                }
                for o in officers
            ],
            "categories": by_category,
            "total": sum(c["count"] for c in by_category),
            "document_groups": grouped,
            "speakers": speakers,
            "decisions": decisions,
            "agenda": agenda,
            "programme": programme,
            "sittings": sittings,
            "report": report,
            "languages": UN_LANGUAGES,
            "secretariat": [
                # The member's name as documents in this language write it, else as recorded.
                {
                    "member": s,
                    "name": (s.names or {}).get(lang) or s.name,
                    "function": Text(s.functions, lang),
                }
                for s in m.secretariat.all()
            ],
        },
    )


def _agenda_rows(items: list, lang: str) -> list[dict]:
    """The agenda as the page shows it: each item with its sub-items, lettered as `lang` letters
    them ((a), a), (أ)), from the meeting's prefetched items (no query)."""
    subs: dict[int, list] = defaultdict(list)
    for a in sorted(items, key=lambda a: a.number):
        if a.parent_id is not None:
            subs[a.parent_id].append(a)
    return [
        {
            "number": a.number,
            "title": Text(a.title, lang),
            "sub_items": [
                {"label": agenda_documents.sub_label(s, lang), "title": Text(s.title, lang)}
                for s in subs[a.pk]
            ],
        }
        for a in sorted(items, key=lambda a: a.number)
        if a.parent_id is None
    ]


def _programme_days(sittings: list, lang: str) -> list[dict]:
    """The programme of work by day, then sitting: its hours (or period) and what it takes up."""
    days: list[dict] = []
    for s in sittings:
        if not days or days[-1]["date"] != s.date:
            days.append(
                {"date": s.date, "heading": agenda_documents.day_heading(s.date, lang), "sittings": []}
            )
        days[-1]["sittings"].append(
            {
                "number": s.number,
                "time": agenda_documents.sitting_time(s, lang),
                "entries": [
                    {
                        "label": agenda_documents.item_label(e.agenda_item, lang) if e.agenda_item_id else "",
                        "text": Text(e.agenda_item.title if e.agenda_item_id else e.subject, lang),
                    }
                    for e in s.entries.all()
                ],
            }
        )
    return days


def _issued_languages() -> Prefetch:
    """The languages an issued document can be downloaded in: those whose files were stored at issue."""
    return Prefetch("issued_files", queryset=IssuedFile.objects.only("id", "document_id", "lang", "fmt"))


def _doc_row(d: Document, lang: str, names: dict) -> dict:
    versions = list(d.versions.all())
    official = [v.lang for v in versions if v.kind == LanguageVersion.Kind.OFFICIAL]
    informal = [v.lang for v in versions if v.kind == LanguageVersion.Kind.INFORMAL]
    submitters = [
        names.get(s.state.code, s.state.code) if s.state else Text(s.organization.names, lang).text
        for s in d.sponsorships.all()
        if s.role == "submitter" and not s.secretariat
    ]
    on_file = {f.lang for f in d.issued_files.all()} | {v.lang for v in versions if v.file}
    downloadable = [code for code in UN_LANGUAGES if code in on_file]
    return {
        "document": d,
        "title": Text(d.title, lang),
        "official": official,
        "informal": informal,
        "submitters": submitters,
        "secretariat": any(s.secretariat and s.role == "submitter" for s in d.sponsorships.all()),
        "downloadable": downloadable,
        # The official versions with no file on record, read at the UN's symbol resolver.
        "official_copies": [
            (row.lang, row.official_copy) for row in document_queries.reading(d) if row.official_copy
        ],
        "informal_not_on_file": [code for code in informal if code not in on_file],
        "only_note": reading.only_note(d),
    }


def _speaker_row(s: Statement, lang: str, names: dict) -> dict:
    if s.state:
        who = names.get(s.state.code, s.state.code)
    elif s.organization:
        # Its short form in this language, else its name in this language, and only then another
        # language's (the Arabic page showed "UNICRI", which has an Arabic name but no short form).
        org = s.organization
        who = (
            (org.short_names or {}).get(lang)
            or (org.names or {}).get(lang)
            or Text(org.short_names, lang).text
            or Text(org.names, lang).text
        )
    else:
        who = s.speaker
    # The record may word the note itself ("on behalf of the Group of ..."); else it is composed.
    note = Text(s.on_behalf_of_text, lang).text
    whom = ""
    if s.on_behalf_of_states:
        whom = ", ".join(names.get(c, c) for c in s.on_behalf_of_states)
    elif s.on_behalf_of_organization:
        whom = Text(s.on_behalf_of_organization.names, lang).text
    elif s.on_behalf_of_group:
        whom = Text(s.on_behalf_of_group.names, lang).text
    if not note and whom:
        note = _("on behalf of %(whom)s") % {"whom": whom}
    return {"statement": s, "who": who, "behalf": note}


@cached([RECORDS])  # its meeting, its family (documents of other meetings too)
def document(request: HttpRequest, symbol: str) -> HttpResponse:
    lang = ui_lang(request)
    text = symbol.strip("/")
    try:
        normalized = parse(text).format()
    except SymbolError as exc:
        return render(request, "web/bad_symbol.html", {"symbol": text, "error": str(exc)}, status=400)
    if normalized != text:
        return redirect("web:document", symbol=normalized)
    d = get_object_or_404(
        Document.objects.select_related("meeting", "parent", "on_behalf_of").prefetch_related(
            "versions",
            _issued_languages(),
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("state", "organization")),
        ),
        symbol=normalized,
    )
    on = d.meeting.start if d.meeting and d.meeting.start else clock.today()
    names = names_on(on, lang)
    report = Report.objects.filter(final=d).first()
    row = _doc_row(d, lang, names)
    family = list(
        Document.objects.filter(Q(parent=d) | Q(parent=d.parent_id) if d.parent_id else Q(parent=d))
        .exclude(pk=d.pk)
        .order_by("symbol")
    )
    titles = [(code, (d.title or {}).get(code)) for code in UN_LANGUAGES]
    co = [
        names.get(s.state.code, s.state.code) if s.state else Text(s.organization.names, lang).text
        for s in d.sponsorships.all()
        if s.role == "co_sponsor"
    ]
    return render(
        request,
        "web/document.html",
        {
            "d": d,
            "row": row,
            "titles": titles,
            "family": family,
            "co_sponsors": co,
            "submitted_by_text": Text(d.submitted_by_text, lang).text,
            "on_behalf_of": Text(d.on_behalf_of.names, lang) if d.on_behalf_of else None,
            "report": report,
            "languages": UN_LANGUAGES,
            "reading": reading.reading_rows(d),
        },
    )


@cached([REFERENCE])
def states(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    treaty = treaty_or_404()
    today = clock.today()
    status = treaty_status(treaty, today)
    names = names_on(today, lang)
    rows = sorted(
        (
            (code, names.get(code, code), status.status_of(code))
            for code in State.objects.values_list("code", flat=True)
        ),
        key=lambda r: r[1],
    )
    return render(request, "web/states.html", {"rows": rows})


@cached([RECORDS])  # its delegations, statements and sponsorships at every meeting
def state(request: HttpRequest, code: str) -> HttpResponse:
    lang = ui_lang(request)
    s = get_object_or_404(State, code=code.upper())
    if code != s.code:
        return redirect("web:state", code=s.code)
    treaty = treaty_or_404()
    today = clock.today()
    periods: dict[tuple, dict[str, str]] = defaultdict(dict)
    for n in StateName.objects.filter(state=s).order_by(EARLIEST_FIRST):
        periods[(n.valid_from, n.valid_to)][n.lang] = n.name
    name_rows = sorted(periods.items(), key=lambda kv: kv[0][0] or dt.date.min)
    memberships = list(
        GroupMembership.objects.filter(state=s).select_related("group").order_by("group__scheme")
    )
    events = list(TreatyEvent.objects.filter(state=s, treaty=treaty).order_by("date"))
    delegations = list(
        Delegation.objects.filter(state=s, review=Delegation.Review.APPROVED)
        .select_related("meeting")
        .order_by("-meeting__start")
    )
    sponsored = list(
        Sponsorship.objects.filter(state=s).select_related("document").order_by("document__symbol")
    )
    spoke = list(
        Statement.objects.filter(state=s).select_related("meeting").order_by("-meeting__start", "position")
    )
    return render(
        request,
        "web/state.html",
        {
            "state": s,
            "name": names_on(today, lang).get(s.code, s.code),
            "name_rows": name_rows,
            "languages": UN_LANGUAGES,
            "status": treaty_status(treaty, today).status_of(s.code),
            "memberships": [{"m": m, "name": Text(m.group.names, lang)} for m in memberships],
            "events": events,
            "delegations": delegations,
            "sponsored": sponsored,
            "spoke": spoke,
        },
    )


@cached([REFERENCE])
def status(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    treaty = treaty_or_404()
    on, error = _parse_date(request.GET.get("on"), clock.today())
    result = treaty_status(treaty, on)
    names = names_on(on, lang)
    events: dict[str, list] = {}
    labels = dict(TreatyEvent.Kind.choices)  # translated labels
    for code, kind, date in TreatyEvent.objects.filter(treaty=treaty, date__lte=on).values_list(
        "state__code", "kind", "date"
    ):
        events.setdefault(code, []).append((date, labels[kind]))

    def rows(codes):
        return sorted(
            ({"code": c, "name": names.get(c, c), "events": sorted(events.get(c, []))} for c in codes),
            key=lambda r: r["name"],
        )

    # Universalization over time from one read of the events (not a status query per year).
    all_events = list(TreatyEvent.objects.filter(treaty=treaty).values_list("state__code", "kind", "date"))
    codes = list(State.objects.values_list("code", flat=True))
    first = (treaty.entry_into_force or dt.date(1975, 1, 1)).year
    counts = [
        (
            y,
            len(
                status_on(
                    codes, all_events, dt.date(y, 12, 31), entry_into_force=treaty.entry_into_force
                ).states_parties
            ),
        )
        for y in range(first, clock.today().year + 1)
    ]
    return render(
        request,
        "web/status.html",
        {
            "treaty": treaty,
            "on": on,
            "error": error,
            "status": result,
            "parties": rows(result.states_parties),
            "signatories": rows(result.signatories),
            "neither": rows(result.neither),
            "chart": parties_over_time_svg(counts, label=_("States Parties")),
            "counts": counts,
        },
    )


@cached([RECORDS])
def programme(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    treaty = treaty_or_404()
    years = recorded_years(treaty.profile, list(meetings_with_officers(treaty)))
    groups = {g.code: Text(g.names, lang) for g in Group.objects.filter(scheme=treaty.code)}
    # A Chair's State is named as the UN named it on the meeting's date (Czech Republic in 2018).
    names_by_date: dict[dt.date, dict[str, str]] = {}
    by_year = []
    for year in years:
        rows = []
        for meet in year.meetings:
            chair = _chair(meet)
            on = meet.start or dt.date(meet.year, 1, 1)
            if chair and on not in names_by_date:
                names_by_date[on] = names_on(on, lang)
            rows.append(
                {
                    "meeting": meet,
                    "expected": year.expected(meet.code),
                    "chair": chair,
                    "chair_state": names_by_date[on].get(chair.state.code) if chair else None,
                }
            )
        by_year.append({"year": year.year, "chairs": year.rotation, "meetings": rows})
    # The rotation table: the years whose chairs follow the rotation rule (2018-2020).
    rotating = [y for y in by_year if y["chairs"]]
    # The rules of the intersessional programme (days a year, the gap before the MSP), for the
    # sentence above its rotation table.
    first = next((y for y in years if y.rotation), None)
    return render(
        request,
        "web/programme.html",
        {
            "years": by_year,
            "rotating": rotating,
            "codes": list(rotating[0]["chairs"]) if rotating else [],
            "groups": groups,
            "rules": first.rules if first else None,
            "working_group_years": any(y.rules.chair_rotation == () for y in years),
        },
    )


# The page or, for htmx (search as you type), the results alone: the key has the HX headers.
@cached([RECORDS], vary_on=("HX-Request", "HX-History-Restore-Request"))
def search(request: HttpRequest) -> HttpResponse:
    from plenary.search.views import search_page

    return search_page(request)
