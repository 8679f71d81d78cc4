"""Photos: published turned upright, resized, and stripped of every bit of metadata.

An original in content/ is read, never written. What is published is a display size
and a thumbnail, re-encoded from pixels alone, so no EXIF (location first), XMP, ICC
profile or comment can travel with them. Results are cached by the original's bytes.
"""

from __future__ import annotations

import io
import math
import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import PIL
import pillow_heif
from PIL import Image, ImageCms, ImageOps, ImageSequence

from generator.cache import PhotoCache, PhotoResult, cache_key

pillow_heif.register_heif_opener()  # HEIC and HEIF, as an iPhone saves them

# Formats a browser shows are published in kind; the others (an iPhone's HEIC, TIFF scans,
# AVIF, BMP) are published as JPEG.
PHOTO_SUFFIXES = (
    *(".jpg", ".jpeg", ".jpe", ".jfif", ".jif", ".png", ".apng", ".webp", ".gif", ".heic", ".heif", ".hif"),
    *(".avif", ".tif", ".tiff", ".bmp", ".jp2", ".j2k"),
)
DISPLAY = 1600  # longest side, in pixels; never upscaled
THUMB = 480
QUALITY = 82
VERSION = "photos-2"  # change when the processing changes, to redo every cached photo
_WRITE_AS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".apng": "PNG", ".webp": "WEBP", ".gif": "GIF"}
_WRITE_AS |= {suffix: "JPEG" for suffix in PHOTO_SUFFIXES if suffix not in _WRITE_AS}
_PUBLISHED_SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# JPEG includes MPO; HEIF comes from pillow-heif; never EPS, PDF and the like.
_READ_AS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF", "TIFF", "BMP", "JPEG2000")
# Any format Pillow recognises counts as an image when deciding what may go out as it is
# (EPS would run Ghostscript, and Pillow names MPEG video without reading it).
_NOT_IMAGES = frozenset({"EPS", "MPEG"})
_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": QUALITY, "optimize": True, "progressive": True},
    "WEBP": {"quality": QUALITY, "method": 4},
    "PNG": {"optimize": True},
    "GIF": {"optimize": True},
}


def is_photo(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in PHOTO_SUFFIXES


def image_format(data: bytes) -> str | None:
    """The image format Pillow reads `data` as ("TIFF" for a camera's raw file named
    .dng), or None when it is no image: such a file would carry its metadata out."""
    Image.init()  # every plugin, not only the few Pillow loads first
    formats = [name for name in Image.OPEN if name not in _NOT_IMAGES]
    try:
        with Image.open(io.BytesIO(data), formats=formats) as image:
            return image.format or "image"
    except Image.DecompressionBombError:
        return "image"
    except Exception:  # Pillow's plugins raise many kinds of error for what they cannot read
        return None


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
    path, kind = job
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    try:
        return _render(data, kind)
    except Image.UnidentifiedImageError:
        return "cannot be read as an image (cannot identify image file)"
    except Image.DecompressionBombError:
        return "is too large to publish (more than twice Pillow's pixel limit)"
    except (OSError, ValueError, SyntaxError, EOFError) as error:  # broken or truncated data
        return f"cannot be read as an image ({str(error).replace(str(path), 'file')})"


def _render(data: bytes, kind: str) -> PhotoResult:
    with Image.open(io.BytesIO(data), formats=_READ_AS) as original:
        animated = kind != "JPEG" and getattr(original, "n_frames", 1) > 1
        if not animated:
            width, height = original.size
            scale = DISPLAY / max(width, height)
            if scale < 1:  # let libjpeg decode at 1/2, 1/4 or 1/8 size: much faster
                original.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
        frames, durations = [], []
        for frame in ImageSequence.Iterator(original) if animated else [original]:
            frames.append(_plain(ImageOps.exif_transpose(frame)))
            durations.append(frame.info.get("duration", 100))
        loop = original.info.get("loop")
        icc = original.info.get("icc_profile")
    display = [_finish(_to_srgb(_shrink(f, DISPLAY), icc), kind) for f in frames]
    thumb = [_shrink(f, THUMB) for f in display]
    return _encode(display, kind, durations, loop), _encode(thumb, kind, durations, loop)


def _plain(image: Image.Image) -> Image.Image:
    """L, LA, RGB, RGBA or CMYK, which resize smoothly (a palette would not)."""
    if image.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
    if image.mode.startswith("I"):  # 16-bit grey
        return image.convert("I").point(lambda v: v / 257).convert("L")
    alpha = image.mode in ("PA", "La", "RGBa") or "transparency" in image.info
    return image.convert("RGBA" if alpha else "RGB")


def _shrink(image: Image.Image, longest: int) -> Image.Image:
    width, height = image.size
    if max(width, height) <= longest:
        return image
    scale = longest / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Colours as the camera meant them, with no profile left to publish."""
    if not icc:
        return image
    mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        return converted if converted is not None else image  # None only when asked to convert in place
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken or unusual profile: keep the pixels as they are


def _finish(image: Image.Image, kind: str) -> Image.Image:
    """Pixels alone, in a mode the format can hold: `info` (EXIF, XMP, ICC, comments) is left behind."""
    alpha = image.mode in ("LA", "RGBA")
    if kind == "JPEG" and alpha:
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA")).convert("RGB")
    elif image.mode == "CMYK" or (kind in ("WEBP", "GIF") and image.mode not in ("RGB", "RGBA")):
        image = image.convert("RGBA" if alpha else "RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(frames: list[Image.Image], kind: str, durations: list[int], loop: int | None) -> tuple[int, int, bytes]:
    options = dict(_OPTIONS[kind])
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if loop is not None:
            options["loop"] = loop
        if kind == "GIF" and frames[0].mode == "RGBA":
            options["disposal"] = 2  # each frame is whole: clear the last one's pixels
    out = io.BytesIO()
    frames[0].save(out, kind, **options)
    return frames[0].width, frames[0].height, out.getvalue()
