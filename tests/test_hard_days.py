"""The page for hard days, built with the real command line from a journal whose
hard stretches and coping are known (the March of test_stretches.py, as files).

Stretches: 2nd-3rd (2 days), 8th-11th (2 days written), 20th-22nd (3 days), all passed;
the 30th (low) has not passed so far. What helped: walk on 5 days, breathing on 2,
called Sam on 1.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from generator.crypt.keys import derive_key, load_or_create_salt, open_file
from generator.crypt.shell import site_names
from generator.serve.live import Preview, is_input
from generator.serve.watch import _Collector
from tests.conftest import run_cairn, write_files

MARCH = {
    "01": "mood: 4",
    "02": "mood: 2\ncoping: [walk]",
    "03": "mood: 1\ncoping: [called Sam, walk]",
    "04": "mood: 3\nwins: [Cooked]\ncoping: [walk]",
    "05": "mood: 4\ngratitude: [Sun on the stairs]",
    "08": "mood: 1\ncoping: [breathing]\nhope: true",
    "09": "coping: [walk]",
    "11": "mood: 2\ncoping: [tea]",
    "12": "mood: 3\nwins: [Made tea]",
    "13": "mood: 5\nwins: [Ran, Slept, Laughed]\nphotos: [{src: sea.png, hope: true}, bins.png]",
    "20": "mood: 1",
    "21": "mood: 1",
    "22": "mood: 2\ncoping: [breathing]",
    "23": "mood: 4",
    "24": "wins: [Kept out of view]\ncoping: [Walk]\nresurface: false",
    "25": "gratitude: [Rain]",
    "30": "mood: 2",
}
PLAN = """\
# My plan

## Warning signs

- I stop opening the post.

## People I can ask

- Priya, any time.

<script>alert("x")</script>
"""


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def march_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"journal.yaml": "title: March\n"}
    for day, fields in MARCH.items():
        files[f"content/2026/03/2026-03-{day}.md"] = f"---\n{fields}\n---\n"
    files["content/2026/03/2026-03-08.md"] += "![the kettle](kettle.png)\n"
    files["content/2026/03/2026-03-11.md"] = "---\nmood: 2\ncoping: [tea]\n---\n"
    files["content/2026/03/2026-03-11-evening.md"] = "---\ndate: 2026-03-11\nmood: 3\n---\n"
    for name, colour in (("kettle", "red"), ("sea", "blue"), ("bins", "grey")):
        files[f"content/2026/03/{name}.png"] = png(colour)
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """with_plan -> the journal folder, built once each way."""
    folders = {}
    for with_plan in (True, False):
        folder = write_files(tmp_path_factory.mktemp("march") / "journal", march_files())
        if with_plan:
            (folder / "plan.md").write_text(PLAN, encoding="utf-8")
        result = run_cairn("build", cwd=folder)
        assert result.returncode == 0, result.stderr
        folders[with_plan] = folder
    return folders


def main_of(folder: Path, url: str) -> str:
    raw = (folder / "site" / url / "index.html").read_text(encoding="utf-8")
    return raw.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def words(markup: str) -> str:
    spaced = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()
    return re.sub(r" ([.,;])", r"\1", spaced)


def test_the_plan_comes_first_in_the_persons_words_under_the_page_title(built):
    page = main_of(built[True], "hard-days")
    assert page.index("When it's hard") < page.index("My plan") < page.index("Hard stretches before")
    # Its headings sit under the page's h1: # becomes h2, ## becomes h3.
    assert re.search(r"<h2[^>]*>My plan</h2>", page) and re.search(r"<h3[^>]*>Warning signs</h3>", page)
    assert "I stop opening the post." in words(page) and "Priya, any time." in words(page)
    assert "No plan written yet" not in page
    assert "or a professional, can help" not in page  # the plan says it in the person's own words
    assert "<script" not in page and "alert(" not in page  # sanitised like an entry's raw HTML


def test_without_a_plan_the_page_says_gently_how_to_add_one(built):
    text = words(main_of(built[False], "hard-days"))
    assert (
        "No plan written yet. On a steadier day, you can write one in a file named plan.md beside journal.yaml" in text
    )
    assert "A journal started with cairn init has one ready to fill in." in text
    # Said once and quietly, where no plan of the person's own names who to ask.
    assert text.count("talking with someone you trust, or a professional, can help") == 1


def test_how_earlier_stretches_went_and_that_each_one_passed(built):
    text = words(main_of(built[False], "hard-days"))
    assert (
        "3 earlier hard stretches since March 2026. Most lasted 2 days; the longest, 3 days, "
        "began on Friday 20 March 2026. Each one passed." in text
    )
    assert "The one that began on Monday 30 March 2026 has not passed in your entries so far." in text
    assert '<a href="../2026/03/20/index.html">Friday 20 March 2026</a>' in main_of(built[False], "hard-days")


def test_what_helped_most_often_first(built):
    page = main_of(built[False], "hard-days")
    helped = page.split('id="helped-heading"', 1)[1].split("</section>", 1)[0]
    assert words(helped.split('<ul class="counted">', 1)[1]) == "walk 5 days breathing 2 days called Sam 1 day"


def test_words_from_after_earlier_dips_link_to_their_entries(built):
    page = main_of(built[False], "hard-days")
    found = re.findall(r"<li>(.*?) <a class=\"when\" href=\"([^\"]+)\">", page)
    assert [(words(text), link) for text, link in found] == [
        ("Grateful for: Rain", "../2026/03/25/index.html"),
        ("Made tea", "../2026/03/12/index.html"),
        ("Ran", "../2026/03/13/index.html"),
        ("Slept", "../2026/03/13/index.html"),
        ("Cooked", "../2026/03/04/index.html"),
        ("Grateful for: Sun on the stairs", "../2026/03/05/index.html"),
    ]
    assert "Kept out of view" not in page


def test_photos_marked_hope_newest_first_and_no_others(built):
    page = main_of(built[False], "hard-days")
    hope = page.split('id="hope-heading"', 1)[1]
    links = re.findall(r'<li><a href="([^"]+)"><img src="([^"]+)"', hope)
    assert [link for link, _ in links] == [
        "../2026/03/13/index.html",
        "../2026/03/08/index.html",
    ]  # sea, then the kettle
    assert len({src for _, src in links}) == 2 and 'alt="the kettle"' in hope


def test_every_page_links_to_it_and_home_once_when_the_newest_day_is_low(built):
    folder = built[False]
    pages = sorted((folder / "site").rglob("*.html"))
    assert len(pages) > 300  # entries, days, months, tags, feelings, on this day, progress, 404
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        footer = raw.split('<footer class="site">', 1)[1]
        assert re.search(r'href="[./]*hard-days/index.html"( aria-current="page")?>When it\'s hard</a>', footer), path
    home = main_of(folder, "")
    assert home.count('href="hard-days/index.html"') == 1  # the 30th, the newest day, is low


def test_home_has_no_link_when_the_newest_day_is_not_low(built, tmp_path):
    folder = shutil.copytree(built[False], tmp_path / "journal", ignore=shutil.ignore_patterns("site", ".cairn"))
    (folder / "content/2026/03/2026-03-31.md").write_text("---\nmood: 3\n---\n", encoding="utf-8")
    assert run_cairn("build", cwd=folder).returncode == 0
    assert "hard-days/" not in main_of(folder, "")


def test_progress_leads_with_the_same_stretches_by_month(built):
    text = words(main_of(built[False], "progress").split('<h2 id="bounce-heading">', 1)[1].split("</section>", 1)[0])
    assert text.startswith(
        "Bouncing back 3 earlier hard stretches since March 2026. Most lasted 2 days; the longest, 3 days,"
    )
    assert "Month Hard stretches Days each lasted March 2026 4 2, 2 and 3, and one not passed so far" in text
    assert "What helped on low days and the 2 days after walk 5 days breathing 2 days called Sam 1 day" in text


def test_progress_shows_the_latest_12_months_of_stretches_and_keeps_the_rest_folded(journal):
    """Ten years of hard stretches were a table of 110 months, screens of it on a phone."""
    files = {}
    for month in range(1, 15):  # January 2025 to February 2026, a stretch each month
        when = f"{2025 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"
        files[f"content/{when}-10.md"] = "---\nmood: 1\n---\n"
        files[f"content/{when}-12.md"] = "---\nmood: 4\n---\n"  # passed on the next day written: 1 day
    folder = journal(files)
    assert run_cairn("build", cwd=folder).returncode == 0
    section = main_of(folder, "progress").split('<h2 id="bounce-heading">', 1)[1].split("</section>", 1)[0]
    latest, earlier = section.split('<details class="earlier-months">')
    assert re.findall(r'<th scope="row">([^<]+)</th>', latest) == [
        *(f"{name} 2025" for name in ("March", "April", "May", "June", "July", "August", "September")),
        *(f"{name} 2025" for name in ("October", "November", "December")),
        "January 2026",
        "February 2026",
    ]
    assert "<caption>Hard stretches by the month they began, the latest 12 such months</caption>" in latest
    assert "<summary>Earlier months: 2 more, back to January 2025</summary>" in earlier
    assert words(earlier).startswith(
        "Earlier months: 2 more, back to January 2025 Hard stretches by the month they began, January 2025 to"
        " February 2025 Month Hard stretches Days each lasted January 2025 1 1 February 2025 1 1 A low day"
    )


def test_editing_only_the_plan_rebuilds_its_page(built, tmp_path):
    folder = shutil.copytree(built[True], tmp_path / "journal")
    (folder / "plan.md").write_text("# My plan\n\nRing Dan.\n", encoding="utf-8")
    assert run_cairn("build", cwd=folder).returncode == 0
    page = words(main_of(folder, "hard-days"))
    assert "Ring Dan." in page and "I stop opening the post." not in page


def test_a_plan_that_is_not_text_stops_the_build_at_its_line(built, tmp_path):
    folder = shutil.copytree(built[False], tmp_path / "journal", ignore=shutil.ignore_patterns("site", ".cairn"))
    (folder / "plan.md").write_bytes(b"# My plan\n\nRing \xff Dan.\n")
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 1 and "plan.md:3: is not UTF-8 text; save it as UTF-8" in result.stderr
    assert not (folder / "site").exists()


def test_an_encrypted_build_seals_the_page_and_the_plan(built, tmp_path):
    folder = shutil.copytree(built[True], tmp_path / "journal", ignore=shutil.ignore_patterns("site", ".cairn"))
    env = {**os.environ, "CAIRN_PASSPHRASE": "a long passphrase for March"}
    result = run_cairn("build", "--encrypt", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    for path in (folder / "site").rglob("*"):
        if path.is_file():
            assert b"opening the post" not in path.read_bytes(), path
    # With the passphrase, the sealed page opens to the page for hard days with the plan.
    key = derive_key(env["CAIRN_PASSPHRASE"], load_or_create_salt(folder))
    name = site_names({"hard-days/index.html": b""}, key)["hard-days/index.html"]
    kind, page = open_file(key, (folder / "site" / name).read_bytes(), name)
    assert kind == "text/html" and b"When it's hard" in page and b"I stop opening the post." in page


def test_serve_rebuilds_when_the_plan_is_saved(built, tmp_path):
    watcher = _Collector(tmp_path, lambda path: None)
    assert watcher.wants(str(tmp_path / "plan.md"))
    assert not watcher.wants(str(tmp_path / "notes.md"))  # other files at the root are not inputs
    assert is_input(tmp_path, tmp_path / "plan.md") == "plan"  # not an entry: the whole site again
    preview = Preview(shutil.copytree(built[True], tmp_path / "journal", ignore=shutil.ignore_patterns("site")))
    assert not preview.rebuild().errors
    page = preview.site.pages["hard-days/index.html"]
    assert "I stop opening the post." in page.context["plan_html"]
