"""The pixels of photos: read, turned upright, resized, converted to sRGB and encoded
again with no metadata. Imported only when a photo is processed or a linked file looked
at, since Pillow and HEIF support are a fifth of Cairn's start-up."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps, ImageSequence

from generator.body.photos import DISPLAY, QUALITY, THUMB
from generator.cache import PhotoResult

pillow_heif.register_heif_opener()  # HEIC and HEIF, as an iPhone saves them

# JPEG includes MPO; HEIF comes from pillow-heif; never EPS, PDF and the like.
_READ_AS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF", "TIFF", "BMP", "JPEG2000")
# Any format Pillow recognises counts as an image when deciding what may go out as it is
# (EPS would run Ghostscript, and Pillow names MPEG video without reading it).
_NOT_IMAGES = frozenset({"EPS", "MPEG"})
_OPTIONS: dict[str, dict[str, object]] = {
    # Baseline, not progressive: progressive took three times as long to encode, for files 2% smaller.
    "JPEG": {"quality": QUALITY, "optimize": True},
    "WEBP": {"quality": QUALITY, "method": 4},
    "PNG": {"optimize": True},
    "GIF": {"optimize": True},
}


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


def process(job: tuple[Path, str]) -> PhotoResult | str:
    """A display size and a thumbnail of the photo at job's path, as `kind`, or what went wrong."""
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
    pixels = image.copy()  # a new Image holds the pixels, the mode, the size and `info` alone
    pixels.info = {}
    return pixels


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
