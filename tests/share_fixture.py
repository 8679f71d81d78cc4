"""A journal for shares, reviews and events, with a planted unique word in every place
a share leaves out. The figures the tests expect are worked out by hand from it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_files

JOURNAL_YAML = """\
title: Planted journal
author: Robin Test
private_tags: [kinfolk]
metrics:
  sleep: {label: Sleep, unit: hours, min: 0, max: 14}
habits:
  walk: Went for a walk
sessions: [2026-09-01, 2026-09-15]
shares:
  therapist:
    title: For my sessions
    from: 2026-09-01
    show: [mood, metrics, wins, habits, coping, events, for_session]
    pages: [review, progress, months, wins]
    exclude_tags: [officeplace]
  friend:
    title: For Sam
    last: 7 days
    show: [title, mood, wins]
    pages: [wins]
  notes:
    to: 2026-09-10
    show: [title, body, tags]
    pages: [search, timeline, tags]
    exclude_tags: [LanternMoss]
"""

# Words planted where the therapist share must leave them out.
PLANTED = {
    "zephyrwold": "the body of an entry before the share's span",
    "quillmarrow": "the title and body of a private entry",
    "plumbrook": "a win of an entry with a private tag",
    "kinfolk": "the private tag",
    "tinderlatch": "the title and body of an entry with an excluded tag",
    "officeplace": "the excluded tag",
    "hollowfen": "the body of an included entry (body not shown)",
    "saffronmere": "gratitude of an included entry (not shown)",
    "lanternmoss": "a tag of an included entry (tags not shown)",
    "velvetquiet": "a feeling of an included entry (emotions not shown)",
    "glimmerstone": "the title of an included entry (title not shown)",
    "marshbottom": "an extra front-matter field of an included entry",
}


def _entry(day: str, front: str, body: str = "") -> tuple[str, str]:
    return f"content/2026/{day[5:7]}/{day}.md", f"---\n{front}---\n{body}"


def entries() -> dict[str, str]:
    files = {}
    for day in range(25, 32):  # before the span: mood 2, sleep 6
        files.update([_entry(f"2026-08-{day}", "mood: 2\nsleep: 6\n", "A grey day, zephyrwold.\n")])
    files.update(
        [
            _entry(
                "2026-09-01",
                "title: Glimmerstone morning\nmood: 3\nsleep: 7\nhabits: [walk]\nwins: [Made tea]\n"
                "emotions: [tired]\nlocation: marshbottom\n",
            ),
            _entry("2026-09-02", "mood: 2\nsleep: 6\nemotions: [tired, anxious]\ncoping: [called Sam]\n"),
            _entry(
                "2026-09-03",
                "mood: 1\nsleep: 5\nemotions: [anxious]\ncoping: [breathing exercise]\ntags: [lanternmoss]\n",
                "Could not get out of bed until noon. The hollowfen feeling again.\n",
            ),
            _entry(
                "2026-09-04",
                "mood: 2\nsleep: 6\nhabits: [walk]\ncoping: [went for a walk]\nemotions: [tired]\n"
                "gratitude: [saffronmere tea]\n",
            ),
            _entry("2026-09-05", "title: Quillmarrow\nprivate: true\nmood: 1\n", "Only for me: quillmarrow.\n"),
            _entry("2026-09-06", "tags: [kinfolk]\nmood: 1\nwins: [plumbrook dinner]\n"),
            _entry(
                "2026-09-07",
                "title: Tinderlatch meeting\ntags: [officeplace]\nmood: 2\nsleep: 6\n",
                "The tinderlatch review ran long.\n",
            ),
            _entry(
                "2026-09-08",
                "mood: 3\nsleep: 7\nhabits: [walk]\nevent: Started sertraline\nfor_session: [ask about sleep]\n",
            ),
            _entry(
                "2026-09-10",
                "mood: 4\nsleep: 8\nhabits: [walk]\nwins: [Cooked dinner]\nemotions: [hopeful, velvetquiet]\n",
            ),
            _entry("2026-09-11", "mood: 3\nsleep: 7\nhabits: [walk]\n"),
            _entry("2026-09-13", "mood: 4\nsleep: 8\nhabits: [walk]\nfor_session: [the wedding in October]\n"),
            _entry("2026-09-15", "mood: 3\nsleep: 7\nhabits: [walk]\n"),
            _entry(
                "2026-09-16",
                "title: Inbox zero\ndate: 2026-09-16 21:40\nmood: 4\nsleep: 7\nhabits: [walk]\nwins: [Answered emails]\n",
            ),
            _entry("2026-09-17", "mood: 3\nsleep: 6\n"),
            _entry("2026-09-18", "mood: 2\nsleep: 5\ncoping: [wrote it down]\n"),
            _entry("2026-09-19", "mood: 4\nsleep: 8\nhabits: [walk]\n"),
            _entry("2026-09-20", "mood: 4\nsleep: 8\nhabits: [walk]\nfor_session: [how to keep this going]\n"),
        ]
    )
    return files


def make_journal(root: Path) -> Path:
    return write_files(root, {"journal.yaml": JOURNAL_YAML, **entries()})
