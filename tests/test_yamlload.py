"""yamlload: YAML without 1.1 surprises, and the line of every top-level key."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.yamlload import (
    BadValue,
    DuplicateKey,
    NotAMapping,
    TooManyAliases,
    error_line,
    error_message,
    load_mapping,
)


def values(text: str) -> dict:
    return {key: field.value for key, field in load_mapping(text).items()}


def test_every_key_keeps_its_line():
    text = "title: A quieter morning\n\n# a comment\nmood: 3\ntags:\n  - walk\n  - therapy\nsleep: 7.5\n"
    fields = load_mapping(text)
    assert {key: f.line for key, f in fields.items()} == {"title": 1, "mood": 4, "tags": 5, "sleep": 8}
    assert fields["tags"].value == ["walk", "therapy"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # YAML 1.1 would read these as 645, false, true, 15, 1000, 31: a journal wants the words.
        ("clock-in: 10:45", "10:45"),
        ("answer: no", "no"),
        ("answer: yes", "yes"),
        ("answer: on", "on"),
        ("answer: off", "off"),
        ("n: 0o17", "0o17"),
        ("n: 1_000", "1_000"),
        ("n: 0x1F", "0x1F"),
        ("n: 007", "007"),
        ("n: 1e3", "1e3"),
        ("n: .inf", ".inf"),
        ("n: 1:2:3", "1:2:3"),
        ("sleep: 10:11 pm/7:5 am", "10:11 pm/7:5 am"),
    ],
)
def test_only_plain_meanings_are_resolved(text, expected):
    assert list(values(text).values()) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x: true", True),
        ("x: False", False),
        ("x: 3", 3),
        ("x: -2", -2),
        ("x: +3", 3),
        ("x: 0", 0),
        ("x: 7.5", 7.5),
        ("x: .5", 0.5),
        ("x: ~", None),
        ("x: null", None),
        ("x:", None),
        ("x: 2026-11-23", dt.date(2026, 11, 23)),
        ("x: 2011-05-24 23:09:15", dt.datetime(2011, 5, 24, 23, 9, 15)),
        ("x: 2026-11-23 09:30", dt.datetime(2026, 11, 23, 9, 30)),
        ("x: 2026-1-5 9:30", dt.datetime(2026, 1, 5, 9, 30)),
        ("x: 2026-11-23T09:30:00Z", dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)),
        (
            "x: 2026-11-23T09:30:00+01:00",
            dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        ),
        # Without seconds, an offset is read as well (it was a traceback).
        ("x: 2026-11-23T09:30Z", dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)),
        (
            "x: 9999-12-31T23:59+14:00",
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        ),
        ("x: 2015-03-17 10:00 -4", dt.datetime(2015, 3, 17, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
        ("x: '3'", "3"),
        ("x: [no, yes, 10:45]", ["no", "yes", "10:45"]),
        ("x: {a: 1, b: [2026-11-23]}", {"a": 1, "b": [dt.date(2026, 11, 23)]}),
    ],
)
def test_values(text, expected):
    assert values(text) == {"x": expected}
    assert type(values(text)["x"]) is type(expected)


def test_empty_text_is_an_empty_mapping():
    assert load_mapping("") == {}
    assert load_mapping("# only a comment\n") == {}


def test_keys_become_text():
    assert values("2026-11-23: a\n3: b\n") == {"2026-11-23": "a", "3": "b"}


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("date: 2026-02-30", 1, "'2026-02-30' is not a real date or time"),
        ("title: x\ndate: 2026-13-01 10:00", 2, "'2026-13-01 10:00' is not a real date or time"),
        # the value that is wrong is named, not its neighbour
        ("title: x\n\ntags: [fine, 2026-02-30]", 3, "'2026-02-30' is not a real date or time"),
        ("when:\n  a: fine\n  b: [2026-04-31]", 1, "'2026-04-31' is not a real date or time"),
        ("2026-02-30: x", 1, "'2026-02-30' is not a real date or time"),
    ],
)
def test_a_date_that_is_not_a_date(text, line, message):
    with pytest.raises(BadValue) as caught:
        load_mapping(text)
    assert (caught.value.line, str(caught.value)) == (line, message)


@pytest.mark.parametrize("text, line", [("- a\n- b\n", 1), ("just words\n", 1), ("\n\n42\n", 3)])
def test_top_level_must_be_a_mapping(text, line):
    with pytest.raises(NotAMapping) as caught:
        load_mapping(text)
    assert caught.value.line == line
    assert str(caught.value) == "front matter must be a list of `key: value` lines"


@pytest.mark.parametrize(
    "text, line, problem",
    [
        ("title: ok\ntitle2: Rain: again\n", 2, "mapping values are not allowed in this context"),
        ("tags: [walk, therapy\nmood: 3\n", 2, "did not find expected ',' or ']'"),
        ("tags: [walk, therapy\n", 2, "did not find expected ',' or ']'"),
        ("a: !!python/object:os.system x\n", 1, None),
    ],
)
def test_invalid_yaml_points_at_its_line(text, line, problem):
    with pytest.raises(yaml.YAMLError) as caught:
        load_mapping(text)
    assert error_line(caught.value) == line
    if problem:
        assert error_message(caught.value) == f"front matter is not valid YAML: {problem}"


def test_trailing_tabs_after_a_list_item_are_tolerated():
    # Real Jekyll posts have them; libyaml reads the item without the tabs.
    assert load_mapping("authors:\n- melody\t\t\n")["authors"].value == ["melody"]


def test_no_arbitrary_objects():
    with pytest.raises(yaml.YAMLError):
        load_mapping("a: !!python/name:os.system\n")


def test_the_c_parser_is_used_when_pyyaml_has_it():
    import yaml

    from generator import yamlload

    if yaml.__with_libyaml__:
        assert yamlload.Parser.__module__ == "yaml._yaml"


def test_a_key_given_twice_is_an_error_naming_both_lines():
    with pytest.raises(DuplicateKey) as caught:
        load_mapping("mood: 3\ntags: [walk]\nmood: 4\n")
    assert (caught.value.line, str(caught.value)) == (3, "'mood' is given twice, on lines 1 and 3; keep one")


def test_a_few_aliases_are_fine():
    fields = load_mapping("walk: &w [walk, outside]\ntags: *w\n")
    assert fields["tags"].value == ["walk", "outside"]


def _bomb(levels: int) -> str:
    lines = ['l0: &l0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\nmood: 3\n"


def test_an_alias_bomb_is_refused_at_the_line_where_it_grows_too_large():
    text = _bomb(9)  # 9 ** 9, about 387 million values, from about 500 bytes
    assert len(text) < 600
    with pytest.raises(TooManyAliases) as caught:
        load_mapping(text)
    assert caught.value.line == 5  # l4 holds 9 ** 5 = 59,049 values: the first over 10,000
    assert str(caught.value) == (
        "uses YAML aliases that expand to more than 10,000 values; write the values out instead"
    )
