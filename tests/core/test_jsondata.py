"""Reading the data files people hand to Plenary: every bad file ends in one line, quickly."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from plenary.core import jsondata
from plenary.core.jsondata import DataFileError, jsonable, read_data_file

# Nine levels of nine: 387,420,489 strings once expanded, from 30 nodes written in the file.
BILLION_LAUGHS = """\
format: plenary/meeting-record@1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def refusal(path) -> str:
    with pytest.raises(DataFileError) as info:
        read_data_file(path)
    return str(info.value)


def test_a_billion_laughs_is_refused_before_it_is_expanded(tmp_path):
    path = write(tmp_path, "laughs.yaml", BILLION_LAUGHS)
    started = time.monotonic()
    assert refusal(path) == (
        "its aliases expand 30 nodes into 490,329,066; at most 10,030 are read (a 'billion laughs' file?)"
    )
    assert time.monotonic() - started < 5


def test_aliases_that_repeat_a_little_are_read():
    data = jsondata.load_yaml("a: &t {en: Ambassador, fr: Ambassadeur}\nb: *t\nc: *t\n")
    assert data == {
        "a": {"en": "Ambassador", "fr": "Ambassadeur"},
        "b": {"en": "Ambassador", "fr": "Ambassadeur"},
        "c": {"en": "Ambassador", "fr": "Ambassadeur"},
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("self.yaml", "a: &a [*a]\n", "an alias refers to itself (line 1)"),
        ("deep.yaml", "[" * 5000 + "]" * 5000, "not valid YAML: nested deeper than 32 levels"),
        ("deep-enough.yaml", "a: " + "[" * 40 + "]" * 40, "nested deeper than 32 levels (line 1)"),
        (
            "twice.yaml",
            "meeting:\n  venue: A\n  venue: B\n",
            "the key 'venue' is given twice in one mapping (line 3)",
        ),
        (
            "broken.yaml",
            "years: [unclosed",
            "not valid YAML (line 1, column 17): expected ',' or ']', but got '<stream end>'",
        ),
        ("date.yaml", "start: 2017-13-45\n", "not valid YAML: month must be in 1..12"),
        (
            "big.yaml",
            "count: " + "9" * 5000 + "\n",
            "not valid YAML: Exceeds the limit (4300 digits) for integer string "
            "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit",
        ),
        (
            "tag.yaml",
            "a: !!python/object:os.system ls\n",
            "not valid YAML (line 1, column 4): could not determine a "
            "constructor for the tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
        ("empty.yaml", "", "is empty"),
        ("blank.yaml", "  \n\n", "is empty"),
        ("comment.yaml", "# nothing but a comment\n", "holds no data (an empty document)"),
        ("broken.json", '{"years": ', "not valid JSON (line 1, column 11): Expecting value"),
        ("deep.json", "[" * 100 + "]" * 100, "nested deeper than 32 levels"),
    ],
)
def test_bad_text_files_end_in_one_line(tmp_path, name, content, message):
    assert refusal(write(tmp_path, name, content)) == message


def test_binary_junk_a_cut_character_and_a_control_character(tmp_path):
    assert refusal(write(tmp_path, "junk.yaml", b"\x89PNG\r\n\x1a\n\x00\x00")) == (
        "is not UTF-8 text (byte 0 is 0x89): is it a binary file?"
    )
    assert refusal(write(tmp_path, "cut.yaml", "venue: Reunión".encode()[:-2])) == (
        "ends in the middle of a character: the file was cut short"
    )
    assert refusal(write(tmp_path, "nul.yaml", b"a\x00b: 1\n")) == (
        "not valid YAML: character 1 is a control character (#x0000): is it a binary file?"
    )


def test_what_is_not_a_file(tmp_path):
    assert refusal(tmp_path / "missing.yaml") == "no such file"
    (tmp_path / "dir.yaml").mkdir()
    assert refusal(tmp_path / "dir.yaml") == "is a directory, not a file"
    assert refusal("/dev/zero") == "is not a regular file"


def test_a_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(jsondata, "MAX_FILE_BYTES", 1000)
    assert read_data_file(write(tmp_path, "small.yaml", "a: " + "x" * 990)) == {"a": "x" * 990}
    assert refusal(write(tmp_path, "large.yaml", "a: " + "x" * 1000)) == (
        "is larger than 1,000 bytes, the most a data file may hold"
    )


def test_yaml_and_json_are_read(tmp_path):
    assert read_data_file(write(tmp_path, "r.yaml", "\ufeffstart: 2017-12-04\nn: [1, 2]\n")) == {
        "start": dt.date(2017, 12, 4),
        "n": [1, 2],
    }
    assert read_data_file(write(tmp_path, "r.json", '{"start": "2017-12-04"}')) == {"start": "2017-12-04"}
    assert jsonable({1: dt.date(2017, 12, 4)}) == {"1": "2017-12-04"}
