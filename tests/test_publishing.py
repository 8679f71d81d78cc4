"""Only what an entry shows is published, and never with its metadata.

A journal as an iPhone and an editor leave it: a HEIC and a TIFF with a GPS position,
an AVIF, notes and an editor's backup beside the entries, and a symbolic link to a
file outside the journal.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pillow_heif
from PIL import Image

from tests.conftest import run_cairn, snapshot, write_files

pillow_heif.register_heif_opener()

SECRET = b"bank pin 4921, the password is correct-horse"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.2N"/></rdf:RDF></x:xmpmeta>'
)


def _camera_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}  # the GPS position
    return exif.tobytes()


def photo(kind: str, size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    out = io.BytesIO()
    options: dict = {"exif": _camera_exif()}
    if kind in ("HEIF", "AVIF"):
        options["xmp"] = XMP
    Image.new("RGB", size, colour).save(out, kind, **options)
    data = out.getvalue()
    assert b"iPhone 15" in data  # the camera's metadata is really there to begin with
    return data


ENTRY = """---
title: Out on the heath
---
The first walk in weeks.

![the heath](heath.heic)

![an old scan](scan.tiff)

[the sky, in full](sky.avif)

The leaflet from the group: [leaflet](leaflet.pdf).
"""


def _journal(tmp_path: Path, entry: str = ENTRY) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "passwords.txt").write_bytes(SECRET)
    journal = write_files(
        tmp_path / "journal",
        {
            "content/2026/05/2026-05-02.md": entry,
            "content/2026/05/heath.heic": photo("HEIF"),
            "content/2026/05/scan.tiff": photo("TIFF", (40, 30), (10, 90, 200)),
            "content/2026/05/sky.avif": photo("AVIF", (32, 32), (90, 160, 230)),
            "content/2026/05/leaflet.pdf": b"%PDF-1.4 a leaflet\n",
            "content/2026/05/notes.txt": "What I did not say in the session.\n",
            "content/2026/05/2026-05-02.md.bak": "an older draft of the entry\n",
            "content/2026/05/heath.heic~": photo("HEIF"),
            "content/2026/05/draft-only.pdf": b"%PDF-1.4 linked from a draft\n",
            "content/2026/05/2026-05-03.md": "---\ndraft: true\n---\nSee [this](draft-only.pdf).\n",
        },
    )
    (journal / "content" / "2026" / "05" / "secret.txt").symlink_to(outside / "passwords.txt")
    (journal / "content" / "2026" / "05" / "linked.jpg").symlink_to(outside / "passwords.txt")
    return journal


def _no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(image.info)
    for trace in (b"iPhone", b"Apple", b"Exif", b"xmpmeta", b"GPS"):
        assert trace not in data


def test_only_what_an_entry_shows_is_published_and_without_metadata(tmp_path):
    journal = _journal(tmp_path)
    result = run_cairn("--journal", journal, "build")
    assert result.returncode == 0, result.stderr
    site = journal / "site"
    published = sorted(name for name in snapshot(site) if name.startswith("files/"))
    assert published == [
        "files/2026/05/heath-64.heic.jpg",
        "files/2026/05/leaflet.pdf",
        "files/2026/05/scan-40.tiff.jpg",
        "files/2026/05/sky-32.avif.jpg",
    ]
    for name in published:
        if name.endswith(".jpg"):
            _no_metadata((site / name).read_bytes())
    assert (site / "files/2026/05/leaflet.pdf").read_bytes() == b"%PDF-1.4 a leaflet\n"
    everything = b"".join(snapshot(site).values())
    for never in (SECRET, b"What I did not say", b"an older draft", b"linked from a draft"):
        assert never not in everything
    assert result.stderr.splitlines() == [
        "content/2026/05/2026-05-02.md:12: warning: links to leaflet.pdf, which is published as it is: "
        "unlike a photo, a file keeps its own metadata (author, dates, sometimes a place)"
    ]
    photos_page = (site / "photos" / "index.html").read_text(encoding="utf-8")
    for name in ("heath-64.heic.jpg", "scan-40.tiff.jpg", "sky-32.avif.jpg"):
        assert name in photos_page
    page = (site / "2026" / "05" / "02" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="../../../files/2026/05/sky-32.avif.jpg">the sky, in full</a>', page)


def test_a_link_out_of_the_journal_through_a_symbolic_link_stops_the_build(tmp_path):
    journal = _journal(tmp_path, ENTRY + "\nMy [list](secret.txt) and ![me](linked.jpg).\n")
    result = run_cairn("--journal", journal, "build")
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert problems == [
        "content/2026/05/2026-05-02.md:14: links to secret.txt, which is a symbolic link that leads out of content/; "
        "Cairn never follows it",
        "content/2026/05/2026-05-02.md:14: shows the image linked.jpg, which is a symbolic link that leads out of "
        "content/; Cairn never follows it",
        "Nothing was written: 2 problems to fix first.",
    ]
    assert not (journal / "site").exists()
    assert SECRET.decode() not in result.stderr + result.stdout


def test_drafts_publish_their_files_only_with_drafts(tmp_path):
    journal = _journal(tmp_path)
    assert run_cairn("--journal", journal, "build", "--drafts").returncode == 0
    assert (journal / "site" / "files" / "2026" / "05" / "draft-only.pdf").is_file()
    assert not (journal / "site" / "files" / "2026" / "05" / "notes.txt").exists()


def test_an_image_under_any_name_never_goes_out_with_its_metadata(tmp_path):
    camera_raw = photo("TIFF", (40, 30))  # an iPhone's ProRAW .dng is a TIFF inside
    journal = write_files(
        tmp_path / "journal",
        {
            "content/2026/05/2026-05-02.md": (
                "Old ones: ![scan](old.jpe) ![raw](IMG_0001.DNG) and [the raw file](IMG_0001.DNG).\n"
                "The [leaflet](leaflet.pdf).\n"
            ),
            "content/2026/05/old.jpe": photo("JPEG"),
            "content/2026/05/IMG_0001.DNG": camera_raw,
            "content/2026/05/leaflet.pdf": b"%PDF-1.4 a leaflet\n",
        },
    )
    result = run_cairn("--journal", journal, "build")
    assert result.returncode == 0, result.stderr
    site = journal / "site"
    published = sorted(name for name in snapshot(site) if name.startswith("files/"))
    assert published == ["files/2026/05/leaflet.pdf", "files/2026/05/old-64.jpe.jpg"]
    _no_metadata((site / "files/2026/05/old-64.jpe.jpg").read_bytes())
    assert camera_raw not in b"".join(snapshot(site).values())
    left_out = (
        "an image (TIFF) in a file whose name is not a photo's, so it is left out rather than published with "
        "its metadata (a place, the camera); save it as .jpg or .png to show it"
    )
    assert result.stderr.splitlines() == [
        f"content/2026/05/2026-05-02.md:1: warning: links to IMG_0001.DNG, {left_out}",
        f"content/2026/05/2026-05-02.md:1: warning: shows IMG_0001.DNG, {left_out}",
        "content/2026/05/2026-05-02.md:2: warning: links to leaflet.pdf, which is published as it is: "
        "unlike a photo, a file keeps its own metadata (author, dates, sometimes a place)",
    ]
    page = (site / "2026" / "05" / "02" / "index.html").read_text(encoding="utf-8")
    assert '<span class="missing">raw</span> and the raw file.' in page


INERT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="url(#g)"/></svg>'
)


def test_a_drawing_or_page_a_browser_would_run_stays_out_of_the_site(tmp_path):
    scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("https://example.org/?"+1)</script></svg>'
    handler = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="2"/></svg>'
    linking = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="https://example.org/track.png"/></svg>'
    )
    journal = write_files(
        tmp_path / "journal",
        {
            "content/2026/05/2026-05-02.md": (
                "A map: ![the park](park.svg)\n"
                "![a badge](badge.svg) and [the chart](chart.svg)\n"
                "![a logo](logo.svg)\n"
                "The [saved page](saved.html).\n"
            ),
            "content/2026/05/park.svg": INERT_SVG,
            "content/2026/05/badge.svg": scripted,
            "content/2026/05/chart.svg": handler,
            "content/2026/05/logo.svg": linking,
            "content/2026/05/saved.html": "<html><script>alert(1)</script></html>",
        },
    )
    result = run_cairn("--journal", journal, "build")
    assert result.returncode == 0, result.stderr
    site = journal / "site"
    assert sorted(name for name in snapshot(site) if name.startswith("files/")) == ["files/2026/05/park.svg"]
    everything = b"".join(snapshot(site).values())
    assert b"alert(1)" not in everything and b"example.org/track" not in everything
    run = "which could run or load when it is opened on its own, so it is left out; save it as .png to show it"
    assert result.stderr.splitlines() == [
        "content/2026/05/2026-05-02.md:1: warning: shows park.svg, which is published as it is: "
        "unlike a photo, a file keeps its own metadata (author, dates, sometimes a place)",
        f"content/2026/05/2026-05-02.md:2: warning: links to chart.svg, an SVG drawing with an onload handler, {run}",
        f"content/2026/05/2026-05-02.md:2: warning: shows badge.svg, an SVG drawing with a <script>, {run}",
        "content/2026/05/2026-05-02.md:3: warning: shows logo.svg, an SVG drawing with a link to "
        f"https://example.org/track.png, {run}",
        "content/2026/05/2026-05-02.md:4: warning: links to saved.html, a web page, which would run its scripts "
        "with the journal's own address when opened, so it is left out; save it as a PDF to publish it",
    ]
    page = (site / "2026" / "05" / "02" / "index.html").read_text(encoding="utf-8")
    assert '<span class="missing">a badge</span> and the chart' in page
    assert "The saved page." in page
