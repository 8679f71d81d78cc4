"""cache: rendered HTML keyed by a hash of what made it; only what a build used is kept."""

from __future__ import annotations

import json
import os

import pytest

from generator import workers
from generator.body import markup
from generator.build import prepare
from generator.cache import HtmlCache, PhotoCache, cache_key
from tests.conftest import write_files


def kept_html(folder):
    """An HtmlCache's folder as one dict, with the shard each key sits in checked."""
    kept = {}
    for path in sorted(folder.glob("*.json")):
        shard = json.loads(path.read_text())
        assert shard and all(key[0] == path.stem or path.stem == "_" for key in shard), path.name
        kept.update(shard)
    return kept


def test_the_key_depends_on_every_part_and_their_boundaries():
    assert cache_key("body", "extra", "0.1") == cache_key("body", "extra", "0.1")
    assert (
        len(
            {
                cache_key("body", "extra", "0.1"),
                cache_key("body", "extra", "0.2"),
                cache_key("bod", "yextra", "0.1"),
                cache_key("body!", "extra", "0.1"),
            }
        )
        == 4
    )


def test_round_trip_keeps_only_what_was_used(tmp_path):
    folder = tmp_path / ".cairn" / "html"
    first = HtmlCache(folder)
    assert first.get("a1") is None
    first.put("a1", "<p>A</p>")
    first.put("b2", "<p>B</p>")
    first.put("zz", "<p>Z</p>")  # not hex: kept all the same
    first.save()
    assert sorted(p.name for p in folder.iterdir()) == ["_.json", "a.json", "b.json"]  # no temp file left
    assert kept_html(folder) == {"a1": "<p>A</p>", "b2": "<p>B</p>", "zz": "<p>Z</p>"}

    second = HtmlCache(folder)
    assert second.get("a1") == "<p>A</p>"
    assert second.get("zz") == "<p>Z</p>"
    second.save()  # "b2" was not used by this build: dropped, and its shard with it
    assert kept_html(folder) == {"a1": "<p>A</p>", "zz": "<p>Z</p>"}
    assert sorted(p.name for p in folder.iterdir()) == ["_.json", "a.json"]


def test_only_the_shards_that_changed_are_written(tmp_path):
    folder = tmp_path / "html"
    cache = HtmlCache(folder)
    cache.put("a1", "x")
    cache.put("b1", "y")
    cache.save()
    for path in folder.iterdir():
        os.utime(path, (1, 1))
    again = HtmlCache(folder)
    again.get("a1")
    again.put("b1", "y, edited")
    again.save()
    assert (folder / "a.json").stat().st_mtime == 1
    assert (folder / "b.json").stat().st_mtime != 1
    assert kept_html(folder) == {"a1": "x", "b1": "y, edited"}


def test_nothing_is_written_when_nothing_changed(tmp_path):
    folder = tmp_path / "html"
    cache = HtmlCache(folder)
    cache.put("a", "x")
    cache.save()
    os.utime(folder / "a.json", (1, 1))
    again = HtmlCache(folder)
    again.get("a")
    again.save()
    assert (folder / "a.json").stat().st_mtime == 1


def test_an_empty_build_writes_no_cache(tmp_path):
    HtmlCache(tmp_path / ".cairn" / "html").save()
    assert not (tmp_path / ".cairn").exists()


def test_the_single_file_an_older_cairn_kept_goes(tmp_path):
    write_files(tmp_path, {".cairn/html.json": '{"a": "<p>A</p>"}'})
    cache = HtmlCache(tmp_path / ".cairn" / "html")
    cache.put("a", "<p>A</p>")
    cache.save()
    assert sorted(p.name for p in (tmp_path / ".cairn").iterdir()) == ["html"]


@pytest.mark.parametrize("damaged", ["{not json", "[1, 2]", '"text"', '{"a": 3, "ab": "<p>B</p>"}', ""])
def test_a_damaged_cache_is_ignored(tmp_path, damaged):
    write_files(tmp_path, {"html/a.json": damaged, "html/b.json": '{"a": "<p>in the wrong shard</p>"}'})
    cache = HtmlCache(tmp_path / "html")
    assert cache.get("a") is None
    assert cache.get("ab") == ("<p>B</p>" if "<p>B</p>" in damaged else None)


def test_a_second_build_converts_nothing(journal, monkeypatch):
    folder = journal({"content/2026-11-23.md": "Some *text*.\n", "content/2026-11-24.md": "More.\n"})
    prepared = prepare(folder)
    files, cache = prepared.files, prepared.cache
    cache.save()  # as a build does after writing
    cached = kept_html(folder / ".cairn" / "html")
    assert sorted(cached.values()) == ["<p>More.</p>", "<p>Some <em>text</em>.</p>"]

    def no_conversion(text):
        raise AssertionError(f"converted again: {text!r}")

    monkeypatch.setattr(markup, "to_html", no_conversion)
    prepared = prepare(folder)
    again, cache = prepared.files, prepared.cache
    cache.save()  # as a build does after writing
    assert again == files


def test_an_edited_entry_is_converted_again_and_the_old_html_dropped(journal):
    folder = journal({"content/2026-11-23.md": "Old.\n"})
    prepare(folder).cache.save()
    (folder / "content" / "2026-11-23.md").write_text("New.\n")
    prepared = prepare(folder)
    files, cache = prepared.files, prepared.cache
    cache.save()  # as a build does after writing
    assert b"<p>New.</p>" in files["2026/11/23/index.html"]
    assert list(kept_html(folder / ".cairn" / "html").values()) == ["<p>New.</p>"]


def test_a_damaged_cache_does_not_break_the_build(journal):
    damaged = {f".cairn/html/{letter}.json": "[1, 2]" for letter in "0123456789abcdef"}
    folder = journal({"content/2026-11-23.md": "Text.\n", **damaged})
    prepared = prepare(folder)
    files, cache = prepared.files, prepared.cache
    cache.save()  # as a build does after writing
    assert b"<p>Text.</p>" in files["2026/11/23/index.html"]
    assert list(kept_html(folder / ".cairn" / "html").values()) == ["<p>Text.</p>"]


def _forbid_markdown(monkeypatch):
    def no_conversion(text):
        raise AssertionError(f"converted again: {text!r}")

    monkeypatch.setattr(markup, "to_html", no_conversion)


def test_a_template_change_redraws_pages_without_running_markdown_again(journal, monkeypatch):
    folder = journal({"content/2026-11-23.md": "Some *text*.\n"})
    prepare(folder, save_caches=True).cache.save()
    write_files(
        folder, {"templates/entry.html": '{% extends "builtin/entry.html" %}{% block footer %}Mine.{% endblock %}\n'}
    )
    _forbid_markdown(monkeypatch)
    files = prepare(folder).files
    assert b"Mine." in files["2026/11/23/index.html"]
    assert b"Some <em>text</em>." in files["2026/11/23/index.html"]


def test_a_settings_change_redraws_pages_without_running_markdown_again(journal, monkeypatch):
    folder = journal({"content/2026-11-23.md": "Some *text*.\n"})
    prepare(folder, save_caches=True).cache.save()
    write_files(folder, {"journal.yaml": "title: Another name\n"})
    _forbid_markdown(monkeypatch)
    assert b"Another name" in prepare(folder).files["2026/11/23/index.html"]


def test_a_new_cairn_version_converts_everything_again(journal, monkeypatch):
    folder = journal({"content/2026-11-23.md": "Some *text*.\n"})
    prepare(folder, save_caches=True).cache.save()
    monkeypatch.setattr(markup, "__version__", "99.0")
    converted = []
    real = markup.to_html
    monkeypatch.setattr(markup, "to_html", lambda text: converted.append(text) or real(text))
    prepare(folder)
    assert converted == ["Some *text*.\n"]


def test_the_converter_is_made_of_what_the_cache_key_names():
    """The key names `extra`; the converter is made of extra's parts, listed by hand."""
    import markdown
    from markdown.extensions import extra

    assert markup.EXTENSIONS == ("extra", "sane_lists")
    assert tuple(extra.extensions) == markup.EXTRA
    text = (
        "Term\n: its meaning\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSaid it.[^1]\n\n[^1]: Out loud.\n\n1. one\n* two\n"
    )
    named = markdown.Markdown(extensions=list(markup.EXTENSIONS), output_format="html")
    assert markup.converter().reset().convert(text) == named.convert(text)


def test_parallel_and_serial_conversion_give_the_same_bytes(journal, monkeypatch, tmp_path):
    bodies = {
        f"content/2026-11-{day:02d}.md": f"Day {day}: *a walk*, a [link](https://example.org/{day}).\n"
        for day in range(1, 29)
    }
    serial = prepare(journal(bodies)).files
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)  # every miss goes to the worker processes
    monkeypatch.setattr(workers, "cores", lambda: 2)  # even on a one-core machine
    other = tmp_path / "again"
    write_files(other, bodies)
    parallel = prepare(other).files
    assert parallel == serial


@pytest.mark.parametrize(
    "damage", ["truncated", "longer", "no header", "a header of another shape", "an empty file", "header only"]
)
def test_a_damaged_processed_photo_is_not_trusted(tmp_path, damage):
    cache = PhotoCache(tmp_path)
    cache.put("k", ((4, 3, b"display\nbytes"), (2, 1, b"thumb")))
    assert cache.get("k") == ((4, 3, b"display\nbytes"), (2, 1, b"thumb"))
    stored = (tmp_path / "k.photo").read_bytes()
    header = stored.split(b"\n", 1)[0]
    damaged = {
        "truncated": stored[:-2],
        "longer": stored + b"x",
        "no header": b"display\nbytesthumb",
        "a header of another shape": b'{"a": 1}\n' + stored.split(b"\n", 1)[1],
        "an empty file": b"",
        "header only": header + b"\n",
    }[damage]
    (tmp_path / "k.photo").write_bytes(damaged)
    assert PhotoCache(tmp_path).get("k") is None
