"""Linked files a browser would run: web pages, and SVG drawings that hold a script.

A linked file goes out as it is, but a web page or an SVG is a document, not pixels.
Opened at its own address it runs its scripts with the site's origin (where an encrypted
journal keeps its key), under none of the pages' Content-Security-Policy, and it can load
from other sites. So a web page never goes out, and a drawing goes out only when it holds
no script, no event handler, no embedded document and no reference outside itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_LINKING = {"href", "src"}  # the local names; xlink:href is one of them
_ANIMATED_LINK = re.compile(r"^\s*(xlink:)?href\s*$", re.IGNORECASE)  # <set attributeName="href" to="javascript:...">
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_INLINE_PICTURE = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".mht", ".mhtml")


def why_left_out(name: str, data: bytes) -> str | None:
    """Why a linked file must stay out of the site (a clause to follow its name), or None."""
    lowered = name.lower()
    if lowered.endswith(_PAGE_SUFFIXES):
        return (
            "a web page, which would run its scripts with the journal's own address when opened, "
            "so it is left out; save it as a PDF to publish it"
        )
    if lowered.endswith(".svgz"):
        danger: str | None = "compressed contents Cairn cannot look through"
    elif lowered.endswith(".svg") or data.lstrip()[:4].lower() == b"<svg":
        danger = what_could_run(data)
    else:
        return None
    if danger is None:
        return None
    return (
        f"an SVG drawing with {danger}, which could run or load when it is opened on its own, "
        "so it is left out; save it as .png to show it"
    )


def what_could_run(data: bytes) -> str | None:
    """What in the drawing could run or load something ("a <script>"), or None when nothing can."""
    if b"<!ENTITY" in data:
        return "entity declarations"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "markup Cairn cannot read through"
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in _ACTIVE:
            return f"a <{_local(element.tag)}>"
        if name == "style" and element.text and (_IMPORT.search(element.text) or _OUTSIDE_URL.search(element.text)):
            return "a style that loads from elsewhere"
        for attribute, value in element.attrib.items():
            local = _local(attribute).lower()
            if local.startswith("on"):
                return f"an {_local(attribute)} handler"
            if local in _LINKING and not (value.strip().startswith("#") or _INLINE_PICTURE.match(value.strip())):
                return f"a link to {value.strip()[:60]}"
            if local == "attributename" and _ANIMATED_LINK.match(value):
                return "an animation that changes a link"
            if _OUTSIDE_URL.search(value) or (local == "style" and _IMPORT.search(value)):
                return "a style that loads from elsewhere"
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
