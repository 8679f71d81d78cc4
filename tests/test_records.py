"""records: an entry as read, written by marshal and read back, is the same entry."""

from __future__ import annotations

import marshal

import pytest

from generator.content import read_entry
from generator.model import Config
from generator.records import Unrecordable, read_record, record_read

FRONT_MATTERS = [
    "---\ndate: 2026-11-23\ntitle: A quieter morning\nmood: 3\ntags: [walk, therapy]\nwins: [Got up]\n---\nText.\n",
    "---\ndate: 2026-11-23 23:30:00-08:00\n---\nLate.\n",
    "---\ndate: 2026-11-23T09:30:00Z\nseen: 2026-11-23 09:30:00.250+05:30\n---\n",
    "---\ndate: 2026-11-23 09:30\n---\nA short time.\n",
    "---\nwhere: {1: one, 2026-01-01: new year, [a, b]: pair, '\\0odd': key, nested: {deep: [1, 2.5, null]}}\n---\n",
    "---\nnumbers: [.nan, .inf, -.inf, -0.0, 12345678901234567890123, 1e300]\nflag: true\nnothing: ~\n---\n",
    "---\nraw: !!binary aGVsbG8=\npairs: !!omap [{a: 1}, {b: 2}]\nempty: {}\nlist: []\n---\n",
    "+++\ndate = 2026-11-23T07:00:00+02:00\nwoke = 06:45:00\nday = 2026-11-22\n[extra]\nscore = 3\n+++\nTOML.\n",
    "No front matter, and a date in the name.\n",
    "---\nmood: 9\n---\nAn error is remembered too.\n",
    "---\ntitle: [not, text]\nwin: typo\n---\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_an_entry_comes_back_the_same(text):
    read = read_entry("content/2026/11/2026-11-23.md", text.encode(), Config())
    back = read_record(marshal.loads(marshal.dumps(record_read(read))))
    assert repr(back) == repr(read)
    assert back == read
    entry, _ = read
    if entry is not None:
        assert entry.extra == back[0].extra and entry.lines == back[0].lines  # not compared by ==
        assert list(vars(back[0])) == list(vars(entry))  # fields in the order Entry() gives them


def test_recalled_entries_share_no_dict_of_their_own():
    record = record_read(read_entry("content/2026/11/2026-11-23.md", b"---\ndate: 2026-11-23\n---\nText.\n", Config()))
    first, _ = read_record(marshal.loads(marshal.dumps(record)))
    second, _ = read_record(marshal.loads(marshal.dumps(record)))
    assert first is not None and second is not None
    assert first.extra == {} and first.extra is not second.extra
    assert first.lines == second.lines and first.lines is not second.lines


def test_a_value_it_cannot_write_exactly_is_refused():
    entry, problems = read_entry("content/2026-11-23.md", b"---\nkinds: !!set {a, b}\n---\n", Config())
    with pytest.raises(Unrecordable):
        record_read((entry, problems))


@pytest.mark.parametrize(
    "damaged",
    [
        (["x"], (), ()),
        ({"source": "a.md", "title": "t", "slug": ""}, (), ()),  # no date
        ({"source": "a.md", "date": {"\0d": "2026-01-01"}, "title": "t", "slug": "", "moood": 3}, (), ("date",)),
        ({"source": "a.md", "date": {"\0d": 5}, "title": "t", "slug": ""}, (), ("date",)),
        ({"source": "a.md", "date": {"\0what": 5}, "title": "t", "slug": ""}, (), ("date",)),
        ({"source": "a.md", "date": {"\0d": "2026-01-01"}, "title": "t", "slug": ""}, (), ("nothing",)),
        (None, (("p", "one", "m", False),), ()),
        (None, ()),
    ],
)
def test_a_damaged_record_is_an_error_not_an_entry(damaged):
    with pytest.raises((ValueError, TypeError, KeyError)):
        read_record(damaged)


def test_only_the_fields_that_need_it_are_made_again():
    text = b"---\ndate: 2026-11-23\ntags: [walk]\nwins: [Got up]\nmood: 3\nbedtime: [2026-11-22]\n---\nText.\n"
    fields, problems, remade = record_read(read_entry("content/2026/11/2026-11-23.md", text, Config()))
    assert problems == ()
    assert remade == ("date", "extra", "lines")  # tags and wins are tuples of text, as marshal gives them
    assert fields["tags"] == ("walk",) and fields["extra"] == {"bedtime": [{"\0d": "2026-11-22"}]}
