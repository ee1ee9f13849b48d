"""The yearly statement of the financial situation (the information paper the MSP of 2017 asked
for, BWC/MSP/2017/6 para. 20): its figures from the records and its text in the six languages.

`figures` computes every number from the records of `finance.queries` and keeps, beside each,
the records it comes from (invoice numbers, payment and contribution ids), so that a reader, or a
test, can trace any figure back. `build` writes one language's text as a `reports.tree.ReportDoc`,
rendered to Word by the report renderer; `domain.draft_statement` records it through the
documents domain. Amounts are written with Babel's number format of each language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from plenary.finance import queries
from plenary.finance.apportion import AGE_BUCKETS
from plenary.finance.models import Application, FundContribution
from plenary.finance.money import total
from plenary.reports.builder import phrases
from plenary.reports.tree import Para, ReportDoc, Section, Table

BABEL = {"ar": "ar", "zh": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}


def money(value: Decimal, lang: str) -> str:
    """An amount as the language writes it, always with two decimals (1,234.50; 1 234,50...)."""
    return format_decimal(value, format="#,##0.00", locale=BABEL.get(lang, lang))


def day(value: dt.date, lang: str) -> str:
    """A date as the language writes it in full (31 December 2018; 2018年12月31日...)."""
    return format_date(value, format="long", locale=BABEL.get(lang, lang))


@dataclass
class Figures:
    year: int
    as_of: dt.date
    treaty: str
    assessed: Decimal
    states_assessed: int
    invoiced: Decimal
    received: Decimal
    outstanding_year: Decimal
    arrears: dict[str, Decimal]  # all years, by age
    arrears_total: Decimal
    wcf: Decimal
    meetings: list[dict[str, Any]]
    by_state: list[dict[str, Any]]  # States with something owed
    example: bool
    trace: dict[str, list[str]]  # figure -> the records it comes from


def figures(year: int, as_of: dt.date, *, treaty: str = "BWC") -> Figures:
    cash = queries.cash_position(year, as_of, treaty=treaty)
    owed = queries.arrears(as_of, treaty=treaty)
    arrears = {b: total(s.buckets[b] for s in owed) for b in AGE_BUCKETS}
    year_lines = [(s.state.code, n) for s in owed for n in s.numbers if n.startswith(f"{treaty}/{year}/")]
    a = cash.apportionment
    # What was received for the year: the payments and credits applied to its invoices by as_of,
    # each application a record of which payment or credit and how much.
    applied = list(
        Application.objects.filter(
            invoice__year=year,
            invoice__number__startswith=f"{treaty}/",
            invoice__issued_on__lte=as_of,
            applied_on__lte=as_of,
        )
        .order_by("pk")
        .values_list("pk", "payment__example")
    )
    wcf_rows = list(FundContribution.objects.filter(received_on__lte=as_of).values_list("pk", "example"))
    example = bool(a and a.example) or any(e for _, e in applied) or any(e for _, e in wcf_rows)
    return Figures(
        year=year,
        as_of=as_of,
        treaty=treaty,
        assessed=cash.assessed,
        states_assessed=a.assessments.count() if a else 0,
        invoiced=cash.invoiced,
        received=cash.received,
        outstanding_year=cash.invoiced - cash.received,
        arrears=arrears,
        arrears_total=total(arrears.values()),
        wcf=cash.wcf,
        meetings=[
            {
                "series": cost.meeting.series,
                "cost": cost.amount,
                "decision_on": cost.decision_on,
                "assured": status.assured,
                "shortfall": status.shortfall,
                "flagged": status.flagged,
            }
            for cost, status in cash.meetings
        ],
        by_state=[
            {
                "code": s.state.code,
                "invoiced": s.invoiced,
                "paid": s.paid,
                "outstanding": s.outstanding,
                "buckets": s.buckets,
                "numbers": s.numbers,
            }
            for s in owed
            if s.outstanding > 0
        ],
        example=example,
        trace={
            "assessed": [f"Apportionment:{a.pk}"] if a else [],
            "received": [f"Application:{pk}" for pk, _ in applied],
            "outstanding_year": [f"Invoice:{n}" for _, n in year_lines],
            "arrears": [f"Invoice:{n}" for s in owed for n in s.numbers],
            "wcf": [f"FundContribution:{pk}" for pk, _ in wcf_rows],
        },
    )


# The statement's words in each language (English source; the other five written for Plenary,
# to be checked by the UN's translators before a statement is issued).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Financial situation of the Convention in {year}",
        "body": "Statement by the Implementation Support Unit",
        "s1": "Assessed contributions of {year}",
        "s2": "Arrears",
        "s3": "Working Capital Fund",
        "s4": "Meetings of {year} and their funding",
        "p_assessed": (
            "The costs of {year}, {assessed} United States dollars, were shared among {n} States Parties "
            "by the United Nations scale of assessments adjusted to the States Parties taking part."
        ),
        "p_received": (
            "By {as_of}, invoices of {invoiced} dollars had been issued and {received} dollars received; "
            "{outstanding} dollars of {year} remained outstanding."
        ),
        "p_arrears": "Arrears of all years on {as_of} amounted to {total} dollars, by age as follows.",
        "p_wcf": (
            "The Working Capital Fund, established in 2018 from voluntary contributions as a source of "
            "short-term funding, held {wcf} dollars on {as_of}."
        ),
        "p_none": "No meeting cost is recorded for {year}.",
        "example": "The amounts of this draft are example amounts of the demonstration data, not published figures.",
        "age": "Age of arrears",
        "amount": "Amount (USD)",
        "state": "State",
        "invoiced": "Invoiced",
        "paid": "Paid",
        "outstanding": "Outstanding",
        "invoices": "Invoices",
        "meeting": "Meeting",
        "cost": "Cost (USD)",
        "decision": "Decision by",
        "funds": "Funds",
        "assured": "assured",
        "not_assured": "not assured (short by {shortfall})",
        "0-1": "less than 1 year",
        "1-2": "1 to 2 years",
        "2+": "2 years or more",
    },
    "fr": {
        "title": "Situation financière de la Convention en {year}",
        "body": "Déclaration de l’Unité d’appui à l’application",
        "s1": "Contributions mises en recouvrement pour {year}",
        "s2": "Arriérés",
        "s3": "Fonds de roulement",
        "s4": "Réunions de {year} et leur financement",
        "p_assessed": (
            "Les coûts de {year}, soit {assessed} dollars des États-Unis, ont été répartis entre {n} États "
            "parties selon le barème des quotes-parts de l’ONU ajusté aux États parties participants."
        ),
        "p_received": (
            "Au {as_of}, des factures d’un montant de {invoiced} dollars avaient été émises et {received} "
            "dollars reçus ; {outstanding} dollars restaient dus pour {year}."
        ),
        "p_arrears": "Au {as_of}, les arriérés de toutes les années s’élevaient à {total} dollars, répartis comme suit.",
        "p_wcf": (
            "Le Fonds de roulement, créé en 2018 à partir de contributions volontaires comme source de "
            "financement à court terme, disposait de {wcf} dollars au {as_of}."
        ),
        "p_none": "Aucun coût de réunion n’est enregistré pour {year}.",
        "example": "Les montants de ce projet sont des exemples tirés des données de démonstration, non des chiffres publiés.",
        "age": "Ancienneté des arriérés",
        "amount": "Montant (USD)",
        "state": "État",
        "invoiced": "Facturé",
        "paid": "Payé",
        "outstanding": "Dû",
        "invoices": "Factures",
        "meeting": "Réunion",
        "cost": "Coût (USD)",
        "decision": "Décision avant le",
        "funds": "Fonds",
        "assured": "assurés",
        "not_assured": "non assurés (manque {shortfall})",
        "0-1": "moins d’un an",
        "1-2": "de 1 à 2 ans",
        "2+": "2 ans ou plus",
    },
    "es": {
        "title": "Situación financiera de la Convención en {year}",
        "body": "Declaración de la Dependencia de Apoyo a la Aplicación",
        "s1": "Cuotas de {year}",
        "s2": "Atrasos",
        "s3": "Fondo de Operaciones",
        "s4": "Reuniones de {year} y su financiación",
        "p_assessed": (
            "Los costos de {year}, {assessed} dólares de los Estados Unidos, se prorratearon entre {n} "
            "Estados partes según la escala de cuotas de las Naciones Unidas ajustada a los Estados partes participantes."
        ),
        "p_received": (
            "Al {as_of}, se habían emitido facturas por {invoiced} dólares y recibido {received} dólares; "
            "quedaban pendientes {outstanding} dólares de {year}."
        ),
        "p_arrears": "Al {as_of}, los atrasos de todos los años ascendían a {total} dólares, según su antigüedad.",
        "p_wcf": (
            "El Fondo de Operaciones, establecido en 2018 con contribuciones voluntarias como fuente de "
            "financiación a corto plazo, contaba con {wcf} dólares al {as_of}."
        ),
        "p_none": "No se ha registrado ningún costo de reunión para {year}.",
        "example": "Los importes de este proyecto son ejemplos de los datos de demostración, no cifras publicadas.",
        "age": "Antigüedad de los atrasos",
        "amount": "Importe (USD)",
        "state": "Estado",
        "invoiced": "Facturado",
        "paid": "Pagado",
        "outstanding": "Pendiente",
        "invoices": "Facturas",
        "meeting": "Reunión",
        "cost": "Costo (USD)",
        "decision": "Decisión antes del",
        "funds": "Fondos",
        "assured": "asegurados",
        "not_assured": "no asegurados (faltan {shortfall})",
        "0-1": "menos de 1 año",
        "1-2": "de 1 a 2 años",
        "2+": "2 años o más",
    },
    "ru": {
        "title": "Финансовое положение Конвенции в {year} году",
        "body": "Заявление Группы имплементационной поддержки",
        "s1": "Начисленные взносы за {year} год",
        "s2": "Задолженность",
        "s3": "Фонд оборотных средств",
        "s4": "Совещания {year} года и их финансирование",
        "p_assessed": (
            "Расходы {year} года в размере {assessed} долл. США распределены между {n} государствами-участниками "
            "по шкале взносов Организации Объединенных Наций, скорректированной с учетом участвующих государств."
        ),
        "p_received": (
            "На {as_of} выставлено счетов на {invoiced} долл., получено {received} долл.; "
            "задолженность за {year} год составляет {outstanding} долл."
        ),
        "p_arrears": "На {as_of} задолженность за все годы составляет {total} долл., по срокам, как указано ниже.",
        "p_wcf": (
            "В Фонде оборотных средств, созданном в 2018 году из добровольных взносов как источник "
            "краткосрочного финансирования, на {as_of} имелось {wcf} долл."
        ),
        "p_none": "Расходы на совещания {year} года не зарегистрированы.",
        "example": "Суммы в этом проекте являются примерами демонстрационных данных, а не опубликованными цифрами.",
        "age": "Срок задолженности",
        "amount": "Сумма (долл. США)",
        "state": "Государство",
        "invoiced": "Выставлено",
        "paid": "Оплачено",
        "outstanding": "Задолженность",
        "invoices": "Счета",
        "meeting": "Совещание",
        "cost": "Расходы (долл. США)",
        "decision": "Решение до",
        "funds": "Средства",
        "assured": "обеспечены",
        "not_assured": "не обеспечены (не хватает {shortfall})",
        "0-1": "менее 1 года",
        "1-2": "от 1 до 2 лет",
        "2+": "2 года и более",
    },
    "zh": {
        "title": "{year}年《公约》的财务状况",
        "body": "执行支助股的说明",
        "s1": "{year}年的摊款",
        "s2": "拖欠款项",
        "s3": "周转基金",
        "s4": "{year}年的会议及其经费",
        "p_assessed": "{year}年的费用共计{assessed}美元，按照根据参加的缔约国调整后的联合国分摊比额表，由{n}个缔约国分摊。",
        "p_received": "截至{as_of}，已开具发票{invoiced}美元，已收到{received}美元；{year}年尚有{outstanding}美元未缴。",
        "p_arrears": "截至{as_of}，所有年份的拖欠款项共计{total}美元，按拖欠时间分列如下。",
        "p_wcf": "周转基金于2018年以自愿捐款设立，作为短期资金来源，截至{as_of}有{wcf}美元。",
        "p_none": "{year}年未记录任何会议费用。",
        "example": "本草案中的金额为演示数据中的示例金额，并非公布的数字。",
        "age": "拖欠时间",
        "amount": "金额（美元）",
        "state": "国家",
        "invoiced": "已开发票",
        "paid": "已缴",
        "outstanding": "未缴",
        "invoices": "发票",
        "meeting": "会议",
        "cost": "费用（美元）",
        "decision": "决定日期",
        "funds": "经费",
        "assured": "有保障",
        "not_assured": "无保障（缺口{shortfall}）",
        "0-1": "不足1年",
        "1-2": "1至2年",
        "2+": "2年及以上",
    },
    "ar": {
        "title": "الحالة المالية للاتفاقية في عام {year}",
        "body": "بيان مقدم من وحدة دعم التنفيذ",
        "s1": "الاشتراكات المقررة لعام {year}",
        "s2": "المتأخرات",
        "s3": "صندوق رأس المال المتداول",
        "s4": "اجتماعات عام {year} وتمويلها",
        "p_assessed": (
            "وُزعت تكاليف عام {year}، البالغة {assessed} دولاراً من دولارات الولايات المتحدة، على {n} دولة طرفاً "
            "وفقاً لجدول الأنصبة المقررة للأمم المتحدة معدلاً بحسب الدول الأطراف المشاركة."
        ),
        "p_received": (
            "وحتى {as_of}، صدرت فواتير بمبلغ {invoiced} دولاراً ووردت {received} دولاراً؛ "
            "وبقي مبلغ {outstanding} دولاراً مستحقاً عن عام {year}."
        ),
        "p_arrears": "وبلغت متأخرات جميع السنوات في {as_of} ما مجموعه {total} دولاراً، موزعة بحسب مدتها على النحو التالي.",
        "p_wcf": (
            "وكان لدى صندوق رأس المال المتداول، المنشأ في عام 2018 من التبرعات كمصدر للتمويل القصير الأجل، "
            "مبلغ {wcf} دولاراً في {as_of}."
        ),
        "p_none": "لم تُسجل أي تكاليف اجتماعات لعام {year}.",
        "example": "المبالغ الواردة في هذا المشروع أمثلة من بيانات العرض، وليست أرقاماً منشورة.",
        "age": "مدة المتأخرات",
        "amount": "المبلغ (دولار)",
        "state": "الدولة",
        "invoiced": "المفوتر",
        "paid": "المدفوع",
        "outstanding": "المستحق",
        "invoices": "الفواتير",
        "meeting": "الاجتماع",
        "cost": "التكلفة (دولار)",
        "decision": "موعد القرار",
        "funds": "الأموال",
        "assured": "مؤمّنة",
        "not_assured": "غير مؤمّنة (عجز {shortfall})",
        "0-1": "أقل من سنة",
        "1-2": "من سنة إلى سنتين",
        "2+": "سنتان أو أكثر",
    },
}


def titles(year: int) -> dict[str, str]:
    return {lang: words["title"].format(year=year) for lang, words in WORDS.items()}


def build(lang: str, symbol: str, f: Figures, state_names: dict[str, str]) -> ReportDoc:
    """The statement's text in `lang` (state_names: code -> the State's name in that language)."""
    w = WORDS[lang]
    p = phrases(lang)
    m = lambda v: money(v, lang)  # noqa: E731
    as_of = day(f.as_of, lang)
    s1: list[Para | Table] = [
        Para(
            w["p_assessed"].format(year=f.year, assessed=m(f.assessed), n=f.states_assessed), "numbered", "1"
        ),
        Para(
            w["p_received"].format(
                as_of=as_of,
                invoiced=m(f.invoiced),
                received=m(f.received),
                outstanding=m(f.outstanding_year),
                year=f.year,
            ),
            "numbered",
            "2",
        ),
    ]
    s2: list[Para | Table] = [
        Para(w["p_arrears"].format(as_of=as_of, total=m(f.arrears_total)), "numbered", "3"),
        Table((w["age"], w["amount"]), tuple((w[b], m(f.arrears[b])) for b in AGE_BUCKETS)),
        Table(
            (w["state"], w["invoiced"], w["paid"], w["outstanding"], w["invoices"]),
            tuple(
                (
                    state_names.get(r["code"], r["code"]),
                    m(r["invoiced"]),
                    m(r["paid"]),
                    m(r["outstanding"]),
                    ", ".join(r["numbers"]),
                )
                for r in f.by_state
            ),
        ),
    ]
    s3: list[Para | Table] = [Para(w["p_wcf"].format(wcf=m(f.wcf), as_of=as_of), "numbered", "4")]
    if f.meetings:
        s4: list[Para | Table] = [
            Table(
                (w["meeting"], w["cost"], w["decision"], w["funds"]),
                tuple(
                    (
                        r["series"],
                        m(r["cost"]),
                        day(r["decision_on"], lang),
                        w["assured"]
                        if r["assured"]
                        else w["not_assured"].format(shortfall=m(r["shortfall"])),
                    )
                    for r in f.meetings
                ),
            )
        ]
    else:
        s4 = [Para(w["p_none"].format(year=f.year), "numbered", "5")]
    preface: tuple[Para | Table, ...] = (Para(w["example"], "plain"),) if f.example else ()
    sections = [(w["s1"], s1), (w["s2"], s2), (w["s3"], s3), (w["s4"].format(year=f.year), s4)]
    return ReportDoc(
        lang=lang,
        symbol=symbol,
        distribution=p["distribution"],
        date="",
        original=p["original"].format(language=p["languages"]["en"]),
        job_number="",
        body_lines=(w["body"],),
        title=w["title"].format(year=f.year),
        sections=tuple(
            Section(p["section_numbers"][i], heading.format(year=f.year), tuple(blocks))
            for i, (heading, blocks) in enumerate(sections)
        ),
        treaty_short=f.treaty,
        blocks=preface,
    )
