"""Share editions: `cairn share NAME` and `--dry-run` on a journal with a planted word in
every place the therapist share leaves out (tests/share_fixture.py)."""

from __future__ import annotations

import contextlib
import html
import os
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from generator.build import prepare
from generator.crypt.keys import derive_key, load_or_create_salt, open_file
from generator.errors import BuildFailed
from generator.share.build import plan_share, share_edition
from tests.conftest import run_cairn, snapshot
from tests.share_fixture import PLANTED, make_journal

PASSPHRASE = "slow river, steady stones"
FRIEND_PASSPHRASE = "another path for another friend"


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    return {**env, **values}


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_journal(tmp_path_factory.mktemp("share") / "journal")
    for name, passphrase in (("therapist", PASSPHRASE), ("friend", FRIEND_PASSPHRASE)):
        result = run_cairn("--journal", folder, "share", name, env=_env(CAIRN_SHARE_PASSPHRASE=passphrase))
        assert result.returncode == 0, result.stderr
    return folder


def _key(journal: Path, name: str, passphrase: str) -> bytes:
    return derive_key(passphrase, load_or_create_salt(journal, f".cairn-share-salt-{name}"))


def opened(journal: Path, name: str, passphrase: str) -> dict[str, str]:
    """Every file of the built share, decrypted where sealed, by its name in the share."""
    key = _key(journal, name, passphrase)
    folder = journal / "shares" / name
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data, name = path.read_bytes(), path.relative_to(folder).as_posix()
        with contextlib.suppress(ValueError):  # the theme and robots.txt are not sealed
            data = open_file(key, data, name)[1]
        files[name] = data.decode("utf-8", errors="replace")
    return files


def words(page: str) -> str:
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()
    return re.sub(r" ([,.;:])", r"\1", text)


def headings(files: dict[str, str]) -> list[str]:
    found = [re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S) for name, text in files.items() if name.endswith(".html")]
    return sorted(words(m.group(1)) for m in found if m)


@pytest.fixture(scope="module")
def therapist(journal: Path) -> dict[str, str]:
    return opened(journal, "therapist", PASSPHRASE)


def test_dry_run_lists_exactly_what_would_go_out_and_what_stays(journal: Path):
    before = snapshot(journal)
    result = run_cairn("--journal", journal, "share", "therapist", "--dry-run", env=_env())
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    start = out.index("Entries that would go out (14), each with only these fields:")
    assert out[start + 1 : start + 16] == [
        "  2026-09-01  Glimmerstone morning (the title stays home): mood, metrics (sleep), wins (1), habits (1)",
        "  2026-09-02  Wednesday 2 September 2026: mood, metrics (sleep), coping (1)",
        "  2026-09-03  Thursday 3 September 2026: mood, metrics (sleep), coping (1)",
        "  2026-09-04  Friday 4 September 2026: mood, metrics (sleep), habits (1), coping (1)",
        "  2026-09-08  Tuesday 8 September 2026: mood, metrics (sleep), habits (1), events (1), for_session (1)",
        "  2026-09-10  Thursday 10 September 2026: mood, metrics (sleep), wins (1), habits (1)",
        "  2026-09-11  Friday 11 September 2026: mood, metrics (sleep), habits (1)",
        "  2026-09-13  Sunday 13 September 2026: mood, metrics (sleep), habits (1), for_session (1)",
        "  2026-09-15  Tuesday 15 September 2026: mood, metrics (sleep), habits (1)",
        "  2026-09-16 21:40  Inbox zero (the title stays home): mood, metrics (sleep), wins (1), habits (1)",
        "  2026-09-17  Thursday 17 September 2026: mood, metrics (sleep)",
        "  2026-09-18  Friday 18 September 2026: mood, metrics (sleep), coping (1)",
        "  2026-09-19  Saturday 19 September 2026: mood, metrics (sleep), habits (1)",
        "  2026-09-20  Sunday 20 September 2026: mood, metrics (sleep), habits (1), for_session (1)",
        "",
    ]
    pages = out.index("Pages that would go out:")
    assert out[pages + 1 : pages + 7] == [
        "  home and not-found (2 pages): / /404.html",
        "  entry pages (14 pages): one for each entry above",
        "  months (2 pages): /2026/ /2026/09/",
        "  progress (1 page): /progress/",
        "  wins (1 page): /wins/",
        "  review (3 pages): /reviews/ /reviews/2026-09-01-to-2026-09-14/ /reviews/2026-09-15-to-2026-09-20/",
    ]
    left = out.index("Entries left out (10):")
    assert out[left + 8 : left + 11] == [
        "  2026-09-05  Quillmarrow: private",
        "  2026-09-06  Sunday 6 September 2026: private (tag 'kinfolk')",
        "  2026-09-07  Tinderlatch meeting: tagged 'officeplace' (exclude_tags)",
    ]
    assert out[left + 1] == "  2026-08-25  Tuesday 25 August 2026: before the share's span (from 2026-09-01)"
    assert out[-2:] == [
        "Left out of every entry (not in show): title, body, tags, gratitude, emotions, photos",
        "Pages left out (not in pages): timeline, tags, emotions, on-this-day, photos, search, hard-days",
    ]
    assert snapshot(journal) == before  # a dry run writes nothing


def test_no_planted_word_of_anything_left_out_is_in_the_decrypted_share(therapist: dict[str, str]):
    everything = " ".join(therapist.values()).casefold()
    assert [word for word in PLANTED if word in everything] == []
    assert all(name.count("/") <= 1 for name in therapist)  # pages at the root, opaque names


def test_the_share_holds_the_chosen_pages_only(therapist: dict[str, str]):
    assert headings(therapist) == sorted(
        [
            "Home",
            "This page is not here",
            "Progress",
            "Wins",
            "Reviews",
            "2026",
            "September 2026",
            "Between sessions: 1 Sep 2026 to 14 Sep 2026",
            "Since the last session: 15 Sep 2026 to 20 Sep 2026",
            "Tuesday 1 September 2026",
            "Wednesday 2 September 2026",
            "Thursday 3 September 2026",
            "Friday 4 September 2026",
            "Tuesday 8 September 2026",
            "Thursday 10 September 2026",
            "Friday 11 September 2026",
            "Sunday 13 September 2026",
            "Tuesday 15 September 2026",
            "Wednesday 16 September 2026",
            "Thursday 17 September 2026",
            "Friday 18 September 2026",
            "Saturday 19 September 2026",
            "Sunday 20 September 2026",
        ]
    )
    assert "static/search-index.js" not in therapist
    home = words(therapist["index.html"])
    menu = re.search(r'<nav aria-label="Journal">(.*?)</nav>', therapist["index.html"], re.S)
    assert menu is not None and words(menu.group(1)) == "Menu Home Progress Wins Reviews"
    assert "Robin Test" in home and "For my sessions" in home  # the share's own title


def test_the_share_shows_every_chosen_figure(therapist: dict[str, str]):
    text = {name: words(page) for name, page in therapist.items() if name.endswith(".html")}
    review = next(t for t in text.values() if t.startswith("Review, 1 Sep 2026 to 14 Sep 2026"))
    # Without 2026-09-05 (private), 09-06 (private tag) and 09-07 (excluded tag): 8 days,
    # moods 3 2 1 2 3 4 3 4, so the median is 3 and three days are at 2 or lower.
    assert "Entries on 8 of 14 days; the median mood was 3 of 5: okay over 8 days with a mood, from 1 to 4." in review
    assert "3 of 8 days with a mood were at 2 of 5 or lower; 2 wins were written down." in review
    assert "Went for a walk on 6 of 14 days" in review
    assert "Thursday 3 September 2026, mood 1 of 5. What helped that day: breathing exercise." in review
    assert "The day after: went for a walk." in review
    assert "ask about sleep 8 Sep 2026 the wedding in October 13 Sep 2026" in review
    assert "8 Sep 2026: Started sertraline" in review
    wins = next(t for t in text.values() if t.startswith("Wins"))
    assert all(win in wins for win in ("Made tea", "Cooked dinner", "Answered emails"))
    progress = next(t for t in text.values() if t.startswith("Progress"))
    # In the share only 4 days with a mood come before the event: no before-and-after figure.
    assert "8 Sep 2026: Started sertraline" in progress and "before (" not in progress
    entry = next(t for t in text.values() if t.startswith("Thursday 3 September 2026"))
    assert "breathing exercise" in entry and "Sleep" in entry


def _target(page: str, href: str) -> str | None:
    href = href.split("#", 1)[0].split("?", 1)[0]
    if not href or re.match(r"^[a-z]+:", href):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return "index.html" if target == "." else target + ("/index.html" if href.endswith("/") else "")


def test_every_link_in_the_share_leads_to_a_file_of_the_share(therapist: dict[str, str]):
    broken = []
    for name, page in therapist.items():
        if name.endswith(".html"):
            for href in re.findall(r'<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"]*)"', page):
                target = _target(name, html.unescape(href))
                if target is not None and target not in therapist:
                    broken.append(f"{name}: {href}")
    assert broken == []


def test_two_shares_with_their_own_passphrases_cannot_open_each_other(journal: Path):
    friend = opened(journal, "friend", FRIEND_PASSPHRASE)
    text = " ".join(words(p) for n, p in friend.items() if n.endswith(".html"))
    # `last: 7 days` from the newest entry (20 September): 14 to 20 September, with titles.
    assert "Answered emails" in text and "Inbox zero" in text and "Made tea" not in text
    assert headings(friend).count("Wins") == 1 and "Progress" not in headings(friend)
    wrong = _key(journal, "friend", PASSPHRASE)
    other = _key(journal, "therapist", FRIEND_PASSPHRASE)
    home = (journal / "shares" / "friend" / "index.html").read_bytes()
    with pytest.raises(InvalidTag):
        open_file(wrong, home, "index.html")
    with pytest.raises(InvalidTag):
        open_file(other, (journal / "shares" / "therapist" / "index.html").read_bytes(), "index.html")
    salts = {(journal / f".cairn-share-salt-{n}").read_text() for n in ("therapist", "friend")}
    assert len(salts) == 2 and not (journal / ".cairn-salt").exists()  # never the journal's salt


def test_the_leak_check_names_a_left_out_word_found_in_the_edition(journal: Path):
    share = share_edition(journal, "therapist")
    planned = plan_share(journal, share)
    assert planned.selection is not None
    files = {"a.html": b"<p>Made tea, then tinderlatch again.</p>"}
    problems = [str(p) for p in share.left_out_problems(files, planned.selection, journal)]
    assert problems == ["a.html: share 'therapist' shows words of what it leaves out: tinderlatch"]


def test_a_share_refuses_the_journal_s_own_passphrase_and_an_unknown_name(journal: Path):
    same = run_cairn(
        "--journal",
        journal,
        "share",
        "friend",
        env=_env(CAIRN_SHARE_PASSPHRASE=PASSPHRASE, CAIRN_PASSPHRASE=PASSPHRASE),
    )
    assert same.returncode == 2
    assert "A share needs a passphrase of its own, not the journal's" in same.stderr
    unknown = run_cairn("--journal", journal, "share", "therapst", env=_env())
    assert unknown.returncode == 2
    assert unknown.stderr == "cairn: no share named 'therapst' in journal.yaml (did you mean 'therapist'?)\n"


def test_every_mistake_in_a_share_is_reported_at_its_line_with_a_suggestion(tmp_path: Path):
    folder = tmp_path / "j"
    (folder / "content").mkdir(parents=True)
    (folder / "journal.yaml").write_text(
        "title: Mine\n"
        "shares:\n"
        "  therapist:\n"
        "    from: next week\n"
        "    show: [mood, metric, wins,\n"
        "           gratitud]\n"
        "    pages: [review, progres]\n"
        "    exclude_tag: [work]\n"
        "  Friend Sam:\n"
        "    last: a while\n",
        encoding="utf-8",
    )
    result = run_cairn("--journal", folder, "check", env=_env())
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:-1] == [
        "journal.yaml:4: share 'therapist': from must be a date like 2026-09-01 (got 'next week')",
        "journal.yaml:5: share 'therapist': unknown field 'metric' in show (did you mean 'metrics'?)",
        "journal.yaml:6: share 'therapist': unknown field 'gratitud' in show (did you mean 'gratitude'?)",
        "journal.yaml:7: share 'therapist': unknown page 'progres' in pages (did you mean 'progress'?)",
        "journal.yaml:8: share 'therapist' has unknown setting 'exclude_tag' (did you mean 'exclude_tags'?)",
        "journal.yaml:9: share name 'Friend Sam' must be lower-case letters, digits, - or _ (it names a folder)",
    ]


def test_search_tags_and_timeline_cover_exactly_what_a_share_includes(journal: Path):
    # `notes`: everything up to 10 September, with titles, text and tags, but not the
    # entry tagged lanternmoss (3 September; the tag is matched whatever its case).
    share = share_edition(journal, "notes")
    files = prepare(journal, share=share).files  # unsealed, to read; the leak check still runs
    pages = {name.split("/")[0] for name in files if name.endswith(".html") and not re.match(r"\d{4}/", name)}
    assert sorted(pages) == ["404.html", "index.html", "search", "tags", "timeline"]
    index = (files["static/search-index.js"] or b"").decode("utf-8").casefold()
    assert "tinderlatch" in index and "zephyrwold" in index  # kept: the text of 7 September and of August
    assert all(word not in index for word in ("hollowfen", "quillmarrow", "plumbrook", "lanternmoss", "kinfolk"))
    timeline = words((files["timeline/index.html"] or b"").decode("utf-8"))
    assert "Tinderlatch meeting" in timeline and "Glimmerstone morning" in timeline
    assert "3 September" not in timeline and "11 September" not in timeline and "Inbox zero" not in timeline
    tags = words((files["tags/index.html"] or b"").decode("utf-8"))
    assert "officeplace" in tags and "lanternmoss" not in tags and "kinfolk" not in tags
    planned = plan_share(journal, share)
    assert planned.selection is not None
    reasons = {str(item.entry.date): item.reason for item in planned.selection.left_out}
    assert reasons == {
        "2026-09-03": "tagged 'lanternmoss' (exclude_tags)",
        "2026-09-05": "private",
        "2026-09-06": "private (tag 'kinfolk')",
        **{f"2026-09-{d}": "after the share's span (to 2026-09-10)" for d in (11, 13, 15, 16, 17, 18, 19, 20)},
    }


def test_the_leak_check_reads_the_sealed_share_as_its_reader_will_after_decrypting(
    journal: Path, monkeypatch: pytest.MonkeyPatch
):
    # A sealing step that slipped a left-out word into a page would pass a check of the
    # files before sealing; the check of the edition opened with the share's key finds it.
    import generator.crypt as crypt

    real_seal_site = crypt.seal_site

    def leaky_seal_site(files, key, salt, iterations, **options):
        home = files["index.html"].replace(b"</main>", b"<p>tinderlatch</p></main>")
        return real_seal_site({**files, "index.html": home}, key, salt, iterations, **options)

    monkeypatch.setattr(crypt, "seal_site", leaky_seal_site)
    share = share_edition(journal, "therapist")
    with pytest.raises(BuildFailed) as failed:
        prepare(journal, passphrase=PASSPHRASE, share=share)
    assert [str(p) for p in failed.value.errors] == [
        "index.html: share 'therapist' shows words of what it leaves out: tinderlatch"
    ]


def test_a_new_passphrase_for_one_share_leaves_the_other_shares_as_they_were(tmp_path: Path):
    folder = make_journal(tmp_path / "journal")
    for name, passphrase in (("therapist", PASSPHRASE), ("friend", FRIEND_PASSPHRASE)):
        result = run_cairn("--journal", folder, "share", name, env=_env(CAIRN_SHARE_PASSPHRASE=passphrase))
        assert result.returncode == 0, result.stderr
    friend_before = snapshot(folder / "shares" / "friend")
    salts_before = {n: (folder / f".cairn-share-salt-{n}").read_bytes() for n in ("therapist", "friend")}
    renewed = "a fresh passphrase for the therapist"
    result = run_cairn("--journal", folder, "share", "therapist", env=_env(CAIRN_SHARE_PASSPHRASE=renewed))
    assert result.returncode == 0, result.stderr
    assert snapshot(folder / "shares" / "friend") == friend_before
    assert {n: (folder / f".cairn-share-salt-{n}").read_bytes() for n in ("therapist", "friend")} == salts_before
    home = (folder / "shares" / "therapist" / "index.html").read_bytes()
    with pytest.raises(InvalidTag):
        open_file(_key(folder, "therapist", PASSPHRASE), home, "index.html")
    assert b"For my sessions" in open_file(_key(folder, "therapist", renewed), home, "index.html")[1]
    assert "Answered emails" in " ".join(opened(folder, "friend", FRIEND_PASSPHRASE).values())


def test_a_share_refuses_a_passphrase_that_already_opens_the_journal_s_site_or_another_share(tmp_path: Path):
    folder = make_journal(tmp_path / "journal")
    journal_passphrase = "the journal's very own words"
    built = run_cairn("--journal", folder, "build", "--encrypt", env=_env(CAIRN_PASSPHRASE=journal_passphrase))
    assert built.returncode == 0, built.stderr
    friend = run_cairn("--journal", folder, "share", "friend", env=_env(CAIRN_SHARE_PASSPHRASE=FRIEND_PASSPHRASE))
    assert friend.returncode == 0, friend.stderr
    # Typed at the prompt, the journal's passphrase is not in CAIRN_PASSPHRASE: the site itself tells.
    for passphrase, what in (
        (journal_passphrase, "the journal's own encrypted site"),
        (FRIEND_PASSPHRASE, "the share 'friend'"),
    ):
        refused = run_cairn("--journal", folder, "share", "therapist", env=_env(CAIRN_SHARE_PASSPHRASE=passphrase))
        assert refused.returncode == 2
        assert refused.stderr.startswith(f"cairn: This passphrase already opens {what} (")
        assert "Nothing was built" in refused.stderr
        assert not (folder / "shares" / "therapist").exists()
    again = run_cairn("--journal", folder, "share", "friend", env=_env(CAIRN_SHARE_PASSPHRASE=FRIEND_PASSPHRASE))
    assert again.returncode == 0, again.stderr  # its own passphrase again: fine
    own = run_cairn("--journal", folder, "share", "therapist", env=_env(CAIRN_SHARE_PASSPHRASE=PASSPHRASE))
    assert own.returncode == 0, own.stderr


def test_the_page_for_hard_days_goes_out_only_in_a_share_that_names_it(journal: Path, tmp_path: Path):
    folder = shutil.copytree(journal, tmp_path / "journal", ignore=shutil.ignore_patterns("shares", "site", ".cairn"))
    (folder / "plan.md").write_text("# My plan\n\n## People I can ask\n\n- Priya, any time.\n", encoding="utf-8")
    settings = folder / "journal.yaml"
    settings.write_text(settings.read_text().replace("pages: [wins]\n", "pages: [wins, hard-days]\n"))
    named = prepare(folder, share=share_edition(folder, "friend")).files
    page = words((named["hard-days/index.html"] or b"").decode("utf-8"))
    assert page.startswith("When it's hard") and "Priya, any time." in page
    assert 'href="hard-days/index.html">When it\'s hard</a>' in (named["index.html"] or b"").decode("utf-8")
    for name in ("therapist", "notes"):
        files = prepare(folder, share=share_edition(folder, name)).files
        assert not any(path.startswith("hard-days/") for path in files), name
        pages = {path: (data or b"").decode("utf-8") for path, data in files.items() if path.endswith(".html")}
        # Not even the words of a link to it: no footer line, no line on progress, nothing to wonder at.
        assert [path for path, text in pages.items() if "When it's hard" in text or "harder day" in text] == []
        assert all("Priya" not in text for text in pages.values())


def test_without_titles_the_entries_of_one_day_still_read_apart():
    """A share that leaves titles at home keeps the date-and-time names of untitled entries."""
    import datetime as dt

    from generator.index import assign_urls
    from generator.model import Entry
    from generator.share.select import strip

    day = dt.date(2026, 9, 1)
    entries = assign_urls(
        [
            Entry(source="content/a.md", date=day, title="1 September", slug="", time=dt.time(8)),
            Entry(source="content/b.md", date=day, title="1 September", slug="b", time=dt.time(21)),
            Entry(source="content/c.md", date=day, title="Glimmerstone", slug="c", has_title=True),
        ]
    )
    assert [strip(e, ("mood",)).title for e in entries] == [
        "Tuesday 1 September 2026",  # its own title stays home
        "Tuesday 1 September 2026 at 08:00",
        "Tuesday 1 September 2026 at 21:00",
    ]
