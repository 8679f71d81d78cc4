"""The search index (generator/search.py) and the search page's template."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from generator.model import Config, Entry, MoodScale, Page
from generator.render import make_environment, render_page
from generator.search import GLOBAL, plain_text, search_index, search_records
from generator.shown import journal_print

REPO = Path(__file__).resolve().parents[1]


def _entry(day: int, **fields) -> Entry:
    date = dt.date(2026, 5, day)
    values = {
        "source": f"content/2026/05/2026-05-{day:02d}.md",
        "date": date,
        "title": f"Day {day}",
        "slug": "",
        "url": f"2026/05/{day:02d}/",
    }
    values.update(fields)
    return Entry(**values)


def _parse(index: bytes) -> dict:
    text = index.decode("utf-8")
    prefix = f"window.{GLOBAL} = "
    assert text.startswith(prefix) and text.endswith(";\n"), text[:80]
    return json.loads(text[len(prefix) : -2])


def test_the_index_is_one_statement_holding_json():
    data = _parse(search_index([_entry(1)], Config()))
    assert data["version"] == 1
    assert data["entries"] == [{"u": "2026/05/01/", "t": "Day 1", "d": "2026-05-01"}]


def test_the_index_carries_the_sites_date_words_for_the_script():
    data = _parse(search_index([_entry(1)], Config()))
    assert data["months"][0] == "January" and data["months"][10] == "November" and len(data["months"]) == 12
    assert data["weekdays"] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_records_hold_what_search_looks_through():
    entries = [
        _entry(
            3,
            title="A quieter morning",
            mood=4,
            tags=("Walk", "therapy"),
            wins=("Got up before nine",),
            emotions=("tired", "hopeful"),
            gratitude=("Rain on the window",),
            coping=("went for a walk",),
            html='<p>Out <em>early</em>. Fish &amp; chips.</p>\n<p><img alt="The park in the rain" src="x.png"></p>',
        ),
        _entry(1, tags=("walk",)),  # "Walk" and "walk" are one tag; the index is oldest first
    ]
    data = search_records(entries, Config(mood=MoodScale(low=0, labels=("low", "middling", "high"))))
    assert data["mood"] == {"low": 0, "labels": ["low", "middling", "high"]}
    assert data["tags"] == [["therapy", "therapy"], ["walk", "walk"]]
    first, second = data["entries"]
    assert first == {"u": "2026/05/01/", "t": "Day 1", "d": "2026-05-01", "g": [1]}
    assert second == {
        "u": "2026/05/03/",
        "t": "A quieter morning",
        "d": "2026-05-03",
        "m": 4,
        "g": [1, 0],
        "w": ["Got up before nine"],
        "e": ["tired", "hopeful"],
        "f": ["Rain on the window"],
        "c": ["went for a walk"],
        "b": "Out early. Fish & chips. The park in the rain",
    }


def test_plain_text_keeps_words_apart_across_blocks_and_joins_inline_markup():
    assert (
        plain_text("<h2>One</h2><p>two<br>three</p><ul><li>four</li><li>fi<strong>ve</strong></li></ul>")
        == "One two three four five"
    )
    assert plain_text("<p>&lt;script&gt; &quot;quoted&quot; caf&eacute;</p>") == '<script> "quoted" café'


def test_the_index_is_the_same_bytes_for_the_same_entries():
    entries = [_entry(d, tags=("b", "a"), html=f"<p>text {d}</p>") for d in (4, 2, 3)]
    assert search_index(entries, Config()) == search_index(list(reversed(entries)), Config())


def test_a_ten_year_journal_gives_an_index_about_the_size_of_its_words():
    rng = random.Random(5)
    words = [f"w{rng.randrange(10**6):x}" for _ in range(5000)]
    entries, text_bytes = [], 0
    for i in range(3650):
        date = dt.date(2016, 1, 1) + dt.timedelta(days=i)
        body = " ".join(rng.choice(words) for _ in range(rng.randint(20, 200)))
        wins = tuple(" ".join(rng.choice(words) for _ in range(4)) for _ in range(rng.randint(0, 3)))
        entries.append(
            Entry(
                source=f"content/{i}.md",
                date=date,
                title=f"{date:%A} {date.day} {date:%B %Y}",
                slug="",
                mood=rng.randint(1, 5),
                tags=tuple(rng.sample(["walk", "work", "family", "run"], 2)),
                wins=wins,
                html=f"<p>{body}</p>\n",
                url=f"{date:%Y/%m/%d}/",
            )
        )
        text_bytes += len(body) + sum(map(len, wins)) + len(entries[-1].title)
    index = search_index(entries, Config())
    overhead = len(index) - text_bytes
    assert overhead / len(entries) < 100, f"{overhead / len(entries):.0f} bytes per entry besides its words"
    assert len(index) < 1.1 * text_bytes + 100 * len(entries)


def _render_search_page(tags, years) -> str:
    env = make_environment(REPO / "tests" / "fixture", Config())
    return render_page(env, Page("search/", "search.html", {"tags": tags, "years": years})).decode("utf-8")


def test_the_search_page_is_a_labelled_form_that_says_it_needs_javascript():
    from generator.model import Tag

    page = _render_search_page([Tag("Café", "cafe", ()), Tag("walk", "walk", ())], [2026, 2025])
    for control in ("search-words", "search-tag", "search-year", "search-mood"):
        assert re.search(rf'<label for="{control}">[^<]+</label>', page), control
        assert f'id="{control}"' in page
    assert '<option value="cafe">Café</option>' in page
    assert '<option value="2025">2025</option>' in page
    assert '<option value="3">3 of 5: okay</option>' in page
    assert "needs JavaScript" in page
    assert '<script src="../static/search-index.js" defer></script>' in page
    assert '<script src="../static/search.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "an inline script breaks the site's CSP"
    assert " style=" not in page


def test_a_rebuild_works_out_the_words_of_changed_entries_only(tmp_path, monkeypatch):
    from generator import search

    worked: list[str] = []
    real = search.plain_text
    monkeypatch.setattr(search, "plain_text", lambda html: worked.append(html) or real(html))
    entries = [_entry(day, html=f"<p>Words of day {day}.</p>") for day in (1, 2, 3)]
    kept = search.KeptRecords(tmp_path / "records")
    first = search_index(entries, Config(), kept)
    kept.save()
    assert len(worked) == 3
    assert first == search_index(entries, Config())  # kept or not, the same bytes
    worked.clear()
    entries[1] = _entry(2, html="<p>Other words, <em>later</em>.</p>")
    kept = search.KeptRecords(tmp_path / "records")
    again = search_index(entries, Config(), kept)
    kept.save()
    assert worked == ["<p>Other words, <em>later</em>.</p>"]
    assert again == search_index(entries, Config()) != first
    assert "Other words, later." in _parse(again)["entries"][1]["b"]
    worked.clear()
    known = journal_print(entries, [], None).known  # as a build gives them: the same names
    assert search_index(entries, Config(), search.KeptRecords(tmp_path / "records"), known) == again
    assert worked == []


def test_an_edit_rewrites_one_or_two_of_the_sixteen_files_of_kept_records(tmp_path):
    """A year of entries (enough for worker processes to make their records): an edit to one
    entry's words writes the file that holds its new record and the one that held the old;
    entries gone take their records with them. The index is the same bytes as one made
    with nothing kept, in this process alone."""
    from generator import search

    folder = tmp_path / "search"
    entries = [_entry(1, html=f"<p>Words of entry {n}.</p>", source=f"content/e{n}.md") for n in range(365)]
    kept = search.KeptRecords(folder)
    first = search_index(entries, Config(), kept)
    kept.save()
    assert first == search_index(entries, Config())
    assert sorted(path.name for path in folder.iterdir()) == list("0123456789abcdef")
    before = {path.name: path.stat().st_ino for path in folder.iterdir()}
    entries[100] = _entry(1, html="<p>Other words.</p>", source="content/e100.md")
    kept = search.KeptRecords(folder)
    again = search_index(entries, Config(), kept)
    kept.save()
    assert again == search_index(entries, Config()) != first
    changed = sorted(path.name for path in folder.iterdir() if path.stat().st_ino != before[path.name])
    assert 1 <= len(changed) <= 2  # the new record's file, and the old record's when that is another
    lines = sum(len(path.read_bytes().split(b"\n")) for path in folder.iterdir())
    assert lines == 365
    kept = search.KeptRecords(folder)
    assert search_index(entries[:1], Config(), kept) == search_index(entries[:1], Config())
    kept.save()
    assert sum(len(path.read_bytes().split(b"\n")) for path in folder.iterdir()) == 1
    assert len(list(folder.iterdir())) == 1
