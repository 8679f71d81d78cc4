"""Private entries: `private: true`, or a tag named in `private_tags`, marks an entry private."""

from __future__ import annotations

from generator.config import load_config
from generator.content import load_entries, read_entry
from generator.errors import BuildFailed
from generator.model import Config

DAY = "content/2026/11/2026-11-23.md"


def test_private_true_marks_the_entry_and_the_default_is_not_private():
    marked, problems = read_entry(DAY, b"---\nprivate: true\n---\nOnly for me.\n", Config())
    plain, _ = read_entry(DAY, b"---\nmood: 3\n---\n", Config())
    assert problems == []
    assert marked is not None and marked.private is True
    assert plain is not None and plain.private is False


def test_a_private_tag_makes_every_entry_with_it_private_whatever_its_case(journal):
    folder = journal(
        {
            "journal.yaml": "private_tags: [family]\n",
            "content/2026-11-01.md": "---\ntags: [Family, walk]\n---\nDinner at Mum's.\n",
            "content/2026-11-02.md": "---\ntags: [walk]\n---\nA walk.\n",
            "content/2026-11-03.md": "---\ntags: [family]\nprivate: false\n---\nStill private: the tag says so.\n",
        }
    )
    config = load_config(folder)
    assert config.private_tags == ("family",)
    loaded = load_entries(folder, config)
    assert [(e.date.day, e.private) for e in loaded.entries] == [(1, True), (2, False), (3, True)]


def test_private_must_be_true_or_false_and_private_tags_a_list(journal):
    _, problems = read_entry(DAY, b"---\nmood: 3\nprivate: maybe\n---\n", Config())
    assert [str(p) for p in problems] == [f"{DAY}:3: private must be true or false (got 'maybe')"]
    folder = journal({"journal.yaml": "title: Mine\nprivate_tags: {family: 1}\n"})
    try:
        load_config(folder)
    except BuildFailed as failed:
        assert [str(e) for e in failed.errors] == [
            "journal.yaml:2: private_tags must be a list of tags, for example [family, health]"
        ]
    else:
        raise AssertionError("a mapping is not a list of tags")


def test_events_and_session_topics_are_read_as_lists():
    text = b"---\nevent: Started sertraline 50 mg\nfor_session: [ask about sleep, the wedding]\n---\n"
    entry, problems = read_entry(DAY, text, Config())
    assert problems == []
    assert entry is not None
    assert entry.events == ("Started sertraline 50 mg",)
    assert entry.for_session == ("ask about sleep", "the wedding")
    several, _ = read_entry(DAY, b"---\nevent: [Moved flat, New job]\n---\n", Config())
    assert several is not None and several.events == ("Moved flat", "New job")
