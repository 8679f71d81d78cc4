"""content: find entries, split front matter, validate into Entries (lenient where intent is clear)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content import (
    content_names,
    find_asset_files,
    find_entry_files,
    load_entries,
    read_entry,
)
from generator.frontmatter import Split, split_front_matter
from generator.model import Config, Habit, Metric

DAY = "content/2026/11/2026-11-23.md"
CONFIG = Config(
    metrics=(Metric("sleep", "Sleep", "hours", 0, 24), Metric("energy", "Energy", "", 1, 5)),
    habits=(Habit("walk", "Went for a walk"), Habit("meds", "Took medication")),
)


def entry(text: str | bytes, name: str = DAY, config: Config = CONFIG):
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    found, problems = read_entry(name, raw, config)
    assert [str(p) for p in problems] == [], "expected no problems"
    return found


def problems(text: str | bytes, name: str = DAY, config: Config = CONFIG) -> list[str]:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    found, found_problems = read_entry(name, raw, config)
    if any(not p.warning for p in found_problems):
        assert found is None, "an entry with errors must not be built"
    return [str(p) for p in found_problems]


# --- the full entry from PRODUCT.md ----------------------------------------------------


def test_the_documented_entry():
    e = entry(
        "---\n"
        "date: 2026-11-23\n"
        "title: A quieter morning\n"
        "mood: 3\n"
        "energy: 2\n"
        "sleep: 7.5\n"
        "tags: [walk, therapy]\n"
        "wins:\n  - Got up before nine\n  - Texted Sam back\n"
        "gratitude: [Rain on the window]\n"
        "emotions: [tired, hopeful]\n"
        "habits: [walk, meds]\n"
        "coping: [went for a walk]\n"
        "resurface: false\n"
        "draft: true\n"
        "---\n"
        "Free Markdown text.\n"
    )
    assert (e.source, e.date, e.time, e.title, e.has_title, e.slug) == (
        DAY,
        dt.date(2026, 11, 23),
        None,
        "A quieter morning",
        True,
        "a-quieter-morning",
    )
    assert e.mood == 3
    assert e.metrics == (("sleep", 7.5), ("energy", 2.0))
    assert e.metric_values == {"sleep": 7.5, "energy": 2.0}
    assert e.tags == ("walk", "therapy")
    assert e.wins == ("Got up before nine", "Texted Sam back")
    assert e.gratitude == ("Rain on the window",)
    assert e.emotions == ("tired", "hopeful")
    assert e.habits == ("walk", "meds")
    assert e.coping == ("went for a walk",)
    assert (e.resurface, e.draft) == (False, True)
    assert (e.body, e.body_line) == ("Free Markdown text.\n", 18)
    assert e.extra == {}


def test_every_field_is_optional():
    e = entry("---\n---\n")
    assert (e.date, e.title, e.has_title, e.mood, e.tags, e.wins, e.resurface, e.draft) == (
        dt.date(2026, 11, 23),
        "Monday 23 November 2026",
        False,
        None,
        (),
        (),
        True,
        False,
    )


# --- lenient where intent is clear -------------------------------------------------


@pytest.mark.parametrize(
    "line, tags",
    [
        ("tags: walk", ("walk",)),
        ('tags: "a, b"', ("a", "b")),
        ("tags: a, b ,, c", ("a", "b", "c")),
        ("tags: [no, yes]", ("no", "yes")),
        ("tags: [true, false]", ("true", "false")),
        ("tags: [2026, 7.5]", ("2026", "7.5")),
        ("tags: [walk, '', ~]", ("walk",)),
        ("tags:", ()),
        ("tags: []", ()),
        ("tags: [' padded ']", ("padded",)),
    ],
)
def test_tags_become_a_list(line, tags):
    assert entry(f"---\n{line}\n---\n").tags == tags


def test_a_comma_only_splits_lists_of_single_words():
    e = entry("---\nemotions: tired, hopeful\nwins: Got up, made tea\ngratitude: Rain, again\n---\n")
    assert e.emotions == ("tired", "hopeful")
    assert e.wins == ("Got up, made tea",)
    assert e.gratitude == ("Rain, again",)


def test_the_template_cairn_new_writes_is_an_empty_entry(tmp_path):
    from generator.scaffold import new_entry

    path, _ = new_entry(tmp_path, CONFIG, dt.date(2026, 11, 23))
    e = entry(path.read_text())
    assert (e.mood, e.tags, e.wins, e.gratitude, e.emotions, e.habits, e.coping) == (None, (), (), (), (), (), ())


def test_a_timestamp_gives_date_and_time():
    e = entry("---\ndate: 2011-05-24 23:09:15\n---\n", name="content/notes/evening.md")
    assert (e.date, e.time, e.slug) == (dt.date(2011, 5, 24), dt.time(23, 9, 15), "evening")


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Pacific/Kiritimati"])
def test_a_timestamp_with_an_offset_keeps_the_day_and_time_as_written(zone):
    # 23:30 in California on 1 January is already 2 January in London; the person lived 1 January.
    e = entry("---\ndate: 2025-01-01T23:30:00-08:00\n---\n", name="content/x.md", config=Config(timezone=zone))
    assert (e.date, e.time) == (dt.date(2025, 1, 1), dt.time(23, 30))


@pytest.mark.parametrize(
    "written, day",
    [
        ("2026-11-24T01:30:00", dt.date(2026, 11, 23)),  # a late night counts for the evening before
        ("2026-11-24 03:59", dt.date(2026, 11, 23)),
        ("2026-11-24T04:00:00", dt.date(2026, 11, 24)),  # the new day starts at 04:00 sharp
        ("2026-11-24T01:30:00+09:00", dt.date(2026, 11, 23)),  # the clock as written, offset or not
        ("2026-11-24", dt.date(2026, 11, 24)),  # no time: the date as written
        ("2026-03-01T02:00:00", dt.date(2026, 2, 28)),
        ("0001-01-01T01:00:00", dt.date(1, 1, 1)),  # nothing before the first day to count it for
    ],
)
def test_day_starts_at_moves_the_small_hours_to_the_day_before(written, day):
    config = Config(day_starts_at=dt.time(4, 0))
    e = entry(f"---\ndate: {written}\n---\n", name="content/late.md", config=config)
    assert e.date == day


def test_day_starts_at_does_not_warn_about_the_date_in_the_file_name():
    config = Config(day_starts_at=dt.time(4, 0))
    e, found = read_entry("content/2026-11-24.md", b"---\ndate: 2026-11-24T01:30:00\n---\n", config)
    assert e is not None, found
    assert (e.date, e.time, found) == (dt.date(2026, 11, 23), dt.time(1, 30), [])


@pytest.mark.parametrize(
    "written, day",
    [
        ("0001-01-01T00:30:00+05:00", dt.date(1, 1, 1)),
        ("9999-12-31T23:30:00-08:00", dt.date(9999, 12, 31)),
        ("0001-01-01", dt.date(1, 1, 1)),
        ("9999-12-31", dt.date(9999, 12, 31)),
    ],
)
def test_the_first_and_last_years_load(written, day):
    assert entry(f"---\ndate: {written}\n---\n", name="content/edge.md").date == day


def test_a_year_past_9999_is_a_clear_error():
    assert problems("---\ndate: 10000-01-01\n---\n", name="content/far.md") == [
        "content/far.md:2: date must be a date like 2026-11-23 (got '10000-01-01')"
    ]


@pytest.mark.parametrize(
    "line, date, time",
    [
        ("date: '2015-01-16'", dt.date(2015, 1, 16), None),
        ('date: "2014-03-12T10:11:00-04:00"', dt.date(2014, 3, 12), dt.time(10, 11)),
    ],
)
def test_a_quoted_date_is_still_a_date(line, date, time):
    # Jekyll and Eleventy front matter often quotes its dates.
    e = entry(f"---\n{line}\n---\n", name="content/posts/post.md")
    assert (e.date, e.time) == (date, time)


def test_crlf_line_endings():
    e = entry(b"---\r\ntitle: Hi\r\ntags: [a]\r\nmood: 2\r\n---\r\nbody\r\nline two\r\n")
    assert (e.title, e.tags, e.mood, e.body, e.body_line) == ("Hi", ("a",), 2, "body\nline two\n", 6)


def test_a_utf8_bom():
    e = entry(b"\xef\xbb\xbf---\ntitle: Caf\xc3\xa9\n---\nbody\n")
    assert (e.title, e.body, e.body_line) == ("Café", "body\n", 4)


def test_no_front_matter_but_a_dated_name():
    e = entry("Just text.\n", name="content/2026-11-23-evening.md")
    assert (e.date, e.title, e.slug, e.body, e.body_line) == (
        dt.date(2026, 11, 23),
        "Monday 23 November 2026",
        "evening",
        "Just text.\n",
        1,
    )


def test_a_date_name_without_leading_zeros():
    assert entry("x\n", name="content/2024-12-5.md").date == dt.date(2024, 12, 5)


def test_unknown_keys_are_kept_as_written():
    e = entry("---\nclock-in: 10:45\nweather: rain\nanswer: no\ncount: 4000\n---\n")
    assert e.extra == {"clock-in": "10:45", "weather": "rain", "answer": "no", "count": 4000}


@pytest.mark.parametrize(
    "key, suggestion, line",
    [("win", "wins", 3), ("tag", "tags", 3), ("moood", "mood", 3), ("emotion", "emotions", 3), ("slep", "sleep", 3)],
)
def test_a_near_miss_key_is_a_warning_with_the_suggestion(key, suggestion, line):
    text = f"---\ntitle: x\n{key}: [a]\n---\n"
    found, found_problems = read_entry(DAY, text.encode(), CONFIG)
    assert found is not None and found.extra == {key: ["a"]}
    assert [str(p) for p in found_problems] == [
        f"{DAY}:{line}: warning: unknown key '{key}' (did you mean '{suggestion}'?)"
    ]


def test_booleans_read_as_a_person_writes_them():
    e = entry("---\ndraft: yes\nresurface: no\n---\n")
    assert (e.draft, e.resurface) == (True, False)
    e = entry("---\ndraft: off\nresurface: On\n---\n")
    assert (e.draft, e.resurface) == (False, True)


def test_a_date_in_front_matter_wins_over_the_name_with_a_warning():
    text = "---\ntitle: x\ndate: 2026-11-24\n---\n"
    found, found_problems = read_entry(DAY, text.encode(), CONFIG)
    assert found.date == dt.date(2026, 11, 24)
    assert [str(p) for p in found_problems] == [
        f"{DAY}:3: warning: date 2026-11-24 differs from the date in the file name (2026-11-23); using 2026-11-24"
    ]


def test_an_undeclared_habit_is_a_warning():
    assert problems("---\nhabits: [walk, meditate, med]\n---\n") == [
        f"{DAY}:2: warning: habit 'meditate' is not declared in journal.yaml (journal.yaml declares: walk, meds)",
        f"{DAY}:2: warning: habit 'med' is not declared in journal.yaml (did you mean 'meds'?)",
    ]


def test_habits_are_free_when_none_are_declared():
    assert entry("---\nhabits: [anything]\n---\n", config=Config()).habits == ("anything",)


def test_a_metric_not_declared_is_kept_in_extra():
    e = entry("---\nsleep: 7\n---\n", config=Config())
    assert (e.metrics, e.extra) == ((), {"sleep": 7})


@pytest.mark.parametrize(
    "name, title, slug",
    [
        ("content/2026-11-23.md", None, ""),
        ("content/2026-11-23.md", "A quieter morning!", "a-quieter-morning"),
        ("content/2026-11-23-Evening Walk.md", "Something else", "evening-walk"),
        ("content/2026-11-23_café.md", None, "cafe"),
        ("content/2026-11-23-日記.md", None, "x2a863cf8"),
        ("content/walks/by the river.md", None, "by-the-river"),
    ],
)
def test_slugs(name, title, slug):
    front = "---\ndate: 2026-11-23\n" + (f"title: {title}\n" if title else "") + "---\n"
    e = entry(front, name=name)
    assert e.slug == slug
    assert e.slug.isascii()


def test_titles_in_any_script():
    e = entry("---\ntitle: 静かな朝\n---\n")
    assert e.title == "静かな朝"
    assert e.slug.isascii() and e.slug


# --- strict where data would be wrong ------------------------------------------------


@pytest.mark.parametrize(
    "front, message",
    [
        ("mood: 7", "2: mood must be a whole number from 1 to 5 (got 7)"),
        ("mood: 0", "2: mood must be a whole number from 1 to 5 (got 0)"),
        (
            "mood: splendid",
            "2: mood must be a whole number from 1 to 5 or a word of the scale; other words and emoji "
            "can be added under mood: aliases: in journal.yaml (got 'splendid')",
        ),
        ("mood: 3.5", "2: mood must be a whole number from 1 to 5 (got 3.5)"),
        ("mood: true", "2: mood must be a whole number from 1 to 5 (got True)"),
        ("sleep: lots", "2: sleep must be a number (got 'lots')"),
        ("sleep: '7.5'", "2: sleep must be a number (got '7.5')"),
        ("sleep: 25", "2: sleep must be from 0 to 24 hours (got 25)"),
        ("energy: 9", "2: energy must be from 1 to 5 (got 9)"),
        ("date: 2026-02-30", "2: '2026-02-30' is not a real date or time"),
        ("date: soon", "2: date must be a date like 2026-11-23 (got 'soon')"),
        ("date: '2026-02-30'", "2: date must be a date like 2026-11-23 (got '2026-02-30')"),
        ("wins:\n  - Got up\n  - texted: Sam", "2: wins must be a list of short texts (one item is {'texted': 'Sam'})"),
        ("wins: {a: b}", "2: wins must be a list of short texts (got {'a': 'b'})"),
        ("tags: [[a]]", "2: tags must be a list of short texts (one item is ['a'])"),
        ("draft: maybe", "2: draft must be true or false (got 'maybe')"),
        ("title: [a, b]", "2: title must be a line of text (got ['a', 'b'])"),
        ("title: Rain: again", "2: front matter is not valid YAML: mapping values are not allowed in this context"),
        ("- a\n- b", "2: front matter must be a list of `key: value` lines"),
    ],
)
def test_wrong_values_are_errors_with_the_line_of_the_key(front, message):
    assert problems(f"---\n{front}\n---\nbody\n") == [f"{DAY}:{message}"]


def test_a_metric_with_only_one_bound():
    config = Config(metrics=(Metric("sleep", "Sleep", "hours", 0, None), Metric("steps", "Steps", "", None, 100)))
    assert problems("---\nsleep: -1\nsteps: 101\n---\n", config=config) == [
        f"{DAY}:2: sleep must be at least 0 hours (got -1)",
        f"{DAY}:3: steps must be at most 100 (got 101)",
    ]


def test_every_problem_in_a_file_is_reported():
    assert problems("---\nmood: 9\n\nsleep: lots\ndraft: maybe\n---\n") == [
        f"{DAY}:2: mood must be a whole number from 1 to 5 (got 9)",
        f"{DAY}:4: sleep must be a number (got 'lots')",
        f"{DAY}:5: draft must be true or false (got 'maybe')",
    ]


def test_a_wrong_date_does_not_hide_the_files_other_problems():
    assert problems("---\ndate: soon\nmood: 9\ndraft: maybe\n---\n") == [
        f"{DAY}:2: date must be a date like 2026-11-23 (got 'soon')",
        f"{DAY}:3: mood must be a whole number from 1 to 5 (got 9)",
        f"{DAY}:4: draft must be true or false (got 'maybe')",
    ]


def test_a_mood_on_a_custom_scale():
    config = Config(mood=Config().mood.__class__(low=0, labels=("bad", "ok", "good")))
    assert entry("---\nmood: 0\n---\n", config=config).mood == 0
    assert problems("---\nmood: 3\n---\n", config=config) == [
        f"{DAY}:2: mood must be a whole number from 0 to 2 (got 3)"
    ]


def test_front_matter_never_closed():
    assert problems("---\ntitle: x\nmood: 3\nhello\n") == [
        f"{DAY}:1: front matter starts with --- but has no closing --- line"
    ]


NOT_AN_ENTRY = (
    "warning: has no date, so it is not an entry: to make it one, add `date: YYYY-MM-DD` "
    "to its front matter or start its file name with the date"
)


def test_no_date_anywhere_is_a_warning_and_no_entry():
    found, found_problems = read_entry("content/notes.md", b"---\ntitle: Notes\n---\n", CONFIG)
    assert found is None
    assert [str(p) for p in found_problems] == [f"content/notes.md:1: {NOT_AN_ENTRY}"]


def test_an_impossible_date_in_the_name_is_no_date():
    assert problems("x\n", name="content/2026-02-30.md") == [f"content/2026-02-30.md:1: {NOT_AN_ENTRY}"]


def test_not_utf8():
    assert problems(b"---\ntitle: Ren\xe9e\n---\n") == [f"{DAY}:2: is not UTF-8 text (byte 14)"]


# --- splitting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\na: 1\n---\nbody\n", ("---", "a: 1\n", "body\n", 4)),
        ("---\na: 1\n---\n\nbody\n", ("---", "a: 1\n", "\nbody\n", 4)),
        ("---\na: 1\n...\nbody\n", ("---", "a: 1\n", "body\n", 4)),
        ("---\n---\nbody\n", ("---", "", "body\n", 3)),
        ("+++\na = 1\nb = 2\n+++\nbody\n", ("+++", "a = 1\nb = 2\n", "body\n", 5)),
        ("no front matter\n", (None, "", "no front matter\n", 1)),
        ("--- not front matter\n", (None, "", "--- not front matter\n", 1)),
        ("+++ not front matter\n", (None, "", "+++ not front matter\n", 1)),
        ("---\na: 1\n", ("---", "a: 1\n", "", 0)),
        ("+++\na = 1\n", ("+++", "a = 1\n", "", 0)),
    ],
)
def test_split_front_matter(text, expected):
    assert split_front_matter(text) == Split(*expected)


# --- finding files -------------------------------------------------------------------


def test_find_entry_and_asset_files(journal):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": "x",
            "content/2026/11/park.jpg": b"\xff\xd8",
            "content/notes.md": "x",
            "content/_drafts/2026-01-01.md": "x",
            "content/.obsidian/app.md": "x",
            "content/2026-11-22.md~": "x",
            "content/.DS_Store": b"",
            "outside.md": "x",
        }
    )
    names = [p.relative_to(folder).as_posix() for p in find_entry_files(folder)]
    assert names == ["content/2026/11/2026-11-23.md", "content/notes.md"]
    assets = [p.relative_to(folder).as_posix() for p in find_asset_files(folder)]
    assert assets == ["content/2026/11/park.jpg"]
    assert content_names(folder) == (names, assets)  # as a build names them, with no Path made


def test_no_content_folder_is_an_empty_journal(journal):
    folder = journal({"journal.yaml": ""})
    assert find_entry_files(folder) == [] and find_asset_files(folder) == []
    loaded = load_entries(folder, Config())
    assert (loaded.entries, loaded.errors, loaded.warnings) == ([], [], [])


def test_load_entries_gathers_every_error_of_every_file_sorted(journal):
    folder = journal(
        {
            "content/b/2026-11-23.md": "---\nmood: 9\n---\n",
            "content/a/2026-11-22.md": "---\ndate: 2026-02-30\n---\n",
            "content/c/2026-11-21.md": "---\ntitle: Fine\ntag: x\n---\n",
            "content/a/notes.md": "no date\n",
        }
    )
    loaded = load_entries(folder, Config())
    assert [str(e) for e in loaded.errors] == [
        "content/a/2026-11-22.md:2: '2026-02-30' is not a real date or time",
        "content/b/2026-11-23.md:2: mood must be a whole number from 1 to 5 (got 9)",
    ]
    assert [str(w) for w in loaded.warnings] == [
        f"content/a/notes.md:1: {NOT_AN_ENTRY}",
        "content/c/2026-11-21.md:3: warning: unknown key 'tag' (did you mean 'tags'?)",
    ]
    assert [e.title for e in loaded.entries] == ["Fine"]


# --- other tools' conventions ----------------------------------------------------------


def test_published_false_is_a_draft_and_published_true_is_not():
    assert entry("---\npublished: false\n---\n").draft is True
    assert entry("---\npublished: true\n---\n").draft is False
    assert entry("---\npublished: true\ndraft: true\n---\n").draft is True


def test_toml_front_matter_gives_values_and_lines():
    text = '+++\ntitle = "Snow"\ndate = 2026-11-23T08:30:00\nmood = 4\ntags = ["walk"]\nwin = ["Got up"]\n+++\nText.\n'
    found, found_problems = read_entry(DAY, text.encode(), CONFIG)
    assert (found.title, found.date, found.time, found.mood, found.tags) == (
        "Snow",
        dt.date(2026, 11, 23),
        dt.time(8, 30),
        4,
        ("walk",),
    )
    assert found.body == "Text.\n" and found.body_line == 8
    assert [str(p) for p in found_problems] == [f"{DAY}:6: warning: unknown key 'win' (did you mean 'wins'?)"]
    assert problems('+++\ntitle = "x"\nmood = 9\n+++\n') == [
        f"{DAY}:3: mood must be a whole number from 1 to 5 (got 9)"
    ]


def test_moods_in_words_and_emoji_through_the_scale_and_its_aliases():
    scale = Config().mood.__class__(aliases=(("😀", 5), ("meh", 3)))
    config = Config(mood=scale)
    assert entry("---\nmood: Great\n---\n", config=config).mood == 5
    assert entry("---\nmood: 😀\n---\n", config=config).mood == 5
    assert entry("mood:: meh\nText.\n", config=config).mood == 3
    assert problems("---\nmood: 🙃\n---\n", config=config) == [
        f"{DAY}:2: mood must be a whole number from 1 to 5 or a word of the scale; other words and emoji "
        "can be added under mood: aliases: in journal.yaml (got '🙃')"
    ]


def test_inline_fields_fill_what_front_matter_leaves_out_at_their_own_line():
    found = entry("---\nmood: 2\n---\nmood:: 4\nSlept [sleep:: 7] and [Energy:: 3].\n#walk today\n")
    assert (found.mood, found.metric_values, found.tags) == (2, {"sleep": 7.0, "energy": 3.0}, ("walk",))
    assert problems("Text\n[sleep:: 30]\n") == [f"{DAY}:2: sleep must be from 0 to 24 hours (got 30)"]


def test_habits_match_whatever_their_case():
    assert entry("---\nhabits: [Walk, MEDS, walk]\n---\n").habits == ("walk", "meds")


def test_markdown_files_and_exclude(journal):
    folder = journal(
        {
            "content/2026-11-23.markdown": "x",
            "content/templates/2026-01-01.md": "x",
            "content/notes/old/2026-01-02.md": "x",
            "content/notes/2026-01-03.md": "x",
            "content/old/2026-01-04.md": "x",
            "content/notes/old/pic.png": b"\x89PNG",
        }
    )
    names = [p.relative_to(folder).as_posix() for p in find_entry_files(folder, ("templates", "notes/old"))]
    assert names == ["content/2026-11-23.markdown", "content/notes/2026-01-03.md", "content/old/2026-01-04.md"]
    assert find_asset_files(folder, ("templates", "notes/old")) == []
