"""The States' UN short names over time, against the UN's own tables (M49 2024, UNTERM 2017).

tests/data/un_country_names.csv holds the columns of those tables (see tests/data/README.md);
state_names.csv names the source of every row and explains every exception in its header.
"""

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.queries import names_at, names_on
from plenary.treaties.reference import DATA_DIR, read_table

TABLES = Path(__file__).resolve().parents[1] / "data" / "un_country_names.csv"
D = dt.date
DAY = dt.timedelta(days=1)

# Each renaming: State, first day of the new name at the UN, and per language affected the name the
# day before and the name that day. Languages not listed keep their name across the date.
RENAMINGS = [
    (
        "COD",
        D(1971, 10, 27),
        {
            "ar": ("جمهورية الكونغو الديمقراطية", "زائير"),
            "zh": ("刚果民主共和国", "扎伊尔"),
            "en": ("Democratic Republic of the Congo", "Zaire"),
            "fr": ("République démocratique du Congo", "Zaïre"),
            "ru": ("Демократическая Республика Конго", "Заир"),
            "es": ("República Democrática del Congo", "Zaire"),
        },
    ),
    (
        "LKA",
        D(1972, 5, 22),
        {
            "ar": ("سيلان", "سري لانكا"),
            "zh": ("锡兰", "斯里兰卡"),
            "en": ("Ceylon", "Sri Lanka"),
            "fr": ("Ceylan", "Sri Lanka"),
            "ru": ("Цейлон", "Шри-Ланка"),
            "es": ("Ceilán", "Sri Lanka"),
        },
    ),
    (
        "CMR",
        D(1972, 6, 2),
        {
            "ar": ("الكاميرون", "جمهورية الكاميرون المتحدة"),
            "zh": ("喀麦隆", "喀麦隆联合共和国"),
            "en": ("Cameroon", "United Republic of Cameroon"),
            "fr": ("Cameroun", "République-Unie du Cameroun"),
            "ru": ("Камерун", "Объединенная Республика Камерун"),
            "es": ("Camerún", "República Unida del Camerún"),
        },
    ),
    (
        "KHM",
        D(1975, 4, 30),
        {
            "ar": ("الجمهورية الخميرية", "كمبوديا"),
            "zh": ("高棉共和国", "柬埔寨"),
            "en": ("Khmer Republic", "Cambodia"),
            "fr": ("République khmère", "Cambodge"),
            "ru": ("Кхмерская Республика", "Камбоджа"),
            "es": ("República Khmer", "Camboya"),
        },
    ),
    (
        "BEN",
        D(1975, 12, 2),
        {
            "ar": ("داهومي", "بنن"),
            "zh": ("达荷美", "贝宁"),
            "en": ("Dahomey", "Benin"),
            "fr": ("Dahomey", "Bénin"),
            "ru": ("Дагомея", "Бенин"),
            "es": ("Dahomey", "Benin"),
        },
    ),
    (
        "LAO",
        D(1975, 12, 2),
        {
            "ar": ("لاوس", "جمهورية لاو الديمقراطية الشعبية"),
            "zh": ("老挝", "老挝人民民主共和国"),
            "en": ("Laos", "Lao People's Democratic Republic"),
            "fr": ("Laos", "République démocratique populaire lao"),
            "ru": ("Лаос", "Лаосская Народно-Демократическая Республика"),
            "es": ("Laos", "República Democrática Popular Lao"),
        },
    ),
    (
        "KHM",
        D(1976, 4, 6),
        {
            "ar": ("كمبوديا", "كمبوتشيا الديمقراطية"),
            "zh": ("柬埔寨", "民主柬埔寨"),
            "en": ("Cambodia", "Democratic Kampuchea"),
            "fr": ("Cambodge", "Kampuchea démocratique"),
            "ru": ("Камбоджа", "Демократическая Кампучия"),
            "es": ("Camboya", "Kampuchea Democrática"),
        },
    ),
    (
        "CAF",
        D(1976, 12, 20),
        {
            "ar": ("جمهورية أفريقيا الوسطى", "الإمبراطورية الأفريقية الوسطى"),
            "zh": ("中非共和国", "中非帝国"),
            "en": ("Central African Republic", "Central African Empire"),
            "fr": ("République centrafricaine", "Empire centrafricain"),
            "ru": ("Центральноафриканская Республика", "Центральноафриканская Империя"),
            "es": ("República Centroafricana", "Imperio Centroafricano"),
        },
    ),
    (
        "LBY",
        D(1977, 3, 2),
        {
            "ar": ("الجمهورية العربية الليبية", "الجماهيرية العربية الليبية"),
            "zh": ("阿拉伯利比亚共和国", "阿拉伯利比亚民众国"),
            "en": ("Libyan Arab Republic", "Libyan Arab Jamahiriya"),
            "fr": ("République arabe libyenne", "Jamahiriya arabe libyenne"),
            "ru": ("Ливийская Арабская Республика", "Ливийская Арабская Джамахирия"),
            "es": ("República Árabe Libia", "Jamahiriya Árabe Libia"),
        },
    ),
    (
        "IRN",
        D(1984, 5, 28),
        {
            "ar": ("إيران", "إيران (جمهورية - الإسلامية)"),
            "zh": ("伊朗", "伊朗伊斯兰共和国"),
            "en": ("Iran", "Iran (Islamic Republic of)"),
            "fr": ("Iran", "Iran (République islamique d’)"),
            "ru": ("Иран", "Иран (Исламская Республика)"),
            "es": ("Irán", "Irán (República Islámica del)"),
        },
    ),
    (
        "CAF",
        D(1979, 9, 25),
        {
            "ar": ("الإمبراطورية الأفريقية الوسطى", "جمهورية أفريقيا الوسطى"),
            "zh": ("中非帝国", "中非共和国"),
            "en": ("Central African Empire", "Central African Republic"),
            "fr": ("Empire centrafricain", "République centrafricaine"),
            "ru": ("Центральноафриканская Империя", "Центральноафриканская Республика"),
            "es": ("Imperio Centroafricano", "República Centroafricana"),
        },
    ),
    (
        "CMR",
        D(1984, 2, 4),
        {
            "ar": ("جمهورية الكاميرون المتحدة", "الكاميرون"),
            "zh": ("喀麦隆联合共和国", "喀麦隆"),
            "en": ("United Republic of Cameroon", "Cameroon"),
            "fr": ("République-Unie du Cameroun", "Cameroun"),
            "ru": ("Объединенная Республика Камерун", "Камерун"),
            "es": ("República Unida del Camerún", "Camerún"),
        },
    ),
    (
        "BFA",
        D(1984, 8, 4),
        {
            "ar": ("فولتا العليا", "بوركينا فاسو"),
            "zh": ("上沃尔特", "布基纳法索"),
            "en": ("Upper Volta", "Burkina Faso"),
            "fr": ("Haute-Volta", "Burkina Faso"),
            "ru": ("Верхняя Вольта", "Буркина-Фасо"),
            "es": ("Alto Volta", "Burkina Faso"),
        },
    ),
    (
        "CIV",
        D(1985, 11, 1),
        {
            "ar": ("ساحل العاج", "كوت ديفوار"),
            "zh": ("象牙海岸", "科特迪瓦"),
            "en": ("Ivory Coast", "Côte d’Ivoire"),
            "ru": ("Берег Слоновой Кости", "Кот-д'Ивуар"),
            "es": ("Costa de Marfil", "Côte d’Ivoire"),
        },
    ),
    (
        "MMR",
        D(1989, 6, 18),
        {
            "ar": ("بورما", "ميانمار"),
            "en": ("Burma", "Myanmar"),
            "fr": ("Birmanie", "Myanmar"),
            "ru": ("Бирма", "Мьянма"),
            "es": ("Birmania", "Myanmar"),
        },
    ),
    (
        "KHM",
        D(1990, 2, 3),
        {
            "ar": ("كمبوتشيا الديمقراطية", "كمبوديا"),
            "zh": ("民主柬埔寨", "柬埔寨"),
            "en": ("Democratic Kampuchea", "Cambodia"),
            "fr": ("Kampuchea démocratique", "Cambodge"),
            "ru": ("Демократическая Кампучия", "Камбоджа"),
            "es": ("Kampuchea Democrática", "Camboya"),
        },
    ),
    (
        "DEU",
        D(1990, 10, 3),
        {
            "ar": ("جمهورية ألمانيا الاتحادية", "ألمانيا"),
            "zh": ("德意志联邦共和国", "德国"),
            "en": ("Federal Republic of Germany", "Germany"),
            "fr": ("République fédérale d’Allemagne", "Allemagne"),
            "ru": ("Федеративная Республика Германии", "Германия"),
            "es": ("República Federal de Alemania", "Alemania"),
        },
    ),
    (
        "UKR",
        D(1991, 8, 24),
        {
            "ar": ("جمهورية أوكرانيا الاشتراكية السوفياتية", "أوكرانيا"),
            "zh": ("乌克兰苏维埃社会主义共和国", "乌克兰"),
            "en": ("Ukrainian Soviet Socialist Republic", "Ukraine"),
            "fr": ("République socialiste soviétique d’Ukraine", "Ukraine"),
            "ru": ("Украинская Советская Социалистическая Республика", "Украина"),
            "es": ("República Socialista Soviética de Ucrania", "Ucrania"),
        },
    ),
    (
        "BLR",
        D(1991, 9, 19),
        {
            "ar": ("جمهورية بيلوروسيا الاشتراكية السوفياتية", "بيلاروس"),
            "zh": ("白俄罗斯苏维埃社会主义共和国", "白俄罗斯"),
            "en": ("Byelorussian Soviet Socialist Republic", "Belarus"),
            "fr": ("République socialiste soviétique de Biélorussie", "Bélarus"),
            "ru": ("Белорусская Советская Социалистическая Республика", "Беларусь"),
            "es": ("República Socialista Soviética de Bielorrusia", "Belarús"),
        },
    ),
    (
        "RUS",
        D(1991, 12, 24),
        {
            "ar": ("اتحاد الجمهوريات الاشتراكية السوفياتية", "الاتحاد الروسي"),
            "zh": ("苏维埃社会主义共和国联盟", "俄罗斯联邦"),
            "en": ("Union of Soviet Socialist Republics", "Russian Federation"),
            "fr": ("Union des Républiques socialistes soviétiques", "Fédération de Russie"),
            "ru": ("Союз Советских Социалистических Республик", "Российская Федерация"),
            "es": ("Unión de Repúblicas Socialistas Soviéticas", "Federación de Rusia"),
        },
    ),
    (
        "COD",
        D(1997, 5, 21),
        {
            "ar": ("زائير", "جمهورية الكونغو الديمقراطية"),
            "zh": ("扎伊尔", "刚果民主共和国"),
            "en": ("Zaire", "Democratic Republic of the Congo"),
            "fr": ("Zaïre", "République démocratique du Congo"),
            "ru": ("Заир", "Демократическая Республика Конго"),
            "es": ("Zaire", "República Democrática del Congo"),
        },
    ),
    (
        "VEN",
        D(1999, 12, 30),
        {
            "ar": ("فنزويلا", "فنزويلا (جمهورية - البوليفارية)"),
            "zh": ("委内瑞拉", "委内瑞拉玻利瓦尔共和国"),
            "en": ("Venezuela", "Venezuela (Bolivarian Republic of)"),
            "fr": ("Venezuela", "Venezuela (République bolivarienne du)"),
            "ru": ("Венесуэла", "Венесуэла (Боливарианская Республика)"),
            "es": ("Venezuela", "Venezuela (República Bolivariana de)"),
        },
    ),
    (
        "SRB",
        D(2003, 2, 4),
        {
            "ar": ("يوغوسلافيا", "صربيا والجبل الأسود"),
            "zh": ("南斯拉夫", "塞尔维亚和黑山"),
            "en": ("Yugoslavia", "Serbia and Montenegro"),
            "fr": ("Yougoslavie", "Serbie-et-Monténégro"),
            "ru": ("Югославия", "Сербия и Черногория"),
            "es": ("Yugoslavia", "Serbia y Montenegro"),
        },
    ),
    (
        "SRB",
        D(2006, 6, 5),
        {
            "ar": ("صربيا والجبل الأسود", "صربيا"),
            "zh": ("塞尔维亚和黑山", "塞尔维亚"),
            "en": ("Serbia and Montenegro", "Serbia"),
            "fr": ("Serbie-et-Monténégro", "Serbie"),
            "ru": ("Сербия и Черногория", "Сербия"),
            "es": ("Serbia y Montenegro", "Serbia"),
        },
    ),
    (
        "BOL",
        D(2009, 4, 9),
        {
            "ar": ("بوليفيا", "بوليفيا (دولة - المتعددة القوميات)"),
            "zh": ("玻利维亚", "多民族玻利维亚国"),
            "en": ("Bolivia", "Bolivia (Plurinational State of)"),
            "fr": ("Bolivie", "Bolivie (État plurinational de)"),
            "ru": ("Боливия", "Боливия (Многонациональное Государство)"),
            "es": ("Bolivia", "Bolivia (Estado Plurinacional de)"),
        },
    ),
    (
        "LBY",
        D(2011, 9, 16),
        {
            "ar": ("الجماهيرية العربية الليبية", "ليبيا"),
            "zh": ("阿拉伯利比亚民众国", "利比亚"),
            "en": ("Libyan Arab Jamahiriya", "Libya"),
            "fr": ("Jamahiriya arabe libyenne", "Libye"),
            "ru": ("Ливийская Арабская Джамахирия", "Ливия"),
            "es": ("Jamahiriya Árabe Libia", "Libia"),
        },
    ),
    (
        "PSE",
        D(2012, 12, 17),
        {
            "ar": ("فلسطين", "دولة فلسطين"),
            "zh": ("巴勒斯坦", "巴勒斯坦国"),
            "en": ("Palestine", "State of Palestine"),
            "fr": ("Palestine", "État de Palestine"),
            "ru": ("Палестина", "Государство Палестина"),
            "es": ("Palestina", "Estado de Palestina"),
        },
    ),
    (
        "CPV",
        D(2013, 10, 24),
        {
            "ar": ("الرأس الأخضر", "كابو فيردي"),
            "en": ("Cape Verde", "Cabo Verde"),
            "fr": ("Cap-Vert", "Cabo Verde"),
        },
    ),
    (
        "DOM",
        D(2018, 1, 1),
        {
            "zh": ("多米尼加共和国", "多米尼加"),
        },
    ),
    (
        "CZE",
        D(2018, 1, 1),
        {
            "zh": ("捷克共和国", "捷克"),
        },
    ),
    (
        "SWZ",
        D(2018, 5, 31),
        {
            "ar": ("سوازيلند", "إسواتيني"),
            "en": ("Swaziland", "Eswatini"),
            "fr": ("Swaziland", "Eswatini"),
            "ru": ("Свазиленд", "Эсватини"),
            "es": ("Swazilandia", "Eswatini"),
        },
    ),
    (
        "MKD",
        D(2019, 2, 14),
        {
            "ar": ("جمهورية مقدونيا اليوغوسلافية سابقاً", "مقدونيا الشمالية"),
            "zh": ("前南斯拉夫的马其顿共和国", "北马其顿"),
            "en": ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
            "fr": ("ex-République yougoslave de Macédoine", "Macédoine du Nord"),
            "ru": ("бывшая югославская Республика Македония", "Северная Македония"),
            "es": ("ex República Yugoslava de Macedonia", "Macedonia del Norte"),
        },
    ),
    (
        "CZE",
        D(2022, 3, 14),
        {
            "ar": ("الجمهورية التشيكية", "تشيكيا"),
            "en": ("Czech Republic", "Czechia"),
            "fr": ("République tchèque", "Tchéquie"),
            "ru": ("Чешская Республика", "Чехия"),
            "es": ("República Checa", "Chequia"),
        },
    ),
    (
        "TUR",
        D(2022, 6, 1),
        {
            "en": ("Turkey", "Türkiye"),
            "fr": ("Turquie", "Türkiye"),
            "es": ("Turquía", "Türkiye"),
        },
    ),
    (
        "NLD",
        D(2023, 7, 10),
        {
            "ar": ("هولندا", "هولندا (مملكة _)"),
            "zh": ("荷兰", "荷兰王国"),
            "en": ("Netherlands", "Netherlands (Kingdom of the)"),
            "fr": ("Pays-Bas", "Pays-Bas (Royaume des)"),
            "ru": ("Нидерланды", "Нидерланды (Королевство)"),
            "es": ("Países Bajos", "Países Bajos (Reino de los)"),
        },
    ),
]

# Names in force in October 2017 that differ from UNTERM's short name of then, each explained in the
# header of state_names.csv (key in brackets). Typography (’ for UNTERM's plain ', spacing) is listed too.
EXCEPTIONS_2017 = {
    ("BOL", "zh"): "ZH17",  # UNTERM 玻利维亚（多民族国）
    ("FSM", "zh"): "ZH17",  # UNTERM 密克罗尼西亚（联邦）
    ("IRN", "zh"): "ZH17",  # the seed writes 伊朗伊斯兰共和国
    ("VEN", "zh"): "ZH17",  # the seed writes 委内瑞拉玻利瓦尔共和国
    ("DOM", "zh"): "DOM-ZH",  # the seed writes 多米尼加共和国, UNTERM 多米尼加
    ("VEN", "ar"): "VEN-AR",  # UNTERM فنزويلا, M49 the bracketed form
    ("CIV", "en"): "U17a",
    ("CIV", "fr"): "U17a",
    ("CIV", "es"): "U17a",
    ("GBR", "fr"): "U17a",
    ("IRN", "fr"): "U17a",
    ("USA", "fr"): "U17a",
    ("TLS", "ar"): "U17s",
}


def tables() -> dict[str, dict[str, str]]:
    with TABLES.open(encoding="utf-8") as fh:
        return {row["alpha3"]: row for row in csv.DictReader(fh)}


def unterm_short(text: str) -> str:
    """A UNTERM short name without its article notes: "Czech Republic (the)" -> "Czech Republic"."""
    text = re.sub(r"\s*\*+$", "", text.strip())
    for _ in range(2):
        text = re.sub(r"\s*(\((the|le|la|les|l'|el|los|las|sans article)\)|\[(masc|fém)\.\])$", "", text)
    return re.sub(r"^la ", "", re.sub(r"\s+", " ", text))


@pytest.mark.parametrize("code,day,changes", RENAMINGS, ids=[f"{code}-{day}" for code, day, _ in RENAMINGS])
def test_each_renaming_takes_effect_on_its_day(db, code, day, changes):
    before = {lang: names_on(day - DAY, lang)[code] for lang in UN_LANGUAGES}
    after = {lang: names_on(day, lang)[code] for lang in UN_LANGUAGES}
    assert {lang: (before[lang], after[lang]) for lang in changes} == changes
    unchanged = [lang for lang in UN_LANGUAGES if lang not in changes]
    assert [before[lang] for lang in unchanged] == [after[lang] for lang in unchanged]


@pytest.mark.parametrize("code,day,changes", RENAMINGS, ids=[f"{code}-{day}" for code, day, _ in RENAMINGS])
def test_names_at_gives_each_date_its_own_name(db, code, day, changes):
    # One query for several (State, date) pairs, as the list of meetings names its chairs.
    for lang, (old, new) in changes.items():
        assert names_at([(code, day - DAY), (code, day)], lang) == {(code, day - DAY): old, (code, day): new}


def test_every_current_name_is_the_un_m49_name_of_2024(db):
    table = tables()
    today = {lang: names_on(D(2026, 12, 1), lang) for lang in UN_LANGUAGES}
    differences = [
        (code, lang, today[lang][code], row[f"m49_2024_{lang}"])
        for code, row in sorted(table.items())
        for lang in UN_LANGUAGES
        if today[lang][code] != row[f"m49_2024_{lang}"]
    ]
    assert differences == []
    assert len(table) == 197


def test_the_names_of_2017_are_unterm_short_names_but_for_the_explained_exceptions(db):
    table = tables()
    then = {lang: names_on(D(2017, 10, 18), lang) for lang in UN_LANGUAGES}
    differences = {
        (code, lang)
        for code, row in table.items()
        for lang in UN_LANGUAGES
        if then[lang][code] != unterm_short(row[f"unterm_2017_{lang}"])
    }
    assert differences == set(EXCEPTIONS_2017)
    assert unterm_short("Bolivie (État plurinational de) (l')") == "Bolivie (État plurinational de)"
    assert unterm_short("Estado  de Palestina  *") == "Estado de Palestina"
    assert then["en"]["CZE"] == "Czech Republic" and then["es"]["SWZ"] == "Swazilandia"
    for code, lang in EXCEPTIONS_2017:
        apostrophes = unterm_short(table[code][f"unterm_2017_{lang}"]).replace("'", "’")
        if EXCEPTIONS_2017[(code, lang)] == "U17a":
            assert then[lang][code] == apostrophes
        if EXCEPTIONS_2017[(code, lang)] == "U17s":
            assert then[lang][code].replace(" ", "") == apostrophes.replace(" ", "")


def test_every_row_names_its_sources_and_every_key_is_explained():
    problems: list[str] = []
    path = DATA_DIR / "state_names.csv"
    table = read_table(path, ("alpha3", "lang", "name", "valid_from", "valid_to", "source"), problems)
    assert problems == []
    header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    explained = set(re.findall(r"^# - ([A-Za-z0-9]+(?:-[A-Z0-9]+)?)\b", header, flags=re.M))
    used = {key.strip() for _, row in table.rows for key in row["source"].split(";")}
    assert "" not in used
    assert used - explained == set()
    assert {"M49", "U17", "SEED", "LBY-2011", "CPV-2013", "CZE-NAME"} <= used


def test_exceptions_are_named_in_the_rows_they_concern():
    problems: list[str] = []
    rows = read_table(
        DATA_DIR / "state_names.csv", ("alpha3", "lang", "name", "valid_from", "valid_to", "source"), problems
    ).rows
    in_force = {
        (r["alpha3"], r["lang"]): r["source"]
        for _, r in rows
        if (r["valid_from"] or "0000") <= "2017-10-18" < (r["valid_to"] or "9999")
    }
    for key, reason in EXCEPTIONS_2017.items():
        assert reason in in_force[key].split("; ") or reason in in_force[key], key
