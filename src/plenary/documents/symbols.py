"""Parse, validate and format UN document symbols.

Pure Python, no Django: usable from importers, the CLI and the web layer alike.

A UN document symbol is a sequence of ``/``-separated elements.  The leading
elements name the *series* (issuing body, organ, session or meeting), then
comes the *document* (a number, optionally with a document type), then any
*modifiers* (addendum, corrigendum, revision), then an optional reissue mark::

    BWC/MSP/2017 / WP.13 / Corr.1 / *
    ^series        ^doc    ^mods     ^reissued for technical reasons

Grammar (EBNF; elements are separated by "/", blanks around "/" are ignored
when parsing)::

    symbol     = series "/" document { "/" modifier } [ "*" ] ;
    series     = body { "/" series-el } ;
    body       = series-el ;                         (* starting with a letter: BWC, A, S, CCW *)
    series-el  = word { ("." | "-") word }           (* MSP, 2017, CONF.VIII, MX.1, PC, RES, 72 *)
               | alpha-word { " " alpha-word } ;     (* AD HOC GROUP *)
    word       = ( "A".."Z" | digit ) { "A".."Z" | digit } ;
    alpha-word = "A".."Z" { "A".."Z" } ;
    document   = doc-type "." number                 (* WP.13, INF.1   "joined"   *)
               | doc-type "/" number                 (* INF/2          "separate" *)
               | number [ "(" year ")" ] ;           (* 6, 1540(2004)  plain      *)
    doc-type   = one of DOC_TYPES ;                  (* WP INF CRP MISC SR L PV NGO *)
    modifier   = ( "Add" | "Corr" | "Rev" ) "." number ;
    number     = digit { digit } ;                   (* ASCII digits, value >= 1 *)
    year       = digit digit digit digit ;

How the parser tells series from document (rules, no list of known symbols):

* The document is the first element of the form ``TYPE.n`` whose TYPE is a
  known document type (``WP.13``).  Everything after it must be a modifier.
* Otherwise the document is the bare number just before the first modifier
  (or the last element when there is none); if the element before that
  number is a bare document type (``INF``) the two form one document in the
  "separate" form (``INF/2``).
* Everything before the document is the series.  ``MX.1``, ``CONF.VIII``,
  ``MSP.18`` or ``PC`` are series elements because MX, CONF, MSP and PC are
  not document types; ``RES`` is deliberately not a document type, so
  ``A/RES/72/71`` is document 71 of series ``A/RES/72`` and
  ``S/RES/1540(2004)`` is document 1540 (year 2004) of series ``S/RES``.

Modifier sequence rules: a corrigendum (``Corr.n``) is always the last
modifier, and the same kind never follows itself directly (``Add.1/Add.2``
is not a symbol).  Otherwise any order is allowed (``Rev.1/Add.1/Corr.1``,
``Add.1/Rev.1``).

Normalisation done by :func:`parse`: surrounding blanks and blanks next to
``/`` or ``.`` are dropped (PDF text: ``BWC/MSP/ 2017/6``), runs of blanks
inside an element become one, everything is upper case except the
modifiers, which become ``Add``/``Corr``/``Rev``; leading zeros in document
and modifier numbers are dropped (``WP.013`` -> ``WP.13``); ``1540 (2004)``
becomes ``1540(2004)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

__all__ = [
    "DOC_TYPES",
    "LANGUAGES",
    "MODIFIER_KINDS",
    "Modifier",
    "ModifierKind",
    "Symbol",
    "SymbolError",
    "file_stem",
    "format_symbol",
    "parse",
]

ModifierKind = Literal["Add", "Corr", "Rev"]

#: Modifier kinds, in canonical spelling.
MODIFIER_KINDS: tuple[ModifierKind, ...] = ("Add", "Corr", "Rev")

#: Default document types: an element ``TYPE.n`` (or ``TYPE/n``) with one of
#: these types is the document; any other ``XX.n`` element is part of the series.
DOC_TYPES: frozenset[str] = frozenset({"CRP", "INF", "L", "MISC", "NGO", "PV", "SR", "WP"})

#: The six official UN languages, as used in file names (upper case).
LANGUAGES: frozenset[str] = frozenset({"AR", "EN", "ES", "FR", "RU", "ZH"})

_KIND_BY_LOWER: dict[str, ModifierKind] = {k.lower(): k for k in MODIFIER_KINDS}

_WORD = r"[A-Z0-9]+(?:[.\-][A-Z0-9]+)*"
_SERIES_EL_RE = re.compile(rf"{_WORD}|[A-Z]+(?: [A-Z]+)+")
_TYPE_RE = re.compile(r"[A-Z]+")
_MOD_RE = re.compile(r"(?P<kind>add|corr|rev)(?P<rest>(?:\s*\.|\s).*)?", re.IGNORECASE)
_TYPED_RE = re.compile(r"(?P<type>[A-Za-z]+)\s*\.\s*(?P<num>.*)")
_NUM_RE = re.compile(r"(?P<num>[0-9]+)(?:\s*\(\s*(?P<year>[0-9]{4})\s*\))?")
_DIGITS_RE = re.compile(r"[0-9]+")  # ASCII digits only, unlike \d
_BLANKS_RE = re.compile(r"\s+")


class SymbolError(ValueError):
    """A malformed symbol (or symbol parts).

    ``part`` is the offending element as written (``""`` for an empty
    element, ``None`` when the problem is not tied to one element) and
    ``position`` its 0-based index among the ``/``-separated elements
    (``None`` when not tied to one element).  ``text`` is the whole input,
    when known.
    """

    def __init__(
        self,
        message: str,
        *,
        part: str | None = None,
        position: int | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.part = part
        self.position = position
        self.text = text


@dataclass(frozen=True)
class Modifier:
    """``Add.n``, ``Corr.n`` or ``Rev.n``."""

    kind: ModifierKind
    number: int

    def __post_init__(self) -> None:
        if self.kind not in MODIFIER_KINDS:
            raise SymbolError(f"'{self.kind}': modifier kind must be Add, Corr or Rev", part=str(self.kind))
        if not _is_int(self.number) or self.number < 1:
            raise SymbolError(
                f"'{self.kind}.{self.number}': modifier number must be 1 or more", part=str(self)
            )

    def __str__(self) -> str:
        return f"{self.kind}.{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number}


@dataclass(frozen=True)
class Symbol:
    """A parsed UN document symbol.  Build with :func:`parse` or the constructor.

    ``series`` is in canonical form (``"BWC/MSP/2017"``).  ``type`` is the
    document type (``"WP"``) or ``None`` for a plainly numbered document.
    ``joined`` records the written form of a typed document: ``WP.13``
    (True) or the older ``INF/2`` (False); it is always True when ``type``
    is None.  ``year`` is the bracketed year of e.g. ``S/RES/1540(2004)``
    (plain numbered documents only).
    """

    series: str
    type: str | None
    number: int
    modifiers: tuple[Modifier, ...] = ()
    reissue: bool = False
    joined: bool = True
    year: int | None = field(default=None)

    def __post_init__(self) -> None:
        if not isinstance(self.modifiers, tuple):
            object.__setattr__(self, "modifiers", tuple(cast(Iterable[Modifier], self.modifiers)))
        if self.type is None and not self.joined:
            object.__setattr__(self, "joined", True)
        _check_series(self.series)
        if self.type is not None and not _TYPE_RE.fullmatch(self.type):
            raise SymbolError(f"'{self.type}': document type must be upper-case letters", part=str(self.type))
        if not _is_int(self.number) or self.number < 1:
            raise SymbolError(f"'{self.number}': document number must be 1 or more", part=str(self.number))
        if self.year is not None:
            if self.type is not None:
                raise SymbolError(
                    "a year in brackets is only allowed on a plain document number (e.g. 'S/RES/1540(2004)')",
                    part=str(self.year),
                )
            if not _is_int(self.year) or not 1000 <= self.year <= 9999:
                raise SymbolError(f"'{self.year}': year must have four digits", part=str(self.year))
        for m in self.modifiers:
            if not isinstance(m, Modifier):
                raise SymbolError(f"{m!r} is not a Modifier", part=str(m))
        _check_modifier_order([str(m) for m in self.modifiers], self.modifiers, first_position=None)

    # -- formatting ------------------------------------------------------

    @property
    def document(self) -> str:
        """The document element(s) alone: ``"WP.13"``, ``"INF/2"``, ``"6"``, ``"1540(2004)"``."""
        if self.type is None:
            return f"{self.number}" if self.year is None else f"{self.number}({self.year})"
        return f"{self.type}{'.' if self.joined else '/'}{self.number}"

    def format(self) -> str:
        """The canonical symbol string."""
        parts = [self.series, self.document, *(str(m) for m in self.modifiers)]
        return "/".join(parts) + ("*" if self.reissue else "")

    def __str__(self) -> str:
        return self.format()

    @property
    def parent(self) -> Symbol | None:
        """The symbol without its last modifier (and without the reissue mark), or None."""
        if not self.modifiers:
            return None
        return Symbol(
            series=self.series,
            type=self.type,
            number=self.number,
            modifiers=self.modifiers[:-1],
            reissue=False,
            joined=self.joined,
            year=self.year,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: symbol, series, type, number, modifiers, reissue, parent."""
        parent = self.parent
        return {
            "symbol": self.format(),
            "series": self.series,
            "type": self.type,
            "number": self.number,
            "modifiers": [m.to_dict() for m in self.modifiers],
            "reissue": self.reissue,
            "parent": None if parent is None else parent.format(),
        }


# -- parsing -----------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    """One classified element."""

    kind: Literal["mod", "typed", "type", "num", "series"]
    raw: str  # as written (stripped), for messages
    canon: str  # canonical spelling
    number: int | None = None
    year: int | None = None
    mod_kind: ModifierKind | None = None
    doc_type: str | None = None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean(element: str) -> str:
    return _BLANKS_RE.sub(" ", element.strip())


def _number(raw: str, text: str, what: str, position: int | None, source: str | None) -> int:
    text = text.strip()
    if not text:
        raise SymbolError(f"'{raw}': {what} number is missing", part=raw, position=position, text=source)
    if not _DIGITS_RE.fullmatch(text):
        raise SymbolError(
            f"'{raw}': {what} number must be a whole number", part=raw, position=position, text=source
        )
    value = int(text)
    if value < 1:
        raise SymbolError(
            f"'{raw}': {what} number must be 1 or more", part=raw, position=position, text=source
        )
    return value


def _classify(raw: str, position: int, doc_types: frozenset[str], source: str | None) -> _Tok:
    m = _MOD_RE.fullmatch(raw)
    if m:
        kind = _KIND_BY_LOWER[m["kind"].lower()]
        rest = (m["rest"] or "").strip()
        rest = rest[1:] if rest.startswith(".") else rest
        n = _number(raw, rest, "modifier", position, source)
        return _Tok("mod", raw, f"{kind}.{n}", number=n, mod_kind=kind)
    upper = raw.upper()
    m = _TYPED_RE.fullmatch(raw)
    if m and m["type"].upper() in doc_types:
        t = m["type"].upper()
        n = _number(raw, m["num"], "document", position, source)
        return _Tok("typed", raw, f"{t}.{n}", number=n, doc_type=t)
    if upper in doc_types:
        return _Tok("type", raw, upper, doc_type=upper)
    m = _NUM_RE.fullmatch(raw)
    if m:
        year = int(m["year"]) if m["year"] else None
        canon = f"{int(m['num'])}" + (f"({year})" if year is not None else "")
        return _Tok("num", raw, canon, number=int(m["num"]), year=year)
    if _SERIES_EL_RE.fullmatch(upper):
        return _Tok("series", raw, upper)
    raise SymbolError(
        f"'{raw}': not a valid symbol element (letters, digits, '.' and '-' only)",
        part=raw,
        position=position,
        text=source,
    )


def _check_modifier_order(
    raws: list[str], mods: Iterable[Modifier], first_position: int | None, source: str | None = None
) -> None:
    """Enforce: Corr is always last; a kind never directly follows itself."""
    mods = list(mods)
    for i in range(1, len(mods)):
        prev, cur = mods[i - 1], mods[i]
        pos = None if first_position is None else first_position + i
        if prev.kind == "Corr":
            raise SymbolError(
                f"'{raws[i - 1]}' cannot come before '{raws[i]}': a corrigendum must be the last modifier",
                part=raws[i - 1],
                position=None if pos is None else pos - 1,
                text=source,
            )
        if prev.kind == cur.kind:
            raise SymbolError(
                f"'{raws[i]}' cannot directly follow '{raws[i - 1]}'",
                part=raws[i],
                position=pos,
                text=source,
            )


def _check_series(series: object) -> None:
    """Validate a series already in canonical form (used by the constructor)."""
    if not isinstance(series, str) or not series:
        raise SymbolError("empty series", part="" if series == "" else str(series))
    for i, el in enumerate(series.split("/")):
        if not el:
            raise SymbolError(f"empty element at position {i} of series '{series}'", part="", position=i)
        if el != _clean(el) or not _SERIES_EL_RE.fullmatch(el):
            raise SymbolError(
                f"'{el}': not a canonical series element (upper-case letters, digits, '.' and '-' only)",
                part=el,
                position=i,
            )
        if _MOD_RE.fullmatch(el):
            raise SymbolError(f"'{el}': a modifier cannot be part of the series", part=el, position=i)
    first = series.split("/")[0]
    if not first[0].isalpha():
        raise SymbolError(
            f"'{first}': a symbol must start with the issuing body (e.g. 'BWC' or 'A'), not a number",
            part=first,
            position=0,
        )


def parse(text: str, *, doc_types: Iterable[str] = DOC_TYPES) -> Symbol:
    """Parse a UN document symbol, tolerating PDF-text noise; see the module docstring.

    Raises :class:`SymbolError` (a ``ValueError``) naming the offending part.
    ``doc_types`` replaces the set of document types (upper case).
    """
    if not isinstance(text, str):
        raise TypeError(f"symbol must be a str, not {type(text).__name__}")
    types = DOC_TYPES if doc_types is DOC_TYPES else frozenset(t.upper() for t in doc_types)
    source = text
    stripped = text.strip()
    if not stripped:
        raise SymbolError("empty symbol", part="", position=None, text=source)

    raws = [_clean(e) for e in stripped.split("/")]
    last = len(raws) - 1

    # Reissue mark: exactly one "*" at the very end.
    reissue = False
    star = re.search(r"\s*\*+$", raws[last])
    if star:
        if star.group().count("*") > 1:
            raise SymbolError(
                f"'{raws[last]}': only one reissue mark '*' is allowed, at the end of the symbol",
                part=raws[last],
                position=last,
                text=source,
            )
        reissue = True
    for i, raw in enumerate(raws):
        body = raw[: star.start()] if (star and i == last) else raw
        if "*" in body:
            raise SymbolError(
                f"'{raw}': the reissue mark '*' can only come at the end of the symbol",
                part=raw,
                position=i,
                text=source,
            )
    if star:
        raws[last] = raws[last][: star.start()]

    for i, raw in enumerate(raws):
        if raw:
            continue
        if i == 0:
            where = "the symbol starts with '/'"
        elif i == last:
            where = "the symbol ends with '/'"
        else:
            where = f"between '{raws[i - 1]}' and '{raws[i + 1]}'"
        raise SymbolError(f"empty element at position {i}: {where}", part="", position=i, text=source)

    toks = [_classify(raw, i, types, source) for i, raw in enumerate(raws)]

    def not_a_modifier(i: int) -> SymbolError:
        return SymbolError(
            f"'{toks[i].raw}' after '{toks[i - 1].canon}' is not Add., Corr. or Rev.",
            part=toks[i].raw,
            position=i,
            text=source,
        )

    typed = next((i for i, t in enumerate(toks) if t.kind == "typed"), None)
    doc_type: str | None
    year: int | None = None
    if typed is not None:
        doc_idx = series_end = typed
        doc_type, joined = toks[typed].doc_type, True
    else:
        first_mod = next((i for i, t in enumerate(toks) if t.kind == "mod"), len(toks))
        doc_idx = first_mod - 1
        if doc_idx < 0:
            raise SymbolError(
                f"'{toks[0].raw}': a symbol must start with the issuing body (e.g. 'BWC' or 'A'), "
                "not a modifier",
                part=toks[0].raw,
                position=0,
                text=source,
            )
        doc = toks[doc_idx]
        if doc.kind == "type":
            raise SymbolError(
                f"'{doc.raw}': document type {doc.canon} must be followed by a number "
                f"(e.g. '{doc.canon}.1' or '{doc.canon}/1')",
                part=doc.raw,
                position=doc_idx,
                text=source,
            )
        if doc.kind != "num":
            m = _TYPED_RE.fullmatch(doc.raw)
            hint = f" ({m['type'].upper()} is not a known document type)" if m else ""
            raise SymbolError(
                f"'{doc.raw}': expected a document number such as '6', 'WP.13' or 'INF/2'{hint}",
                part=doc.raw,
                position=doc_idx,
                text=source,
            )
        if doc.number == 0:
            raise SymbolError(
                f"'{doc.raw}': document number must be 1 or more",
                part=doc.raw,
                position=doc_idx,
                text=source,
            )
        if doc_idx >= 2 and toks[doc_idx - 1].kind == "type":
            series_end = doc_idx - 1
            doc_type, joined = toks[doc_idx - 1].doc_type, False
        else:
            series_end = doc_idx
            doc_type, joined = None, True
        year = doc.year
        if year is not None and doc_type is not None:
            raise SymbolError(
                f"'{doc.raw}': a year in brackets is only allowed on a plain document number "
                "(e.g. 'S/RES/1540(2004)')",
                part=doc.raw,
                position=doc_idx,
                text=source,
            )
    for i in range(doc_idx + 1, len(toks)):
        if toks[i].kind != "mod":
            raise not_a_modifier(i)

    if series_end == 0:
        raise SymbolError(
            f"'{toks[0].raw}': a symbol must start with the issuing body (e.g. 'BWC' or 'A') "
            "before the document",
            part=toks[0].raw,
            position=0,
            text=source,
        )
    for i in range(series_end):
        tok = toks[i]
        if tok.kind == "mod":
            raise SymbolError(
                f"'{tok.raw}': a modifier cannot come before the document '{toks[doc_idx].canon}'",
                part=tok.raw,
                position=i,
                text=source,
            )
        if tok.kind == "num" and tok.year is not None:
            raise SymbolError(
                f"'{tok.raw}': a year in brackets can only follow the document number",
                part=tok.raw,
                position=i,
                text=source,
            )
    if not toks[0].canon[0].isalpha():
        raise SymbolError(
            f"'{toks[0].raw}': a symbol must start with the issuing body (e.g. 'BWC' or 'A'), not a number",
            part=toks[0].raw,
            position=0,
            text=source,
        )

    mod_toks = toks[doc_idx + 1 :]
    modifiers = tuple(Modifier(cast(ModifierKind, t.mod_kind), cast(int, t.number)) for t in mod_toks)
    _check_modifier_order([t.raw for t in mod_toks], modifiers, doc_idx + 1, source)

    number = toks[doc_idx].number
    assert number is not None
    return Symbol(
        series="/".join(t.raw.upper() for t in toks[:series_end]),
        type=doc_type,
        number=number,
        modifiers=modifiers,
        reissue=reissue,
        joined=joined,
        year=year,
    )


# -- building ----------------------------------------------------------------


def _to_modifier(item: Modifier | tuple[str, int] | str) -> Modifier:
    if isinstance(item, Modifier):
        return item
    if isinstance(item, str):
        m = _MOD_RE.fullmatch(_clean(item))
        if not m:
            raise SymbolError(f"'{item}' is not Add., Corr. or Rev.", part=item)
        kind = _KIND_BY_LOWER[m["kind"].lower()]
        rest = (m["rest"] or "").strip().lstrip(".")
        return Modifier(kind, _number(item, rest, "modifier", None, None))
    kind_text, number = item
    found = _KIND_BY_LOWER.get(str(kind_text).strip().rstrip(".").lower())
    if found is None:
        raise SymbolError(f"'{kind_text}' is not Add., Corr. or Rev.", part=str(kind_text))
    return Modifier(found, number)


def format_symbol(
    series: str,
    type: str | None = None,
    number: int | None = None,
    modifiers: Iterable[Modifier | tuple[str, int] | str] = (),
    reissue: bool = False,
    *,
    joined: bool = True,
    year: int | None = None,
    doc_types: Iterable[str] = DOC_TYPES,
) -> str:
    """Build a canonical symbol from its parts, e.g. when assigning a new WP number.

    ``format_symbol("BWC/MSP/2017", "WP", 25)`` -> ``"BWC/MSP/2017/WP.25"``.
    ``series`` and ``type`` are normalised like :func:`parse` input; modifiers
    may be :class:`Modifier`, ``("Corr", 1)`` or ``"Corr.1"``.  Raises
    :class:`SymbolError` when the parts do not make a symbol that
    :func:`parse` reads back to the same parts (e.g. a series ending in a
    bare document type, which would be read as the "INF/2" form).
    """
    types = frozenset(t.upper() for t in doc_types)
    if not isinstance(series, str) or not series.strip():
        raise SymbolError("empty series", part="" if series == "" else str(series))
    canon_series = "/".join(_clean(e).upper() for e in series.strip().split("/"))
    doc_type = None if type is None else _clean(type).upper()
    if doc_type is not None and doc_type not in types:
        known = ", ".join(sorted(types))
        raise SymbolError(f"'{type}': not a known document type (known: {known})", part=type)
    if number is None:
        raise SymbolError("a document number is required")
    symbol = Symbol(
        series=canon_series,
        type=doc_type,
        number=number,
        modifiers=tuple(_to_modifier(m) for m in modifiers),
        reissue=reissue,
        joined=joined,
        year=year,
    )
    text = symbol.format()
    try:
        again = parse(text, doc_types=types)
    except SymbolError as exc:
        raise SymbolError(
            f"'{text}' is not a valid symbol: {exc.message}", part=exc.part, position=exc.position, text=text
        ) from exc
    if again != symbol:
        raise SymbolError(
            f"'{text}' would be read back with series '{again.series}' and document "
            f"'{again.document}': the parts are ambiguous",
            text=text,
        )
    return text


def file_stem(symbol: str | Symbol, lang: str, *, languages: Iterable[str] = LANGUAGES) -> str:
    """UN file-name stem of one language version.

    ``file_stem("BWC/MSP/2017/WP.13/Corr.1", "en")`` -> ``"BWC_MSP_2017_WP.13_Corr.1-EN"``.
    Slashes (and blanks, as in ``AD HOC GROUP``) become ``_``, dots and
    brackets are kept, the reissue ``*`` is dropped, the language code is
    upper-cased.  Raises :class:`SymbolError` for a bad symbol and
    ``ValueError`` for a language not in ``languages``.
    """
    sym = parse(symbol) if isinstance(symbol, str) else symbol
    code = lang.strip().upper() if isinstance(lang, str) else ""
    allowed = frozenset(x.upper() for x in languages)
    if code not in allowed:
        raise ValueError(
            f"unknown language {lang!r}: expected one of {', '.join(sorted(x.lower() for x in allowed))}"
        )
    body = sym.format().rstrip("*")
    return body.replace("/", "_").replace(" ", "_") + "-" + code
