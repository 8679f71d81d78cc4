"""Photos: published turned upright, resized, and stripped of every bit of metadata.

An original in content/ is read, never written. What is published is a display size
and a thumbnail, re-encoded from pixels alone, so no EXIF (location first), XMP, ICC
profile or comment can travel with them. Results are cached by the original's bytes.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import PIL  # for its version alone: Pillow's modules are imported by pixels.py, when a photo is processed

from generator.cache import PhotoCache, PhotoResult, cache_key

# Formats a browser shows are published in kind; the others (an iPhone's HEIC, TIFF scans,
# AVIF, BMP) are published as JPEG.
PHOTO_SUFFIXES = (
    *(".jpg", ".jpeg", ".jpe", ".jfif", ".jif", ".png", ".apng", ".webp", ".gif", ".heic", ".heif", ".hif"),
    *(".avif", ".tif", ".tiff", ".bmp", ".jp2", ".j2k"),
)
DISPLAY = 1600  # longest side, in pixels; never upscaled
THUMB = 480
QUALITY = 82
VERSION = "photos-3"  # change when the processing changes, to redo every cached photo
_WRITE_AS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".apng": "PNG", ".webp": "WEBP", ".gif": "GIF"}
_WRITE_AS |= {suffix: "JPEG" for suffix in PHOTO_SUFFIXES if suffix not in _WRITE_AS}
_PUBLISHED_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def is_photo(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in PHOTO_SUFFIXES


def image_format(data: bytes) -> str | None:
    """The image format Pillow reads `data` as, or None when it is no image (pixels.py)."""
    from generator.body import pixels  # Pillow with HEIF support, imported only when needed

    return pixels.image_format(data)


@dataclass(frozen=True)
class Rendition:
    path: str  # relative to the site root: "files/2026/05/park-1200.jpg"
    width: int
    height: int


@dataclass(frozen=True)
class PublishedPhoto:
    source: str  # relative to the journal folder: "content/2026/05/park.jpg"
    display: Rendition
    thumb: Rendition


def srcset(photo: PublishedPhoto, prefix: str) -> str:
    """`srcset` for an <img>: thumbnail and display size under `prefix`, the way to the site
    root ("", "..", "../../") or a mark ending in ":" such as markup.PAGE_MARK. Paths are
    percent-encoded, since a space or comma would split a candidate."""
    base = prefix if not prefix or prefix.endswith(("/", ":")) else prefix + "/"
    sizes = dict.fromkeys((photo.thumb, photo.display))  # one candidate when they are the same file
    return ", ".join(f"{base}{quote(r.path)} {r.width}w" for r in sizes)


def publish_photos(
    journal: Path, sources: Iterable[str], cache_dir: Path, *, save_cache: bool = True, prune_cache: bool = True
) -> tuple[dict[str, bytes], dict[str, PublishedPhoto], dict[str, str]]:
    """Site files, what was published per source, and per source what went wrong.
    `prune_cache` only when `sources` are every photo of the journal.

    A problem reads after the image's name: "cannot be read as an image (...)".
    """
    cache = PhotoCache(cache_dir, read_only=not save_cache)
    done: dict[str, PhotoResult] = {}
    todo: dict[str, str] = {}  # source -> cache key
    problems: dict[str, str] = {}
    for source in sorted(set(sources)):
        if _suffix(source) not in _WRITE_AS:
            problems[source] = "is not a kind of photo Cairn publishes (" + ", ".join(PHOTO_SUFFIXES) + ")"
            continue
        if not source.startswith("content/") or ".." in source.split("/"):
            problems[source] = "is not inside content/"
            continue
        try:
            digest = cache.digest(journal / source, source)
        except OSError as error:
            problems[source] = (
                "is missing" if isinstance(error, FileNotFoundError) else f"cannot be read ({error.strerror or error})"
            )
            continue
        key = cache_key(VERSION, digest, _WRITE_AS[_suffix(source)], f"{DISPLAY},{THUMB},{QUALITY}", PIL.__version__)
        hit = cache.get(key)
        if hit is None:
            todo[source] = key
        else:
            done[source] = hit
    jobs = [(journal / s, _WRITE_AS[_suffix(s)]) for s in todo]
    if len(jobs) > 1:  # Pillow lets go of the GIL while it decodes, resizes and encodes
        with ThreadPoolExecutor(min(len(jobs), os.cpu_count() or 1)) as pool:
            results = list(pool.map(_process, jobs))
    else:
        results = [_process(job) for job in jobs]
    for (source, key), result in zip(todo.items(), results, strict=True):
        if isinstance(result, str):
            problems[source] = result
        else:
            cache.put(key, result)
            done[source] = result
    cache.save(prune=prune_cache)

    files: dict[str, bytes] = {}
    published: dict[str, PublishedPhoto] = {}
    for source, result in sorted(done.items()):
        display, thumb = (_rendition(source, w, h) for w, h, _ in result)
        files[display.path], files[thumb.path] = result[0][2], result[1][2]
        published[source] = PublishedPhoto(source, display, thumb)
    return files, published, dict(sorted(problems.items()))


def _suffix(source: str) -> str:
    return posixpath.splitext(source)[1].lower()


def _rendition(source: str, width: int, height: int) -> Rendition:
    """files/<folder below content/>/<name>-<width><suffix as written>: stable, and
    distinct for every source (a name ending "-<digits>" cannot come from another)."""
    below = source.removeprefix("content/")
    stem, suffix = posixpath.splitext(below)
    published = _PUBLISHED_SUFFIX[_WRITE_AS[suffix.lower()]]
    if published != suffix.lower() and not (published == ".jpg" and suffix.lower() == ".jpeg"):
        # park.heic -> park-1600.heic.jpg: never the same name as park.jpg's park-1600.jpg
        return Rendition(f"files/{stem}-{width}{suffix}{published}", width, height)
    return Rendition(f"files/{stem}-{width}{suffix}", width, height)


def _process(job: tuple[Path, str]) -> PhotoResult | str:
    # Pillow with HEIF support takes 0.1-0.2 s to import: a build whose photos are all in
    # the cache (every rebuild after an edit) never pays it.
    from generator.body import pixels

    return pixels.process(job)
