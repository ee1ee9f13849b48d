"""Tests for plenary.documents.symbols (pure Python, no Django)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from plenary.documents.symbols import (
    DOC_TYPES,
    Modifier,
    Symbol,
    SymbolError,
    file_stem,
    format_symbol,
    parse,
)


def _d(
    symbol: str,
    series: str,
    type: str | None,
    number: int,
    modifiers: list[tuple[str, int]] = (),  # type: ignore[assignment]
    reissue: bool = False,
    parent: str | None = None,
) -> dict[str, Any]:
    return {
        "symbol": symbol,
        "series": series,
        "type": type,
        "number": number,
        "modifiers": [{"kind": k, "number": n} for k, n in modifiers],
        "reissue": reissue,
        "parent": parent,
    }


# -- whole-dict expectations ----------------------------------------------------

DICT_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "BWC/MSP/2017/WP.13/Corr.1",
        _d("BWC/MSP/2017/WP.13/Corr.1", "BWC/MSP/2017", "WP", 13, [("Corr", 1)], parent="BWC/MSP/2017/WP.13"),
    ),
    ("BWC/MSP/2005/INF/2", _d("BWC/MSP/2005/INF/2", "BWC/MSP/2005", "INF", 2)),
    ("BWC/MSP/2007/WP.9*", _d("BWC/MSP/2007/WP.9*", "BWC/MSP/2007", "WP", 9, reissue=True)),
    (
        "BWC/MSP/2014/MX/INF.1/Add.1",
        _d(
            "BWC/MSP/2014/MX/INF.1/Add.1",
            "BWC/MSP/2014/MX",
            "INF",
            1,
            [("Add", 1)],
            parent="BWC/MSP/2014/MX/INF.1",
        ),
    ),
    ("BWC/MSP/2018/MX.1/3", _d("BWC/MSP/2018/MX.1/3", "BWC/MSP/2018/MX.1", None, 3)),
    ("A/RES/72/71", _d("A/RES/72/71", "A/RES/72", None, 71)),
    ("BWC/CONF.VIII/4", _d("BWC/CONF.VIII/4", "BWC/CONF.VIII", None, 4)),
    ("BWC/MSP/2017/6", _d("BWC/MSP/2017/6", "BWC/MSP/2017", None, 6)),
    (
        "BWC/MSP/2017/3/Add.1",
        _d("BWC/MSP/2017/3/Add.1", "BWC/MSP/2017", None, 3, [("Add", 1)], parent="BWC/MSP/2017/3"),
    ),
    (
        "BWC/MSP/2017/3/Add.1/Corr.1",
        _d(
            "BWC/MSP/2017/3/Add.1/Corr.1",
            "BWC/MSP/2017",
            None,
            3,
            [("Add", 1), ("Corr", 1)],
            parent="BWC/MSP/2017/3/Add.1",
        ),
    ),
    ("BWC/MSP/2019/MX.5/WP.1", _d("BWC/MSP/2019/MX.5/WP.1", "BWC/MSP/2019/MX.5", "WP", 1)),
    (
        "BWC/MSP/2017/WP.13/Rev.1",
        _d("BWC/MSP/2017/WP.13/Rev.1", "BWC/MSP/2017", "WP", 13, [("Rev", 1)], parent="BWC/MSP/2017/WP.13"),
    ),
    ("BWC/CONF.IV/SR.1", _d("BWC/CONF.IV/SR.1", "BWC/CONF.IV", "SR", 1)),
    ("BWC/CONF.IX/PC/1", _d("BWC/CONF.IX/PC/1", "BWC/CONF.IX/PC", None, 1)),
    ("BWC/CONF.IX/PC/WP.3", _d("BWC/CONF.IX/PC/WP.3", "BWC/CONF.IX/PC", "WP", 3)),
    (
        "BWC/CONF.VII/INF.9/Rev.1",
        _d("BWC/CONF.VII/INF.9/Rev.1", "BWC/CONF.VII", "INF", 9, [("Rev", 1)], parent="BWC/CONF.VII/INF.9"),
    ),
    ("BWC/MSP/2017/MISC.1", _d("BWC/MSP/2017/MISC.1", "BWC/MSP/2017", "MISC", 1)),
    ("CCW/MSP/2019/9", _d("CCW/MSP/2019/9", "CCW/MSP/2019", None, 9)),
    ("APLC/MSP.18/2019/WP.2", _d("APLC/MSP.18/2019/WP.2", "APLC/MSP.18/2019", "WP", 2)),
    ("S/RES/1540(2004)", _d("S/RES/1540(2004)", "S/RES", None, 1540)),
    ("BWC/AD HOC GROUP/WP.1", _d("BWC/AD HOC GROUP/WP.1", "BWC/AD HOC GROUP", "WP", 1)),
]


@pytest.mark.parametrize(("text", "expected"), DICT_CASES, ids=[c[0] for c in DICT_CASES])
def test_to_dict(text: str, expected: dict[str, Any]) -> None:
    assert parse(text).to_dict() == expected


@pytest.mark.parametrize("text", [c[0] for c in DICT_CASES])
def test_round_trip_and_str(text: str) -> None:
    symbol = parse(text)
    assert symbol.format() == text
    assert str(symbol) == text
    assert parse(symbol.format()) == symbol


def test_separate_and_joined_forms_are_distinct_but_same_document() -> None:
    separate = parse("BWC/MSP/2005/INF/2")
    joined = parse("BWC/MSP/2005/INF.2")
    assert not separate.joined and joined.joined
    assert (separate.series, separate.type, separate.number) == (joined.series, joined.type, joined.number)
    assert separate != joined
    assert separate.document == "INF/2" and joined.document == "INF.2"


def test_year_is_kept_on_the_symbol() -> None:
    symbol = parse("S/RES/1540(2004)")
    assert symbol.year == 2004
    assert symbol.document == "1540(2004)"
    assert parse("S/RES/1540(2004)/Corr.1").parent == symbol


# -- the BWC/MSP/2017 annex list -------------------------------------------------

ANNEX: list[tuple[str, str | None]] = (
    [(f"BWC/MSP/2017/{n}", None) for n in range(1, 7)]
    + [
        ("BWC/MSP/2017/3/Add.1", None),
        ("BWC/MSP/2017/MISC.1", "MISC"),
        ("BWC/MSP/2017/INF.1", "INF"),
        ("BWC/MSP/2017/CRP.1", "CRP"),
        ("BWC/MSP/2017/CRP.2", "CRP"),
    ]
    + [(f"BWC/MSP/2017/WP.{n}", "WP") for n in range(1, 25)]
    + [("BWC/MSP/2017/WP.13/Corr.1", "WP")]
)


@pytest.mark.parametrize(("text", "doc_type"), ANNEX, ids=[a[0] for a in ANNEX])
def test_annex_symbols(text: str, doc_type: str | None) -> None:
    symbol = parse(text)
    assert symbol.format() == text
    assert symbol.type == doc_type
    assert symbol.series == "BWC/MSP/2017"


def test_annex_is_complete() -> None:
    assert len(ANNEX) == 6 + 5 + 24 + 1
    assert len({parse(t) for t, _ in ANNEX}) == len(ANNEX)


# -- parent ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        ("BWC/MSP/2017/WP.13/Corr.1", "BWC/MSP/2017/WP.13"),
        ("BWC/MSP/2017/3/Add.1", "BWC/MSP/2017/3"),
        ("BWC/MSP/2017/3/Add.1/Corr.1", "BWC/MSP/2017/3/Add.1"),
        ("BWC/MSP/2017/WP.13/Corr.1*", "BWC/MSP/2017/WP.13"),
        ("BWC/MSP/2005/INF/2/Add.1", "BWC/MSP/2005/INF/2"),
    ],
)
def test_parent(text: str, parent: str) -> None:
    got = parse(text).parent
    assert got is not None
    assert got.format() == parent
    assert got.reissue is False


@pytest.mark.parametrize("text", ["BWC/MSP/2017/6", "BWC/MSP/2007/WP.9*", "A/RES/72/71"])
def test_parent_is_none_without_modifiers(text: str) -> None:
    assert parse(text).parent is None


# -- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("BWC/MSP/ 2017/6", "BWC/MSP/2017/6"),
        ("  BWC/MSP/2017/6\n", "BWC/MSP/2017/6"),
        ("BWC / MSP / 2017 / WP.13", "BWC/MSP/2017/WP.13"),
        (" bwc/msp/2017/wp.13/corr.1 ", "BWC/MSP/2017/WP.13/Corr.1"),
        ("BWC/MSP/2017/3/add.1", "BWC/MSP/2017/3/Add.1"),
        ("BWC/MSP/2017/WP.13/rev.2", "BWC/MSP/2017/WP.13/Rev.2"),
        ("BWC/MSP/2017/WP.13/CORR.1", "BWC/MSP/2017/WP.13/Corr.1"),
        ("BWC/MSP/2017/WP. 13/Corr. 1", "BWC/MSP/2017/WP.13/Corr.1"),
        ("BWC/MSP/2017/WP.013", "BWC/MSP/2017/WP.13"),
        ("BWC/MSP/2007/WP.9 *", "BWC/MSP/2007/WP.9*"),
        ("bwc/conf.viii/4", "BWC/CONF.VIII/4"),
        ("bwc/msp/2005/inf/2", "BWC/MSP/2005/INF/2"),
        ("S/RES/1540 (2004)", "S/RES/1540(2004)"),
        ("BWC/AD  HOC GROUP/WP.1", "BWC/AD HOC GROUP/WP.1"),
    ],
)
def test_normalisation(text: str, canonical: str) -> None:
    assert parse(text).format() == canonical
    assert parse(text) == parse(canonical)


def test_custom_document_types() -> None:
    symbol = parse("BWC/MSP/2017/NOTE.1", doc_types={"note", "WP"})
    assert (symbol.series, symbol.type, symbol.number) == ("BWC/MSP/2017", "NOTE", 1)
    # With the defaults NOTE is not a document type, so NOTE.1 ends a series.
    with pytest.raises(SymbolError, match="NOTE is not a known document type"):
        parse("BWC/MSP/2017/NOTE.1")


# -- errors ------------------------------------------------------------------------------

ERROR_CASES: list[tuple[str, str, str | None, int | None]] = [
    ("", "empty symbol", "", None),
    ("   ", "empty symbol", "", None),
    ("BWC//2017/1", "empty element at position 1: between 'BWC' and '2017'", "", 1),
    ("/BWC/MSP", "empty element at position 0: the symbol starts with '/'", "", 0),
    ("BWC/MSP/2017/1/", "empty element at position 4: the symbol ends with '/'", "", 4),
    ("BWC/MSP/2017/WP.x", "'WP.x': document number must be a whole number", "WP.x", 3),
    ("BWC/MSP/2017/WP.", "'WP.': document number is missing", "WP.", 3),
    ("BWC/MSP/2017/WP.0", "'WP.0': document number must be 1 or more", "WP.0", 3),
    ("BWC/MSP/2017/0", "'0': document number must be 1 or more", "0", 3),
    ("BWC/MSP/2017/WP.13/Corr.0", "'Corr.0': modifier number must be 1 or more", "Corr.0", 4),
    ("BWC/MSP/2017/WP.13/Add.x", "'Add.x': modifier number must be a whole number", "Add.x", 4),
    ("BWC/MSP/2017/WP.13/Rev", "'Rev': modifier number is missing", "Rev", 4),
    ("BWC/MSP/2017/WP.13/Corr.1/Add.", "'Add.': modifier number is missing", "Add.", 5),
    ("BWC/MSP/2017/WP.13/Foo.1", "'Foo.1' after 'WP.13' is not Add., Corr. or Rev.", "Foo.1", 4),
    ("BWC/MSP/2017/WP.13/WP.1", "'WP.1' after 'WP.13' is not Add., Corr. or Rev.", "WP.1", 4),
    ("BWC/MSP/2017/3/Add.1/4", "'4' after 'Add.1' is not Add., Corr. or Rev.", "4", 5),
    (
        "BWC/MSP/2017/WP.13/Corr.1/Add.1",
        "'Corr.1' cannot come before 'Add.1': a corrigendum must be the last modifier",
        "Corr.1",
        4,
    ),
    (
        "BWC/MSP/2017/WP.13/Corr.1/Corr.2",
        "'Corr.1' cannot come before 'Corr.2': a corrigendum must be the last modifier",
        "Corr.1",
        4,
    ),
    ("BWC/MSP/2017/3/Add.1/Add.2", "'Add.2' cannot directly follow 'Add.1'", "Add.2", 5),
    (
        "BWC/MSP/2017/WP.13**",
        "'WP.13**': only one reissue mark '*' is allowed, at the end of the symbol",
        "WP.13**",
        3,
    ),
    (
        "BWC/MSP*/2017/1",
        "'MSP*': the reissue mark '*' can only come at the end of the symbol",
        "MSP*",
        1,
    ),
    ("BWC/MSP", "'MSP': expected a document number such as '6', 'WP.13' or 'INF/2'", "MSP", 1),
    (
        "BWC/MSP/2017/Foo.1",
        "'Foo.1': expected a document number such as '6', 'WP.13' or 'INF/2' (FOO is not a known document type)",
        "Foo.1",
        3,
    ),
    (
        "BWC/MSP/2005/INF",
        "'INF': document type INF must be followed by a number (e.g. 'INF.1' or 'INF/1')",
        "INF",
        3,
    ),
    (
        "BWC/MSP/2005/INF/2(2005)",
        "'2(2005)': a year in brackets is only allowed on a plain document number (e.g. 'S/RES/1540(2004)')",
        "2(2005)",
        4,
    ),
    (
        "S/1540(2004)/RES/1",
        "'1540(2004)': a year in brackets can only follow the document number",
        "1540(2004)",
        1,
    ),
    (
        "WP.1",
        "'WP.1': a symbol must start with the issuing body (e.g. 'BWC' or 'A') before the document",
        "WP.1",
        0,
    ),
    (
        "6",
        "'6': a symbol must start with the issuing body (e.g. 'BWC' or 'A') before the document",
        "6",
        0,
    ),
    (
        "Add.1",
        "'Add.1': a symbol must start with the issuing body (e.g. 'BWC' or 'A'), not a modifier",
        "Add.1",
        0,
    ),
    (
        "2017/MSP/1",
        "'2017': a symbol must start with the issuing body (e.g. 'BWC' or 'A'), not a number",
        "2017",
        0,
    ),
    (
        "BWC/Add.1/WP.1",
        "'Add.1': a modifier cannot come before the document 'WP.1'",
        "Add.1",
        1,
    ),
    (
        "BWC/MSP/20#17/1",
        "'20#17': not a valid symbol element (letters, digits, '.' and '-' only)",
        "20#17",
        2,
    ),
    (
        "BWC/MSP/2017/\u0666",  # Arabic-Indic digit six: only ASCII digits are accepted
        "'\u0666': not a valid symbol element (letters, digits, '.' and '-' only)",
        "\u0666",
        3,
    ),
    (
        "BWC/AD HOC GROUP/56-1",
        "'56-1': expected a document number such as '6', 'WP.13' or 'INF/2'",
        "56-1",
        2,
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "part", "position"), ERROR_CASES, ids=[c[0] or "<empty>" for c in ERROR_CASES]
)
def test_errors(text: str, message: str, part: str | None, position: int | None) -> None:
    with pytest.raises(SymbolError) as info:
        parse(text)
    assert str(info.value) == message
    assert info.value.part == part
    assert info.value.position == position
    assert info.value.text == text
    assert isinstance(info.value, ValueError)


def test_parse_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        parse(None)  # type: ignore[arg-type]


# -- constructing / format_symbol -------------------------------------------------------


def test_format_symbol() -> None:
    assert format_symbol("BWC/MSP/2017", "WP", 25) == "BWC/MSP/2017/WP.25"
    assert format_symbol("BWC/MSP/2017", None, 6) == "BWC/MSP/2017/6"
    assert format_symbol("bwc/msp/ 2017", "wp", 13, ["corr.1"]) == "BWC/MSP/2017/WP.13/Corr.1"
    assert (
        format_symbol("BWC/MSP/2017", None, 3, [("Add", 1), Modifier("Corr", 1)])
        == "BWC/MSP/2017/3/Add.1/Corr.1"
    )
    assert format_symbol("BWC/MSP/2005", "INF", 2, joined=False) == "BWC/MSP/2005/INF/2"
    assert format_symbol("BWC/MSP/2007", "WP", 9, reissue=True) == "BWC/MSP/2007/WP.9*"
    assert format_symbol("S/RES", None, 1540, year=2004) == "S/RES/1540(2004)"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (
            ("BWC/MSP/2017", "FOO", 1),
            {},
            "'FOO': not a known document type (known: CRP, INF, L, MISC, NGO, PV, SR, WP)",
        ),
        (("BWC/MSP/2017", "WP"), {}, "a document number is required"),
        (("BWC/MSP/2017", "WP", 0), {}, "'0': document number must be 1 or more"),
        (("", "WP", 1), {}, "empty series"),
        (("BWC/MSP/2017", "WP", 1, [("Foo", 1)]), {}, "'Foo' is not Add., Corr. or Rev."),
        (
            ("BWC/MSP/2017", "WP", 1, ["Corr.1", "Add.1"]),
            {},
            "'Corr.1' cannot come before 'Add.1': a corrigendum must be the last modifier",
        ),
        (
            ("A/INF", None, 1),
            {},
            "'A/INF/1' would be read back with series 'A' and document 'INF/1': the parts are ambiguous",
        ),
        (
            ("BWC/MSP/2017/WP.13", None, 1),
            {},
            "'BWC/MSP/2017/WP.13/1' is not a valid symbol: '1' after 'WP.13' is not Add., Corr. or Rev.",
        ),
        (
            ("BWC/MSP/2017", "WP", 1),
            {"year": 2017},
            "a year in brackets is only allowed on a plain document number (e.g. 'S/RES/1540(2004)')",
        ),
    ],
)
def test_format_symbol_errors(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SymbolError) as info:
        format_symbol(*args, **kwargs)
    assert str(info.value) == message


def test_constructor_validates_and_normalises() -> None:
    sym = Symbol("BWC/MSP/2017", None, 6, joined=False)
    assert sym.joined is True  # meaningless without a type: normalised
    with pytest.raises(SymbolError):
        Symbol("bwc/msp/2017", "WP", 1)  # series must be canonical (upper case)
    with pytest.raises(SymbolError):
        Symbol("BWC//2017", "WP", 1)
    with pytest.raises(SymbolError):
        Symbol("BWC/MSP/2017", "WP", 1, (Modifier("Add", 1), Modifier("Add", 2)))
    with pytest.raises(SymbolError):
        Modifier("Amend", 1)  # type: ignore[arg-type]
    with pytest.raises(SymbolError):
        Modifier("Add", 0)


# -- file_stem --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "lang", "stem"),
    [
        ("BWC/MSP/2017/6", "zh", "BWC_MSP_2017_6-ZH"),
        ("BWC/MSP/2017/WP.13/Corr.1", "en", "BWC_MSP_2017_WP.13_Corr.1-EN"),
        ("BWC/MSP/2007/WP.9*", "FR", "BWC_MSP_2007_WP.9-FR"),
        (" bwc/msp/ 2017/wp.13/corr.1", "es", "BWC_MSP_2017_WP.13_Corr.1-ES"),
        ("BWC/AD HOC GROUP/WP.1", "ru", "BWC_AD_HOC_GROUP_WP.1-RU"),
        ("S/RES/1540(2004)", "ar", "S_RES_1540(2004)-AR"),
    ],
)
def test_file_stem(symbol: str, lang: str, stem: str) -> None:
    assert file_stem(symbol, lang) == stem
    assert file_stem(parse(symbol), lang) == stem


def test_file_stem_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        file_stem("BWC/MSP/2017/6", "de")
    assert file_stem("BWC/MSP/2017/6", "de", languages={"de"}) == "BWC_MSP_2017_6-DE"


def test_module_does_not_import_django() -> None:
    # In a fresh interpreter: under pytest-django, Django is already imported here.
    import plenary.documents.symbols as module

    src = str(Path(module.__file__).resolve().parents[2])
    code = "import sys, plenary.documents.symbols; sys.exit('django' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": src}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


# -- properties ----------------------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

series_elements = st.one_of(
    st.just("MSP"),
    st.integers(1, 30).map(lambda n: f"MSP.{n}"),
    st.integers(1975, 2030).map(str),
    st.sampled_from(ROMAN).map(lambda r: f"CONF.{r}"),
    st.just("MX"),
    st.integers(1, 5).map(lambda n: f"MX.{n}"),
    st.sampled_from(["PC", "RES", "GGE", "AD HOC GROUP", "C.1", "ES-10"]),
    st.integers(1, 80).map(str),
    st.sampled_from(sorted(DOC_TYPES)),  # bare type inside a series, as in A/INF/72/1
)


@st.composite
def modifier_sequences(draw: st.DrawFn) -> tuple[Modifier, ...]:
    mods: list[Modifier] = []
    for _ in range(draw(st.integers(0, 3))):
        if mods and mods[-1].kind == "Corr":
            break
        choices = [k for k in ("Add", "Corr", "Rev") if not mods or k != mods[-1].kind]
        mods.append(Modifier(draw(st.sampled_from(choices)), draw(st.integers(1, 12))))  # type: ignore[arg-type]
    return tuple(mods)


@st.composite
def symbols(draw: st.DrawFn) -> Symbol:
    body = draw(st.sampled_from(["BWC", "CCW", "APLC", "A", "S", "CD", "E"]))
    rest = draw(st.lists(series_elements, max_size=3))
    doc_type = draw(st.none() | st.sampled_from(sorted(DOC_TYPES)))
    # A plain number right after a bare document type would read as the "INF/2" form.
    assume(not (doc_type is None and rest and rest[-1] in DOC_TYPES))
    year = draw(st.none() | st.integers(1945, 2030)) if doc_type is None else None
    return Symbol(
        series="/".join([body, *rest]),
        type=doc_type,
        number=draw(st.integers(1, 3000)),
        modifiers=draw(modifier_sequences()),
        reissue=draw(st.booleans()),
        joined=draw(st.booleans()),
        year=year,
    )


@given(symbols())
def test_property_round_trip(symbol: Symbol) -> None:
    text = symbol.format()
    parsed = parse(text)
    assert parsed == symbol
    assert parsed.format() == text
    assert parse(parsed.format()) == parsed


@given(symbols())
def test_property_parent_is_prefix(symbol: Symbol) -> None:
    text = symbol.format()
    parent = parse(text).parent
    if not symbol.modifiers:
        assert parent is None
        return
    assert parent is not None
    assert text.rstrip("*") == f"{parent.format()}/{symbol.modifiers[-1]}"
    assert text.startswith(parent.format() + "/")
    assert parse(parent.format()) == parent


@given(symbols())
def test_property_format_symbol_agrees(symbol: Symbol) -> None:
    built = format_symbol(
        symbol.series,
        symbol.type,
        symbol.number,
        symbol.modifiers,
        symbol.reissue,
        joined=symbol.joined,
        year=symbol.year,
    )
    assert built == symbol.format()


@given(symbols(), st.lists(st.sampled_from(["", " ", "  "]), min_size=16, max_size=16), st.booleans())
def test_property_pdf_noise_is_tolerated(symbol: Symbol, blanks: list[str], lower: bool) -> None:
    text = symbol.format()
    noisy = "".join(ch + (blanks[i % len(blanks)] if ch == "/" else "") for i, ch in enumerate(text))
    noisy = f" {noisy.lower() if lower else noisy}\n"
    assert parse(noisy) == symbol


@given(st.text(alphabet="/.*() -0123456789ABCDILNPRSWaddcorrev#", max_size=30))
def test_property_anything_parses_or_raises_symbol_error(text: str) -> None:
    try:
        symbol = parse(text)
    except SymbolError as exc:
        assert exc.message
        assert exc.position is None or exc.position >= 0
        return
    assert parse(symbol.format()) == symbol
    assert symbol.to_dict()["symbol"] == symbol.format()
