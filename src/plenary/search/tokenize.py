"""Turn text in any of the six UN languages into search tokens, and find tokens back in text.

Pure Python, no Django. The same function tokenizes what is indexed and what is typed into the
search box, so a query matches whatever normalization both went through:

* Unicode NFKC (full-width forms, ligatures, Arabic presentation forms), then casefold;
* Latin, Greek and Cyrillic lose their diacritics (é -> e, ё -> е; not й), so "etats" finds "États";
* Arabic loses tashkeel and tatweel, alef forms أ إ آ ٱ become ا, ى becomes ي and ة becomes ه
  (what Lucene's ArabicNormalizer does), so a word typed without vowel marks finds the voweled
  text and the other way round;
* runs of Han, kana and hangul become overlapping character bigrams, as Lucene's CJK analyzer
  does: 缔约国会议 -> 缔约 约国 国会 会议. A two-character word such as 会议 is then one token,
  found inside any longer run (a trigram index misses it). A run of one character stays one
  token; `cjk_single` tells the query side to match it inside a bigram;
* other scripts split on anything that is not a letter, digit or combining mark;
* a chain of words joined by "/" or "." (a document symbol: BWC/MSP/2017/WP.13, CONF.VIII) yields
  its parts, then the whole chain, then each of its "/"-elements that holds a "." (wp.13), so
  that the exact symbol can rank first.

A token never contains a blank: the index stores " tok1 tok2 ... " and a match is a plain
substring test for " tok ", which every database can do.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Span", "cjk_single", "find_spans", "is_cjk", "normalize", "tokenize"]

# Arabic: tashkeel (fathatan .. sukun, and the rarer marks up to U+065F), superscript alef, tatweel.
_ARABIC_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_ARABIC_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}


def is_cjk(ch: str) -> bool:
    """Han ideographs, hiragana, katakana and hangul: the scripts written without spaces."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x20000 <= o <= 0x3FFFF  # extensions B and later
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= o <= 0x31FF  # katakana phonetic extensions
        or 0xAC00 <= o <= 0xD7AF  # hangul syllables
        or 0x1100 <= o <= 0x11FF  # hangul jamo
        or 0x3130 <= o <= 0x318F  # hangul compatibility jamo
        or o == 0x3005  # 々 (ideographic iteration mark)
    )


def _strips_marks(ch: str) -> bool:
    """Scripts whose diacritics a reader may leave out: Latin, Greek, Cyrillic."""
    o = ord(ch)
    return (
        o < 0x0250  # Basic Latin .. Latin Extended-B
        or 0x1E00 <= o <= 0x1EFF  # Latin Extended Additional (Vietnamese)
        or 0x0370 <= o <= 0x03FF  # Greek
        or 0x1F00 <= o <= 0x1FFF  # Greek Extended
        or 0x0400 <= o <= 0x052F  # Cyrillic
    )


def _fold_char(ch: str) -> str:
    """One character of NFKC-cased text, folded: its diacritics dropped, Arabic unified."""
    if ch in _ARABIC_DROP:
        return ""
    if ch in _ARABIC_MAP:
        return _ARABIC_MAP[ch]
    o = ord(ch)
    if 0x0300 <= o <= 0x036F:  # a combining diacritic left over after NFKC
        return ""
    if 0x0660 <= o <= 0x0669 or 0x06F0 <= o <= 0x06F9:  # Arabic-Indic digits
        return str(unicodedata.digit(ch))
    if _strips_marks(ch) and ch != "й":  # й is a letter of its own in Russian, not и with a mark
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) > 1:
            return "".join(c for c in decomposed if not unicodedata.combining(c))
    return ch


def normalize(text: str) -> str:
    """The text as the index sees it: NFKC, casefolded, diacritics and Arabic marks folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(_fold_char(ch) for ch in folded)


def _normalize_mapped(text: str) -> tuple[str, list[int]]:
    """`normalize`, character by character, with the index in `text` each output char came from.

    Used to find tokens back in the original text for highlighting; per-character NFKC differs
    from whole-string NFKC only for combining sequences, which `_fold_char` drops anyway."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_one(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


@functools.lru_cache(maxsize=8192)
def _fold_one(ch: str) -> str:
    """One character of the original text as `normalize` makes it (a page of hits highlights
    thousands of characters of a few hundred kinds: each is folded once)."""
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", ch).casefold())


def _is_word(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


# A chain of words joined by "/" or "." with no blank: a document symbol or series, an abbreviation.
_CHAIN_RE = re.compile(r"[^\W_]+(?:[./][^\W_]+)+")


def _words(segment: str) -> list[str]:
    """Tokens of a run of text without CJK: words, and symbol chains after their parts."""
    tokens: list[str] = []
    pos = 0
    for m in _CHAIN_RE.finditer(segment):
        tokens.extend(_plain_words(segment[pos : m.start()]))
        chain = m.group()
        tokens.extend(_plain_words(chain))
        tokens.append(chain)
        if "/" in chain:
            tokens.extend(el for el in chain.split("/") if "." in el)
        pos = m.end()
    tokens.extend(_plain_words(segment[pos:]))
    return tokens


def _plain_words(segment: str) -> list[str]:
    tokens: list[str] = []
    word: list[str] = []
    for ch in segment:
        if _is_word(ch):
            word.append(ch)
        elif word:
            tokens.append("".join(word))
            word = []
    if word:
        tokens.append("".join(word))
    return tokens


def _cjk_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """The search tokens of `text`, in order, repeats kept.

    `lang` is accepted so that a language-specific rule can be added without changing callers;
    today every rule is decided by script, so mixed-language text (a Chinese title quoting
    "BWC/MSP/2017/6") tokenizes the same whatever the language of the entry."""
    del lang  # rules go by script, see the docstring
    norm = normalize(text)
    tokens: list[str] = []
    i, n = 0, len(norm)
    while i < n:
        j = i
        if is_cjk(norm[i]):
            while j < n and is_cjk(norm[j]):
                j += 1
            tokens.extend(_cjk_tokens(norm[i:j]))
        else:
            while j < n and not is_cjk(norm[j]):
                j += 1
            tokens.extend(_words(norm[i:j]))
        i = j
    return tokens


def cjk_single(token: str) -> bool:
    """A one-character CJK token: a query for it matches inside any bigram."""
    return len(token) == 1 and is_cjk(token)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def find_spans(text: str, tokens: list[str], *, prefix: frozenset[str] = frozenset()) -> list[Span]:
    """Where `tokens` occur in `text` (indices into the original text), overlaps merged.

    Word tokens match whole words only (a token in `prefix` may end mid-word); CJK tokens
    match anywhere, and the overlapping bigrams of one CJK word merge into one span."""
    norm, where = _normalize_mapped(text)
    if not norm:
        return []
    found: list[tuple[int, int]] = []
    for tok in set(tokens):
        if not tok:
            continue
        cjk = is_cjk(tok[0])
        start = norm.find(tok)
        while start != -1:
            end = start + len(tok)
            ok = cjk or (
                (start == 0 or not _is_word(norm[start - 1]))
                and (tok in prefix or end == len(norm) or not _is_word(norm[end]))
            )
            if ok:
                found.append((where[start], where[end - 1] + 1))
            start = norm.find(tok, start + 1)
    if not found:
        return []
    found.sort()
    merged: list[list[int]] = [list(found[0])]
    for s, e in found[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    spans = []
    for s, e in merged:
        # Carry trailing marks that fold to nothing (Arabic tashkeel) inside the span.
        while e < len(text) and normalize(text[e]) == "":
            e += 1
        spans.append(Span(s, e))
    return spans
