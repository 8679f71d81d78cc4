"""Entries and the problems found in them as values marshal can write, and back, exactly.

The build remembers each entry file as it was read (see cache.EntryMemory), so a
rebuild reads and validates again only the files that changed. What comes back must
be the very Entry a fresh read gives, so every value keeps its type. Text, numbers,
bytes, None, tuples, lists and dicts whose keys are all text are marshal's own; the
rest is an object of one key starting with NUL:

    date {"\\0d": "2026-11-23"}     any other dict {"\\0m": [[key, value], ...]}
    datetime {"\\0dt": [y, m, d, H, M, S, us, fold, offset]}  time {"\\0tm": [H, M, S, us, fold, offset]}

A record names the fields that hold such an object, or a list or a dict (each entry
recalled gets its own), and recalling an entry makes only those again: its date, the
lines of its keys, its other keys. Its text and its tuples (tags, wins) are taken as
marshal gives them.
Anything else (a set from `!!set`, a time zone with a name) is not written at all:
`Unrecordable` is raised and that file is read afresh by every build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import zlib
from typing import Any

from generator.errors import ContentError
from generator.model import Entry

_FIELDS = tuple(field.name for field in dataclasses.fields(Entry))
# What a field holds when a file does not say: such a field is not written (most are empty).
_REQUIRED: dict[str, Any] = {"source": "", "date": dt.date.min, "title": "", "slug": ""}  # without a default
_DEFAULTS = {name: getattr(Entry(**_REQUIRED), name) for name in _FIELDS if name not in _REQUIRED}
_NONE = object()
_PLAIN = (str, int, float, bool, type(None), bytes)

Read = tuple[Entry | None, list[ContentError]]  # what reading one file gives


class Unrecordable(ValueError):
    """A value this module cannot write and read back exactly."""


def record_read(read: Read) -> tuple:
    """One file's result (the entry or None, and its problems) as a value marshal can write:
    (fields, problems, the names of the fields to make again)."""
    entry, problems = read
    fields: dict[str, Any] | None = None
    remade: list[str] = []
    if entry is not None:
        fields = {}
        for name in _FIELDS:
            value, default = getattr(entry, name), _DEFAULTS.get(name, _NONE)
            if type(value) is not type(default) or value != default:
                fields[name], remake = _value(value)
                if remake:
                    remade.append(name)
    return fields, tuple((p.path, p.line, p.message, p.warning) for p in problems), tuple(remade)


def read_record(record: Any) -> Read:
    """record_read's result back; ValueError (or TypeError) when it is not one."""
    fields, problems, remade = record
    errors = [ContentError(str(p), int(line), str(m), bool(w)) for p, line, m, w in problems]
    if fields is None:
        return None, errors
    if not isinstance(fields, dict):
        raise ValueError("not the fields of an entry")
    values = dict(fields)  # the record itself stays as it was: it is written back
    for name in remade:
        values[name] = _back(values[name])
    return Entry.of(values), errors  # a field it does not know, or one missing: TypeError


def pack_memory(value: Any) -> bytes:
    """A value as marshal writes it, after a check of it: its CRC-32 and length. A check
    against damage by accident (a disk, a crash), not by intent, so the one a memory of ten
    years' entries (8 MB) costs 4 ms, where a cryptographic digest cost 16."""
    data = marshal.dumps(value)
    return _check(data) + data


def unpack_memory(packed: bytes) -> object:
    """pack_memory's value, or None when the file is damaged or truncated (the check
    says so before marshal, which is not made for damaged data, reads a byte of it)."""
    data = packed[_CHECK_SIZE:]
    if _check(data) != packed[:_CHECK_SIZE]:
        return None
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError):  # written by another Python: only a memory, read afresh
        return None


_CHECK_SIZE = 16


def _check(data: bytes) -> bytes:
    return b"mem1" + zlib.crc32(data).to_bytes(4, "big") + len(data).to_bytes(8, "big")


def _value(value: Any) -> tuple[Any, bool]:
    """The value as marshal writes it, and whether it is to be made again when recalled:
    it is or holds a list, a dict or a tagged object."""
    kind = type(value)
    if kind in _PLAIN:
        return value, False
    if kind is tuple:
        items = [_value(item) for item in value]
        return tuple(item for item, _ in items), any(remake for _, remake in items)
    if kind is list:
        return [_value(item)[0] for item in value], True
    if kind is dict:
        if all(type(key) is str and not key.startswith("\0") for key in value):
            return {key: _value(item)[0] for key, item in value.items()}, True
        return {"\0m": [[_value(key)[0], _value(item)[0]] for key, item in value.items()]}, True
    if kind is dt.date:
        return {"\0d": value.isoformat()}, True
    if kind is dt.datetime:
        d = value
        return {"\0dt": [d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.fold, _offset(d)]}, True
    if kind is dt.time:
        t = value
        return {"\0tm": [t.hour, t.minute, t.second, t.microsecond, t.fold, _offset(t)]}, True
    raise Unrecordable(f"cannot record {kind.__name__}")


def _offset(moment: dt.datetime | dt.time) -> float | None:
    """A fixed offset in seconds; only zones that are exactly that (as YAML and TOML give)."""
    zone = moment.tzinfo
    if zone is None:
        return None
    offset = zone.utcoffset(None) if type(zone) is dt.timezone else None
    if offset is None or repr(dt.timezone(offset)) != repr(zone):
        raise Unrecordable(f"cannot record the time zone {zone!r}")
    return offset.total_seconds()


def _zone(seconds: float | None) -> dt.timezone | None:
    return None if seconds is None else dt.timezone(dt.timedelta(seconds=seconds))


def _back(value: Any) -> Any:
    kind = type(value)
    if kind is tuple or kind is list:
        return kind(_back(item) for item in value)
    if kind is not dict:
        return value
    if len(value) != 1 or not next(iter(value)).startswith("\0"):
        return {key: _back(item) for key, item in value.items()}
    ((tag, inner),) = value.items()
    if tag == "\0m":
        return {_back(key): _back(item) for key, item in inner}
    if tag == "\0d":
        return dt.date.fromisoformat(inner)
    if tag == "\0dt":
        year, month, day, hour, minute, second, micro, fold, offset = inner
        return dt.datetime(year, month, day, hour, minute, second, micro, _zone(offset), fold=fold)
    if tag == "\0tm":
        hour, minute, second, micro, fold, offset = inner
        return dt.time(hour, minute, second, micro, _zone(offset), fold=fold)
    raise ValueError(f"an unknown kind of value {tag!r}")
