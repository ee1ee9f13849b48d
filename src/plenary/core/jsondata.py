"""Data read from YAML made fit for JSON (a JSONField, a JSON Schema), and data files read safely.
Pure: no database.

`read_data_file` is the one reader of files that people hand to Plenary (meeting records,
proposed programmes). It refuses, with a one-line message, what would otherwise end in a
traceback or exhaust the machine: a directory, a file too large, bytes that are not UTF-8 text,
YAML whose aliases expand a few lines into millions of nodes ("billion laughs"), an alias that
refers to itself, nesting deeper than any data file needs, and a key given twice in one mapping
(YAML would silently keep the last one).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# The largest data file read: a meeting record of a large Review Conference is a few megabytes.
MAX_FILE_BYTES = 32 * 1024 * 1024
# Deeper than any record or programme needs (a record is at most six levels deep).
MAX_DEPTH = 32
# YAML aliases may repeat parts of a document: they may add as many nodes as the file holds, or
# this many in a small file, and no more.
MAX_ALIAS_GROWTH = 10_000


class DataFileError(ValueError):
    """A file that cannot be read as data. The message is one line, written for the user; the
    caller puts the file's name in front of it."""


def jsonable(value: Any) -> Any:
    """Dates as ISO strings (YAML reads 2017-12-04 as a date), keys as strings, recursively."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_data_file(path: str | Path, *, max_bytes: int | None = None) -> Any:
    """The data in a YAML or JSON file (JSON when the name ends in .json; YAML, which also reads
    JSON, otherwise), of at most `max_bytes` (MAX_FILE_BYTES). Raises DataFileError with a
    one-line message for anything else."""
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    file = Path(path)
    if not file.exists():
        raise DataFileError("no such file")
    if file.is_dir():
        raise DataFileError("is a directory, not a file")
    if not file.is_file():
        raise DataFileError("is not a regular file")
    try:
        with file.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DataFileError(f"cannot read it ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise DataFileError(f"is larger than {max_bytes:,} bytes, the most a data file may hold")
    text = decode_text(raw)
    if not text.strip():
        raise DataFileError("is empty")
    if file.suffix.lower() == ".json":
        data = load_json(text)
    else:
        data = load_yaml(text)
    if data is None:
        raise DataFileError("holds no data (an empty document)")
    return data


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or DataFileError saying where it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end >= len(raw):
            raise DataFileError("ends in the middle of a character: the file was cut short") from None
        raise DataFileError(
            f"is not UTF-8 text (byte {exc.start:,} is 0x{raw[exc.start]:02x}): is it a binary file?"
        ) from None


def load_json(text: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise DataFileError(f"not valid JSON: nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise DataFileError(f"not valid JSON: {_one_line(str(exc))}") from None
    _check_depth(data)
    return data


def load_yaml(text: str) -> Any:
    """yaml.safe_load, after checking the composed document: aliases do not expand it beyond
    MAX_ALIAS_GROWTH, no alias refers to itself, no nesting beyond MAX_DEPTH, no key twice."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node)
        return loader.construct_document(node)
    except DataFileError:
        raise
    except yaml.MarkedYAMLError as exc:
        where = ""
        if exc.problem_mark is not None:
            where = f" (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
        problem = exc.problem or exc.context or "unreadable"
        raise DataFileError(f"not valid YAML{where}: {_one_line(problem)}") from None
    except yaml.reader.ReaderError as exc:
        raise DataFileError(
            f"not valid YAML: character {exc.position:,} is a control character "
            f"(#x{exc.character:04x}): is it a binary file?"
        ) from None
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {_one_line(str(exc))}") from None
    except RecursionError:
        raise DataFileError(f"not valid YAML: nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # a timestamp such as 2017-13-45, an integer of 5,000 digits
        raise DataFileError(f"not valid YAML: {_one_line(str(exc))}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_nodes(root: Node) -> None:
    """Count the nodes the document has once its aliases are expanded, without expanding them:
    an alias is the same node object as its anchor, so sizes are summed once per object."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            if height[key] > MAX_DEPTH:
                raise DataFileError(
                    f"nested deeper than {MAX_DEPTH} levels (line {node.start_mark.line + 1})"
                )
            continue
        if key in size:
            continue
        if key in on_path:
            raise DataFileError(f"an alias refers to itself (line {node.start_mark.line + 1})")
        on_path.add(key)
        stack.append((node, True))
        if isinstance(node, MappingNode):
            _check_keys(node)
        stack.extend((child, False) for child in reversed(_children(node)) if id(child) not in size)
    written = len(size)
    expanded = size[id(root)]
    limit = written + max(written, MAX_ALIAS_GROWTH)
    if expanded > limit:
        raise DataFileError(
            f"its aliases expand {written:,} nodes into {expanded:,}; at most {limit:,} are read "
            "(a 'billion laughs' file?)"
        )


def _check_keys(node: MappingNode) -> None:
    seen: set[str] = set()
    for key, _value in node.value:
        if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        if key.value in seen:
            raise DataFileError(
                f"the key {key.value[:60]!r} is given twice in one mapping (line {key.start_mark.line + 1})"
            )
        seen.add(key.value)


def _check_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DataFileError(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
