"""The Range header (RFC 9110, section 14): one byte range, or the whole file, or 416. No database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.exports.ranges import ByteRange, Unsatisfiable, byte_range

SIZE = 1000


@pytest.mark.parametrize(
    "header, expected",
    [
        ("bytes=0-99", (0, 100, "bytes 0-99/1000")),
        ("bytes=0-0", (0, 1, "bytes 0-0/1000")),
        ("bytes=999-999", (999, 1000, "bytes 999-999/1000")),
        ("bytes=100-", (100, 1000, "bytes 100-999/1000")),
        ("bytes=-100", (900, 1000, "bytes 900-999/1000")),
        ("bytes=-5000", (0, 1000, "bytes 0-999/1000")),  # longer than the file: all of it
        ("bytes=990-5000", (990, 1000, "bytes 990-999/1000")),  # past the end: up to the end
        ("bytes=0-99999999999999999999", (0, 1000, "bytes 0-999/1000")),
        ("bytes=0-" + "9" * 5000, (0, 1000, "bytes 0-999/1000")),  # past Python's int parsing limit
        ("BYTES=0-9", (0, 10, "bytes 0-9/1000")),  # the unit is case-insensitive
        ("bytes=000-009", (0, 10, "bytes 0-9/1000")),
        ("bytes= 0-9 ,", (0, 10, "bytes 0-9/1000")),  # empty list elements are allowed
    ],
)
def test_one_satisfiable_range(header, expected):
    found = byte_range(header, SIZE)
    assert isinstance(found, ByteRange)
    assert (found.start, found.stop, found.content_range) == expected
    assert found.length == expected[1] - expected[0]


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "bytes",
        "bytes=",
        "bytes=,",
        "items=0-9",  # another unit
        "bytes=5-1",  # last before first: malformed (RFC 9110, 14.1.1)
        "bytes=" + "9" * 40 + "-" + "9" * 39,  # the same, with numbers too long for an int
        "bytes=0-1,5-6",  # several ranges: Plenary sends the whole file
        "bytes=0-1,0-1",
        "bytes=-1,-2",
        "bytes=abc",
        "bytes=a-b",
        "bytes=1-b",
        "bytes=--1",
        "bytes=1-2-3",
        "bytes=-",
        "bytes=+1-2",
        "bytes=1 2-3",
        "bytes=\u0663-\u0664",  # Arabic-Indic digits are not digits here
        "bytes=１-２",  # nor full-width ones
        "=0-1",
        "bytes:0-1",
    ],
)
def test_what_is_not_one_good_range_gets_the_whole_file(header):
    assert byte_range(header, SIZE) is None


@pytest.mark.parametrize(
    "header, size",
    [
        ("bytes=-0", SIZE),  # a suffix of no bytes
        ("bytes=1000-", SIZE),  # starts at the end
        ("bytes=1000-2000", SIZE),
        ("bytes=99999999999999999999-", SIZE),
        ("bytes=" + "9" * 5000 + "-", SIZE),
        ("bytes=0-", 0),  # an empty file has no byte to give
        ("bytes=-1", 0),
    ],
)
def test_a_range_no_byte_satisfies(header, size):
    with pytest.raises(Unsatisfiable) as info:
        byte_range(header, size)
    assert info.value.content_range == f"bytes */{size}"


@given(st.text(max_size=60), st.integers(min_value=0, max_value=10**12))
def test_any_header_gives_a_range_inside_the_file_or_the_whole_file_or_416(header, size):
    try:
        found = byte_range(header, size)
    except Unsatisfiable:
        return
    if found is not None:
        assert 0 <= found.start < found.stop <= size


@given(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=3000))
def test_an_int_range_is_clipped_to_the_file(first, last):
    header = f"bytes={first}-{last}"
    if last < first:
        assert byte_range(header, SIZE) is None
    elif first >= SIZE:
        with pytest.raises(Unsatisfiable):
            byte_range(header, SIZE)
    else:
        found = byte_range(header, SIZE)
        assert found is not None
        assert (found.start, found.stop) == (first, min(last + 1, SIZE))
