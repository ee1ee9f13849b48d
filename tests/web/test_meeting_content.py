"""The 2017 meeting's content in the reader's language wherever the record has the text: its
agenda, decisions, programme of work, secretariat, documents and report in Arabic (and the agenda
and decisions in French, Russian and Spanish), with no English fallback where a text exists; the
fallback marker only where none does; no sentence that introduces a list without the list."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

import pytest

from plenary.core.actor import Actor
from plenary.meetings.agenda import save_agenda_item
from tests.factories import MeetingFactory

MEETING = "/meetings/BWC/MSP/2017/"
FALLBACK = 'class="fallback"'


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}">', 1)[1].split("</section>", 1)[0]


def texts(fragment: str, tag: str = "li") -> list[str]:
    """The text of each <tag> of the fragment, tags stripped, white space collapsed."""
    found = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", fragment, re.S)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", f)).split()) for f in found]


def decisions(page: str) -> dict[str, list[str]]:
    """Each decision's lines (its <p>s; the date line is <p class="muted">), by key."""
    out = {}
    for key, body in re.findall(r'<div class="decision" id="decision-([\w-]+)">(.*?)</div>', page, re.S):
        lines = re.findall(r"<p>(.*?)</p>", body, re.S)
        out[key] = [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", line)).split()) for line in lines]
    return out


AGENDA = {
    "ar": [
        "افتتاح الاجتماع",
        "انتخاب الرئيس وأعضاء المكتب الآخرين",
        "إقرار جدول الأعمال",
        "إقرار برنامج العمل",
        "المناقشة العامة",
        "النظر في المسائل الموضوعية والإجرائية للفترة السابقة للمؤتمر الاستعراضي المقبل، بهدف التوصل إلى "
        "توافق في الآراء بشأن عملية ما بين الدورات",
        "التقدم المحرز في تحقيق عالمية الاتفاقية",
        "التقرير السنوي لوحدة دعم التنفيذ",
        "المسائل المالية",
        "اعتماد تقرير الاجتماع",
    ],
    "fr": [
        "Ouverture de la Réunion",
        "Élection du Président et des autres membres du Bureau",
        "Adoption de l'ordre du jour",
        "Adoption du programme de travail",
        "Débat général",
        "Examen des questions de fond et de procédure pour la période précédant la prochaine Conférence "
        "d'examen, en vue de parvenir à un consensus sur un processus intersessions",
        "Progrès accomplis vers l'universalisation de la Convention",
        "Rapport annuel du Groupe d'appui à l'application",
        "Questions financières",
        "Adoption du rapport de la Réunion",
    ],
    "ru": [
        "Открытие Совещания",
        "Выборы Председателя и других должностных лиц",
        "Утверждение повестки дня",
        "Утверждение программы работы",
        "Общие прения",
        "Рассмотрение вопросов существа и процедуры на период до следующей обзорной конференции в целях "
        "достижения консенсуса в отношении межсессионного процесса",
        "Прогресс в деле универсализации Конвенции",
        "Ежегодный доклад Группы имплементационной поддержки",
        "Финансовые вопросы",
        "Утверждение доклада Совещания",
    ],
    "es": [
        "Apertura de la Reunión",
        "Elección del Presidente y de los demás miembros de la Mesa",
        "Aprobación del programa",
        "Aprobación del programa de trabajo",
        "Debate general",
        "Examen de las cuestiones de fondo y de procedimiento correspondientes al período anterior a la "
        "próxima Conferencia de Examen, con miras a alcanzar un consenso sobre un proceso entre reuniones",
        "Progresos realizados en la universalización de la Convención",
        "Informe anual de la Dependencia de Apoyo a la Aplicación",
        "Cuestiones financieras",
        "Aprobación del informe de la Reunión",
    ],
}
# The first lines of the decisions, and the list the intersessional decision introduces.
DECISIONS = {
    "ar": {
        "agenda": ["أقر الاجتماع جدول أعماله (BWC/MSP/2017/1)."],
        "programme-of-work": ["أقر الاجتماع برنامج عمله (BWC/MSP/2017/2)."],
        "intersessional": (
            "ناقش اجتماع الدول الأطراف لعام 2017 المسائل الموضوعية والإجرائية للفترة السابقة للمؤتمر "
            "الاستعراضي التاسع بهدف التوصل إلى توافق في الآراء بشأن عملية ما بين الدورات. واتُّفق على ما يلي:",
            "(أ) إقراراً ببرامج ما بين الدورات السابقة للفترة 2003-2015، يُحتفظ بالهيكل السابق المتمثل في "
            "عقد اجتماعات سنوية للخبراء تليها اجتماعات سنوية للدول الأطراف.",
        ),
    },
    "fr": {
        "agenda": ["La Réunion a adopté son ordre du jour (BWC/MSP/2017/1)."],
        "programme-of-work": ["La Réunion a adopté son programme de travail (BWC/MSP/2017/2)."],
        "intersessional": (
            "La Réunion des États parties de 2017 a examiné des questions de fond et de procédure pour la "
            "période précédant la neuvième Conférence d'examen en vue de parvenir à un consensus sur un "
            "processus intersessions. Il a été convenu de ce qui suit :",
            "a) Reconnaissant les programmes intersessions antérieurs de 2003-2015, la structure antérieure, "
            "à savoir des réunions d'experts annuelles suivies de réunions annuelles des États parties, est "
            "maintenue.",
        ),
    },
    "ru": {
        "agenda": ["Совещание утвердило свою повестку дня (BWC/MSP/2017/1)."],
        "programme-of-work": ["Совещание утвердило свою программу работы (BWC/MSP/2017/2)."],
        "intersessional": (
            "Совещание государств-участников 2017 года обсудило вопросы существа и процедуры на период до "
            "девятой обзорной конференции в целях достижения консенсуса в отношении межсессионного процесса. "
            "Было согласовано следующее:",
            None,
        ),
    },
    "es": {
        "agenda": ["La Reunión aprobó su programa (BWC/MSP/2017/1)."],
        "programme-of-work": ["La Reunión aprobó su programa de trabajo (BWC/MSP/2017/2)."],
        "intersessional": (
            "La Reunión de los Estados Partes de 2017 examinó cuestiones de fondo y de procedimiento "
            "correspondientes al período anterior a la Novena Conferencia de Examen con miras a alcanzar un "
            "consenso sobre un proceso entre reuniones. Se acordó lo siguiente:",
            None,
        ),
    },
}


@pytest.mark.parametrize("lang", ["ar", "fr", "ru", "es"])
def test_the_agenda_and_the_decisions_are_in_the_readers_language(client, db, lang):
    page = client.get(f"/{lang}{MEETING}").content.decode()
    agenda = section(page, "agenda")
    items = texts(agenda.split('<ol class="agenda">', 1)[1].split("</ol>", 1)[0])
    assert items == AGENDA[lang]
    assert FALLBACK not in agenda
    decided = section(page, "decisions")
    assert FALLBACK not in decided
    found = decisions(decided)
    assert list(found) == [
        "agenda",
        "programme-of-work",
        "rules-of-procedure",
        "intersessional-programme-2018-2020",
        "report",
    ]
    want = DECISIONS[lang]
    assert found["agenda"] == want["agenda"]
    assert found["programme-of-work"] == want["programme-of-work"]
    intro, first = want["intersessional"]
    lines = found["intersessional-programme-2018-2020"]
    assert lines[0] == intro
    if first is not None:
        assert lines[1] == first
    # The sentence that introduces the list is followed by the list: (a) to (f), the topics.
    assert len(lines) == 37
    for key, lines in found.items():
        assert not lines[-1].endswith((":", "：")), key


def test_the_arabic_page_has_no_english_where_the_record_has_arabic(client, db):
    page = client.get(f"/ar{MEETING}").content.decode()
    assert FALLBACK not in page
    assert "fallback-mark" not in page
    secretariat = texts(section(page, "officers").split("<h3>", 1)[1])
    assert [row.split(": ", 1)[1] for row in secretariat] == [
        "دانيال فيكس, رئيس وحدة دعم التنفيذ",
        "هيرمان لامبالزر, موظف الشؤون السياسية، وحدة دعم التنفيذ",
        "نغوك فونغ فان دير بلاي, موظف الشؤون السياسية، وحدة دعم التنفيذ",
    ]
    assert "Daniel Feakes" not in page
    speakers = section(page, "speakers")
    assert "الجزائر" in speakers and "Algeria" not in speakers
    # An organization without an Arabic short form is named by its Arabic name.
    assert "معهد الأمم المتحدة الأقاليمي لبحوث الجريمة والعدالة" in speakers and "UNICRI" not in speakers
    participants = section(page, "participants")
    assert "الجزائر" in participants
    documents = section(page, "documents")
    assert "جدول الأعمال المؤقت" in documents and "Provisional agenda" not in documents
    assert "تقرير اجتماع الدول الأطراف" in documents


@pytest.mark.parametrize(
    ("symbol", "title"),
    [
        ("BWC/MSP/2017/1", "جدول الأعمال المؤقت"),
        ("BWC/MSP/2017/6", "تقرير اجتماع الدول الأطراف"),
        ("BWC/MSP/2017/INF.1", "قائمة المشاركين"),
    ],
)
def test_the_arabic_document_pages_have_their_arabic_titles(client, db, symbol, title):
    page = client.get(f"/ar/documents/{symbol}").content.decode()
    assert f"<h1>{symbol}</h1>" in page or symbol in page
    assert title in page
    assert FALLBACK not in page


def test_the_arabic_report_reads_in_arabic_with_the_decisions_and_the_agenda_item(client, db):
    response = client.get("/ar/documents/BWC/MSP/2017/6/read/ar.txt")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "البند 10 من جدول الأعمال المؤقت\nاعتماد تقرير الاجتماع\n" in text
    assert "واتُّفق على ما يلي:" in text
    assert "Adoption of the report" not in text


def test_a_text_with_no_translation_falls_back_with_its_marker(client, db):
    isu = Actor.system("test:content")
    meeting = MeetingFactory(series="BWC/MSP/2087")
    save_agenda_item(meeting, 1, {"en": "Opening of the meeting", "fr": "Ouverture de la Réunion"}, by=isu)
    save_agenda_item(meeting, 2, {"en": "Other matters"}, by=isu)
    page = client.get("/ru/meetings/BWC/MSP/2087/").content.decode()
    agenda = section(page, "agenda")
    assert texts(agenda.split('<ol class="agenda">', 1)[1].split("</ol>", 1)[0]) == [
        "Opening of the meeting (en)",
        "Other matters (en)",
    ]
    french = section(client.get("/fr/meetings/BWC/MSP/2087/").content.decode(), "agenda")
    assert '<li value="1"><span>Ouverture de la Réunion</span>\n</li>' in french
    assert '<span lang="en" class="fallback"' in french and "Other matters" in french


@pytest.mark.parametrize(
    ("prefix", "topic"),
    [
        ("/ar", "التعاون والمساعدة، مع التركيز بوجه خاص على تعزيز التعاون والمساعدة في إطار المادة العاشرة"),
        ("/zh-hans", "合作和援助，特别着重于加强第十条下的合作和援助"),
        (
            "/fr",
            "Coopération et assistance, l'accent étant mis en particulier sur le renforcement de la coopération "
            "et de l'assistance au titre de l'article X",
        ),
        (
            "/ru",
            "Сотрудничество и помощь с уделением особого внимания укреплению сотрудничества и помощи по статье X",
        ),
    ],
)
def test_a_meeting_of_experts_shows_its_topic_in_the_readers_language(client, db, prefix, topic):
    page = client.get(f"{prefix}/meetings/BWC/MSP/2018/MX.1/").content.decode()
    facts = page.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    assert re.search(rf"<dd><span>{re.escape(html_lib.escape(topic))}</span>\s*</dd>", facts), facts
    body = client.get("/api/meetings/BWC/MSP/2018/MX.1", {"lang": prefix.strip("/")[:2]}).json()
    assert body["topic"] == {"text": topic, "lang": prefix.strip("/")[:2], "fallback": False}


@pytest.mark.parametrize(
    ("prefix", "wg4", "msp2018"),
    [
        ("", "Frederico S. Duque Estrada Meyer (Brazil)", "(the former Yugoslav Republic of Macedonia)"),
        ("/ar", "Frederico S. Duque Estrada Meyer (البرازيل)", "(جمهورية مقدونيا اليوغوسلافية سابقاً)"),
        ("/zh-hans", "Frederico S. Duque Estrada Meyer (巴西)", "(前南斯拉夫的马其顿共和国)"),
    ],
)
def test_the_list_of_meetings_names_each_chairs_state_as_on_the_meetings_day(
    client, db, prefix, wg4, msp2018
):
    # In the reader's language, by the name in force when the meeting sat: the 2018 Meeting of
    # States Parties was chaired from the former Yugoslav Republic of Macedonia, renamed in 2019.
    rows = {
        cells[0].split()[0]: cells
        for cells in (
            texts(row, "td")
            for row in re.findall(r"<tr>(.*?)</tr>", client.get(f"{prefix}/meetings/").content.decode(), re.S)
        )
        if cells
    }
    assert rows["BWC/WG/4"][3] == wg4
    assert rows["BWC/MSP/2018"][3].startswith("Ljupčo Jivan Gjorgjinski")
    assert rows["BWC/MSP/2018"][3].endswith(msp2018)
    assert not any(re.search(r"\([A-Z]{3}\)$", cells[3]) for cells in rows.values())


@pytest.mark.parametrize(
    ("prefix", "summary"),
    [
        ("", "Sources of this record, and what they leave unknown"),
        ("/zh-hans", "本记录的来源及其未载明的内容 (只有英文本)"),
    ],
)
def test_a_meetings_record_note_is_folded_away_and_marked_as_english(client, db, prefix, summary):
    # The note says where the record's facts come from (in English, with the data file's source
    # keys): it is there for whoever checks the record, folded under a summary in the reader's
    # language, and marked as English so that a screen reader reads it as English.
    page = client.get(f"{prefix}/meetings/BWC/WG/10/").content.decode()
    details = page.split('<details class="record-note" id="record-note">', 1)[1].split("</details>", 1)[0]
    assert texts(details, "summary") == [summary]
    assert re.search(r'<p lang="en" dir="ltr">The tenth session, scheduled for 7-11 December 2026', details)
    assert '<p class="note">The tenth session' not in page


class _EnglishProse(HTMLParser):
    """Runs of English prose (three words or more, two of them lower-case: a sentence, not a
    name) in a page's text, outside scripts, code and elements marked with a language other than
    the page's (a title quoted in French is lang="fr", a source note lang="en")."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}
    RUN = re.compile(r"[A-Za-z][a-z]+(?:[ ,;'’-]+[A-Za-z][a-z]+){2,}")

    def __init__(self, page_lang: str) -> None:
        super().__init__()
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            lang = dict(attrs).get("lang") or ""
            other = bool(lang) and not lang.startswith(self.page_lang)
            self.stack.append((tag, other or tag in ("script", "style", "code", "title")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if any(skip for _tag, skip in self.stack):
            return
        for run in self.RUN.findall(data):
            if sum(word[0].islower() for word in re.findall(r"[A-Za-z]+", run)) >= 2:
                self.found.append(run)


def english_prose(page: str, lang: str = "ar") -> list[str]:
    parser = _EnglishProse(lang)
    parser.feed(page)
    return parser.found


@pytest.mark.parametrize(
    "url",
    [
        MEETING,
        "/documents/BWC/MSP/2017/6",
        "/documents/BWC/MSP/2017/1",
        "/documents/BWC/MSP/2017/INF.1",
        "/meetings/",
        "/",
    ],
)
def test_the_arabic_pages_of_the_2017_meeting_have_no_english_prose_unmarked(client, db, url):
    # What the record holds in English only (a source note) is marked lang="en"; everything else
    # reads in Arabic.
    response = client.get(f"/ar{url}")
    assert response.status_code == 200
    assert english_prose(response.content.decode()) == []


def test_the_prose_check_finds_english_prose():
    assert english_prose("<p>عدد 36 (their names are in INF.1, not at hand)</p>") == [
        "their names are in",
        "not at hand",
    ]
    quoted = '<p lang="en">their names are in INF.1</p><p lang="fr">Liste des participants</p>'
    assert english_prose(quoted + "<p>Duque Estrada Meyer</p>") == []
