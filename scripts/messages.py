"""The Python messages of one app and its catalogues (src/plenary/<app>/locale), without
makemessages: the site's and the apps' catalogues are kept by hand, and a makemessages run over
src/plenary rewrites every one of them.

    .venv/bin/python scripts/messages.py APP                 # the app's messages its catalogues lack
    .venv/bin/python scripts/messages.py APP --add FILE.json # add them, translated, and compile

FILE.json: {"<English msgid>": {"ar": "...", "zh_Hans": "...", "fr": "...", "ru": "...", "es": "..."}}; a message
with a plural (ngettext) gives each language's forms as a list, in the order of its Plural-Forms
(ar 6, zh_Hans 1, fr 2, ru 3, es 2).
A message that a catalogue Django reads already translates (the site's, src/plenary/locale, or
another app's) is left to it: Django merges them all, the site's first, so a second copy would
never be seen (and tests/web/test_catalogue_conflicts.py refuses two different ones). Entries are appended to the end of each catalogue (a catalogue the app lacks is made, with the
header of src/plenary/treaties/locale's), then every catalogue of the app is compiled with
`msgfmt --check-format`, which refuses a translation whose %(name)s placeholders differ from the
English. Messages are those of the app's .py files marked with _(), gettext, gettext_noop,
gettext_lazy (and their p- and n- forms); templates are not read (their strings are the
interfaces')."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from plenary.core.catalogues import KEYWORDS

SRC = Path(__file__).resolve().parents[1] / "src/plenary"
LANGS = ["ar", "zh_Hans", "fr", "ru", "es"]
TEMPLATE_HEADER = SRC / "treaties/locale"


PLURALS = {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 3, "es": 2}  # as the catalogues' Plural-Forms count


def extracted(app: Path) -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> the first place it is used."""
    return {key: place for key, (place, _plural) in extracted_with_plurals(app).items()}


def extracted_with_plurals(app: Path) -> dict[tuple[str | None, str], tuple[str, str | None]]:
    """(context, msgid) -> (the first place it is used, its plural msgid or None)."""
    found: dict[tuple[str | None, str], tuple[str, str | None]] = {}
    for path in sorted(app.rglob("*.py")):
        if "migrations" in path.parts or "locale" in path.parts:
            continue
        for lineno, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, strip_comment_tags=True
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            plural = message[1] if isinstance(message, tuple) and len(message) > 1 else None
            if msgid:
                found.setdefault((context, msgid), (f"{path.relative_to(SRC.parent)}:{lineno}", plural))
    return found


def catalogue(app: Path, lang: str) -> Path:
    return app / "locale" / lang / "LC_MESSAGES" / "django.po"


def known(po: Path) -> set[tuple[str | None, str]]:
    """The messages a catalogue translates (a non-empty, non-fuzzy msgstr)."""
    if not po.exists():
        return set()
    with po.open("rb") as fh:
        return {
            (m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in read_po(fh)
            if m.id and not m.fuzzy and (m.string if isinstance(m.string, str) else m.string[0])
        }


def entries(po: Path) -> set[tuple[str | None, str]]:
    """Every message a catalogue lists, translated or not."""
    if not po.exists():
        return set()
    with po.open("rb") as fh:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(fh) if m.id}


def translated_anywhere(lang: str) -> set[tuple[str | None, str]]:
    """What Django can translate into LANG: every app's catalogue and the site's, merged."""
    have: set[tuple[str | None, str]] = set()
    for po in sorted(SRC.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")):
        have |= known(po)
    return have


def quote(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    )


def entry(
    place: str, context: str | None, msgid: str, msgstr: str | list[str], plural: str | None = None
) -> str:
    lines = [f"#: {place}"]
    if "%(" in msgid or "%s" in msgid:
        lines.append("#, python-format")
    if context:
        lines.append(f"msgctxt {quote(context)}")
    lines.append(f"msgid {quote(msgid)}")
    if plural is None:
        lines.append(f"msgstr {quote(str(msgstr))}")
    else:
        lines.append(f"msgid_plural {quote(plural)}")
        lines += [f"msgstr[{i}] {quote(form)}" for i, form in enumerate(msgstr)]
    return "\n".join(lines) + "\n"


def header(app: str, lang: str) -> str:
    """The treaties catalogue's header (language, plural forms), named for APP."""
    text = (TEMPLATE_HEADER / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    lines = text.split("\n\n", 1)[0].splitlines()
    lines = [line for line in lines if not line.startswith("#")]
    named = [line.replace("Plenary treaties", f"Plenary {app}") for line in lines]
    return (
        f"# The messages of plenary.{app}: its own catalogue (scripts/messages.py).\n"
        + "\n".join(named)
        + "\n"
    )


def compile_app(app: Path) -> None:
    for lang in LANGS:
        po = catalogue(app, lang)
        if po.exists():
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
            )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", help="the app's directory name under src/plenary (e.g. meetings)")
    parser.add_argument("--add", type=Path, help="a JSON file of translations to add")
    args = parser.parse_args(argv)
    app = SRC / args.app
    if not (app / "apps.py").exists() and not (app / "models.py").exists():
        print(f"{args.app}: not an app of src/plenary", file=sys.stderr)
        return 2
    plurals = extracted_with_plurals(app)
    messages = {key: place for key, (place, _plural) in plurals.items()}
    if args.add is None:
        for lang in LANGS:
            have = translated_anywhere(lang)
            missing = [key for key in messages if key not in have]
            for context, msgid in missing:
                print(f"{lang}\t{context or ''}\t{msgid}")
        return 0
    translations = json.loads(args.add.read_text(encoding="utf-8"))
    problems = [m for m in translations if (None, m) not in messages]
    if problems:
        print("not messages of the app: " + "; ".join(problems[:10]), file=sys.stderr)
        return 2
    # Every language is checked before any catalogue is written: a refusal leaves them all as they were.
    plan: list[tuple[Path, list[str]]] = []
    for lang in LANGS:
        po = catalogue(app, lang)
        have = translated_anywhere(lang)
        listed = entries(po)
        added = []
        for msgid, per_lang in translations.items():
            if (None, msgid) in have:
                continue  # translated already, here or in a catalogue Django reads with this one
            if (None, msgid) in listed:
                print(
                    f"{po}: {msgid!r} is there untranslated (or fuzzy): fill it in by hand", file=sys.stderr
                )
                return 2
            text = (per_lang or {}).get(lang)
            plural = plurals[(None, msgid)][1]
            if not text:
                print(f"{lang}: no translation of {msgid!r}", file=sys.stderr)
                return 2
            if plural is not None and (
                not isinstance(text, list) or len(text) != PLURALS[lang] or not all(text)
            ):
                print(
                    f"{lang}: {msgid!r} has a plural: give its {PLURALS[lang]} form(s) as a list",
                    file=sys.stderr,
                )
                return 2
            if plural is None and not isinstance(text, str):
                print(f"{lang}: {msgid!r} has no plural: give one text", file=sys.stderr)
                return 2
            added.append(entry(messages[(None, msgid)], None, msgid, text, plural))
        if added:
            plan.append((po, added))
    for po, added in plan:
        po.parent.mkdir(parents=True, exist_ok=True)
        old = po.read_text(encoding="utf-8") if po.exists() else header(app.name, po.parts[-3])
        po.write_text(old.rstrip("\n") + "\n\n" + "\n".join(added), encoding="utf-8")
        print(f"{po.relative_to(SRC.parent)}: {len(added)} added")
    compile_app(app)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
