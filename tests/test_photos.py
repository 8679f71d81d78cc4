"""Photos are published upright, resized and with no metadata; originals stay as they were."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from generator import cache as cache_module
from generator.body.photos import (
    PublishedPhoto,
    Rendition,
    is_photo,
    publish_photos,
    srcset,
)
from generator.model import Config, Entry, Page
from generator.render import make_environment, render_page
from generator.urls import PAGE_MARK
from tests.conftest import write_files

RED = (255, 0, 0)


def gps_jpeg(size=(3000, 2000), orientation=6) -> bytes:
    """A camera photo: location, camera, an orientation tag, an ICC profile and a red top-left corner."""
    image = Image.new("RGB", size, (40, 120, 200))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 5, size[1] // 5), fill=RED)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PocketCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 28.0, 38.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, icc_profile=icc, quality=95)
    return out.getvalue()


def png(size, mode="RGBA", colour=(10, 200, 30, 128)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, "PNG")
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.fixture
def folder(tmp_path: Path):
    def make(files: dict[str, bytes]) -> Path:
        return write_files(tmp_path / "journal", files)

    return make


def test_a_photo_with_gps_exif_comes_out_with_none(folder, tmp_path):
    original = gps_jpeg()
    journal = folder({"content/2026/05/park.jpg": original})
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test means it

    files, published, problems = publish_photos(journal, ["content/2026/05/park.jpg"], tmp_path / "cache")

    assert problems == {}
    photo = published["content/2026/05/park.jpg"]
    assert photo == PublishedPhoto(
        "content/2026/05/park.jpg",
        Rendition("files/2026/05/park-1067.jpg", 1067, 1600),
        Rendition("files/2026/05/park-320.jpg", 320, 480),
    )
    assert set(files) == {photo.display.path, photo.thumb.path}
    for rendition in (photo.display, photo.thumb):
        data = files[rendition.path]
        image = opened(data)
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
        # No APP1 (EXIF, XMP) or APP2 (ICC) segment anywhere: 0xFF is never followed
        # by 0xE1 or 0xE2 inside compressed JPEG data, so a plain search is exact.
        assert b"\xff\xe1" not in data and b"\xff\xe2" not in data
        assert b"PocketCam" not in data and b"Exif" not in data
        # Turned upright (orientation 6: a quarter turn clockwise) and resized.
        assert image.size == (rendition.width, rendition.height)
        assert image.width < image.height and max(image.size) <= 1600
        assert _near(image.convert("RGB").getpixel((image.width - 3, 2)), RED)
        assert not _near(image.convert("RGB").getpixel((2, 2)), RED)
    assert max(opened(files[photo.thumb.path]).size) == 480
    assert (journal / "content/2026/05/park.jpg").read_bytes() == original


def _near(pixel, colour, slack=40) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour, strict=True))


def test_small_images_are_not_upscaled_and_png_stays_png(folder, tmp_path):
    journal = folder({"content/dot.png": png((300, 200)), "content/wide.png": png((2000, 500))})
    files, published, problems = publish_photos(journal, ["content/dot.png", "content/wide.png"], tmp_path / "cache")
    assert problems == {}
    dot = published["content/dot.png"]
    assert dot.display == dot.thumb == Rendition("files/dot-300.png", 300, 200)
    assert opened(files["files/dot-300.png"]).format == "PNG"
    assert opened(files["files/dot-300.png"]).mode == "RGBA"  # transparency kept
    wide = published["content/wide.png"]
    assert (wide.display.width, wide.display.height, wide.thumb.width, wide.thumb.height) == (1600, 400, 480, 120)
    assert srcset(dot, "../..") == "../../files/dot-300.png 300w"
    assert srcset(wide, "../../") == "../../files/wide-480.png 480w, ../../files/wide-1600.png 1600w"
    assert srcset(wide, "") == "files/wide-480.png 480w, files/wide-1600.png 1600w"
    assert srcset(wide, "./") == "./files/wide-480.png 480w, ./files/wide-1600.png 1600w"
    assert srcset(dot, PAGE_MARK) == f"{PAGE_MARK}files/dot-300.png 300w"


def test_srcset_survives_spaces_and_commas_in_names():
    photo = PublishedPhoto(
        "content/a b,c.png", Rendition("files/a b,c-1600.png", 1600, 900), Rendition("files/a b,c-480.png", 480, 270)
    )
    assert srcset(photo, "..") == "../files/a%20b%2Cc-480.png 480w, ../files/a%20b%2Cc-1600.png 1600w"


def test_unreadable_and_missing_images_are_problems_not_crashes(folder, tmp_path):
    journal = folder({"content/notes.jpg": b"this is text, not a photo\n", "content/ok.png": png((10, 10))})
    sources = ["content/notes.jpg", "content/gone.jpg", "content/ok.png", "content/scan.pdf"]
    _files, published, problems = publish_photos(journal, sources, tmp_path / "cache")
    assert problems["content/notes.jpg"] == "cannot be read as an image (cannot identify image file)"
    assert problems["content/gone.jpg"] == "is missing"
    assert problems["content/scan.pdf"].startswith("is not a kind of photo")
    assert list(published) == ["content/ok.png"]


def test_the_same_original_gives_the_same_bytes(folder, tmp_path):
    journal = folder({"content/park.jpg": gps_jpeg(), "content/dot.png": png((900, 900))})
    sources = ["content/park.jpg", "content/dot.png"]
    first = publish_photos(journal, sources, tmp_path / "one")
    second = publish_photos(journal, sources, tmp_path / "two")  # no cache shared
    assert first == second


def test_a_rebuild_with_nothing_changed_decodes_nothing(folder, tmp_path, monkeypatch):
    journal = folder({"content/park.jpg": gps_jpeg(), "content/dot.png": png((900, 900))})
    sources = ["content/park.jpg", "content/dot.png"]
    cache = tmp_path / "cache"
    first = publish_photos(journal, sources, cache)

    def refuse(*args, **kwargs):
        raise AssertionError("decoded an image that was cached")

    monkeypatch.setattr(Image, "open", refuse)
    assert publish_photos(journal, sources, cache) == first


def test_a_changed_original_is_processed_again(folder, tmp_path):
    journal = folder({"content/park.png": png((800, 600), colour=(0, 0, 255, 255))})
    cache = tmp_path / "cache"
    publish_photos(journal, ["content/park.png"], cache)
    (journal / "content/park.png").write_bytes(png((800, 600), colour=(255, 0, 0, 255)))
    files, _, _ = publish_photos(journal, ["content/park.png"], cache)
    assert opened(files["files/park-800.png"]).getpixel((5, 5))[:3] == RED


def test_a_stat_note_is_trusted_only_while_the_file_is_unchanged(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "_SETTLE_NS", 0)  # note files as soon as they are seen
    journal = folder({"content/a.png": png((64, 64), colour=(0, 0, 255, 255))})
    cache = tmp_path / "cache"
    publish_photos(journal, ["content/a.png"], cache)
    assert (cache / "originals.json").exists()
    (journal / "content/a.png").write_bytes(png((64, 64), colour=(255, 0, 0, 255)))
    files, _, _ = publish_photos(journal, ["content/a.png"], cache)
    assert opened(files["files/a-64.png"]).getpixel((5, 5))[:3] == RED


def test_animated_gif_keeps_its_frames(folder, tmp_path):
    frames = [Image.new("RGB", (900, 300), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0)
    journal = folder({"content/wave.gif": out.getvalue()})
    files, published, _ = publish_photos(journal, ["content/wave.gif"], tmp_path / "cache")
    thumb = opened(files[published["content/wave.gif"].thumb.path])
    assert (thumb.format, thumb.size, thumb.n_frames) == ("GIF", (480, 160), 3)


def test_only_the_photos_asked_for_are_published_and_the_cache_forgets_the_rest(folder, tmp_path):
    journal = folder({"content/a.png": png((20, 20)), "content/b.png": png((30, 30))})
    cache = tmp_path / "cache"
    publish_photos(journal, ["content/a.png", "content/b.png"], cache)
    assert len(list(cache.glob("*.photo"))) == 2
    files, published, _ = publish_photos(journal, ["content/b.png"], cache)
    assert list(files) == ["files/b-30.png"] and list(published) == ["content/b.png"]
    assert len(list(cache.glob("*.photo"))) == 1


def test_is_photo():
    assert is_photo("content/a/Park.JPG") and is_photo("x.jpeg") and is_photo("x.webp") and is_photo("x.gif")
    assert not is_photo("notes.pdf") and not is_photo("photo.jpg.md")


@dataclass(frozen=True)
class Item:
    photo: PublishedPhoto
    entry: Entry
    alt: str


def test_the_photos_page_shows_each_photo_lazily_linked_to_its_entry(tmp_path):
    env = make_environment(tmp_path, Config())
    entry = Entry(
        source="content/2026/05/2026-05-02.md",
        date=dt.date(2026, 5, 2),
        title="A walk",
        has_title=True,
        slug="",
        url="2026/05/02/",
    )
    photo = PublishedPhoto(
        "content/2026/05/park.jpg",
        Rendition("files/2026/05/park-1600.jpg", 1600, 1200),
        Rendition("files/2026/05/park-480.jpg", 480, 360),
    )
    html = render_page(
        env, Page("photos/", "photos.html", {"months": [(2026, 5, [Item(photo, entry, "the <park>")])]})
    ).decode()
    assert '<a href="../2026/05/02/index.html">' in html
    assert 'src="../files/2026/05/park-480.jpg"' in html
    assert 'srcset="../files/2026/05/park-480.jpg 480w, ../files/2026/05/park-1600.jpg 1600w"' in html
    assert 'width="480" height="360" alt="the &lt;park&gt;" loading="lazy"' in html
    assert "May 2026" in html and "A walk" in html

    empty = render_page(env, Page("photos/", "photos.html", {"months": []})).decode()
    assert "No photos yet." in empty


def _two_entries_with_photos(journal: Path) -> Path:
    write_files(
        journal,
        {
            "journal.yaml": "title: Photos\nshares:\n  friend:\n    from: 2026-05-02\n    show: [title, body]\n",
            "content/2026/05/2026-05-01.md": "---\ntitle: Park\n---\n![The pond](park.png)\n",
            "content/2026/05/park.png": png((900, 600), colour=(0, 0, 255, 255)),
            "content/2026/05/2026-05-02.md": "---\ntitle: Beach\n---\n![The sea](beach.png)\n",
            "content/2026/05/beach.png": png((900, 600), colour=(255, 0, 0, 255)),
        },
    )
    return journal


@pytest.fixture
def resized(monkeypatch) -> list[str]:
    """The photos Pillow resized, by file name, as they are resized."""
    import generator.body.photos as photos

    done: list[str] = []
    process = photos._process

    def counted(job):
        done.append(job[0].name)
        return process(job)

    monkeypatch.setattr(photos, "_process", counted)
    return done


def test_an_edit_in_serve_keeps_the_other_entries_photos_in_the_cache(tmp_path, monkeypatch, resized):
    from generator.build import build
    from generator.serve.live import Preview

    monkeypatch.setattr(cache_module, "_SETTLE_NS", 0)
    journal = _two_entries_with_photos(tmp_path / "journal")
    build(journal, tmp_path / "site")
    assert sorted(resized) == ["beach.png", "park.png"]
    preview = Preview(journal)
    assert not preview.rebuild().errors
    beach = journal / "content/2026/05/2026-05-02.md"
    beach.write_text(beach.read_text(encoding="utf-8") + "\nWarm.\n", encoding="utf-8")
    outcome = preview.quick([beach])
    assert outcome is not None and outcome.changed == ("2026/05/02/index.html",)
    assert len(list((journal / ".cairn/photos").glob("*.photo"))) == 2
    assert not preview.rebuild().errors
    build(journal, tmp_path / "site")
    assert sorted(resized) == ["beach.png", "park.png"]  # neither resized again after the edit


def test_a_share_keeps_the_photos_it_leaves_out_in_the_cache(tmp_path, monkeypatch, resized):
    from generator.build import build
    from generator.share.build import build_share, share_edition

    monkeypatch.setattr(cache_module, "_SETTLE_NS", 0)
    journal = _two_entries_with_photos(tmp_path / "journal")
    build(journal, tmp_path / "site")
    build_share(journal, share_edition(journal, "friend"), tmp_path / "friend", "a long passphrase for Sam")
    assert len(list((journal / ".cairn/photos").glob("*.photo"))) == 2
    (journal / "content/2026/05/2026-05-01.md").write_text("---\ntitle: Park again\n---\n![The pond](park.png)\n")
    build(journal, tmp_path / "site")
    assert sorted(resized) == ["beach.png", "park.png"]  # the share and the build after it resized nothing
