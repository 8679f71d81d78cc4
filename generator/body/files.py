"""Files beside entries: which of them may be published, and how a link names one.

Nothing under content/ goes out unless a published entry links to it or shows it.
Photos are re-encoded by photos.py; any other linked file (a PDF, a recording)
goes out as it is, with a warning, because a document keeps its own metadata.
Editor backups never go out, and neither does a symbolic link that leads out of
content/, whatever links to it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

CONTENT = "content"
_BACKUP = re.compile(r"(~|\.bak|\.swp|\.swo|\.swx|\.orig|\.autosave|#)$", re.IGNORECASE)


def is_backup(name: str) -> bool:
    """An editor's backup or swap file (`notes.md~`, `park.jpg.bak`, `.entry.md.swp`, `#draft#`)."""
    return bool(_BACKUP.search(posixpath.basename(name)))


def leads_outside(journal: Path, source: str) -> bool:
    """The file, or a folder on its way, is a symbolic link that leads out of content/."""
    parts = source.split("/")
    if parts[0] == CONTENT and ".." not in parts and "" not in parts:
        # Most often no step below content/ is a link: a few lstat calls say so, where
        # resolving both paths from the root costs some twenty (40 ms for 344 photos).
        path = os.path.join(journal, CONTENT)
        for part in parts[1:]:
            path = os.path.join(path, part)
            if os.path.islink(path):
                break
        else:
            return False
    try:
        return not (journal / source).resolve().is_relative_to((journal / CONTENT).resolve())
    except (OSError, RuntimeError):  # a loop of links leads nowhere we may go
        return True


def written_name(marked: str) -> str:
    """The name as the Markdown wrote it, from an HTML attribute (`a&amp;b.pdf` -> `a&b.pdf`)."""
    return html.unescape(marked)


def source_of(entry_source: str, marked: str) -> str:
    """The file a link in `entry_source` points at, relative to the journal folder. A name
    from the root (`/assets/rain.jpg`, as Jekyll and Hugo write) is looked for from content/."""
    written = unquote(written_name(marked))
    if written.startswith("/"):
        return posixpath.normpath(CONTENT + "/" + written.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(entry_source), written))


def folder_words(source: str) -> str:
    """`content/` or `content/2026/11/`: the folder of `source`, where a missing file was looked for."""
    where = posixpath.relpath(posixpath.dirname(source), CONTENT)
    return "content/" if where == "." else f"content/{where}/"


def relative_name(entry_source: str, source: str) -> str:
    """How `entry_source` names `source` from its own folder."""
    return posixpath.relpath(source, posixpath.dirname(entry_source))


def line_of(body: str, name: str) -> int:
    """Lines before the one that writes `name` (preferably as a link target). A wiki link
    (`![[park.jpg]]`) writes only the file's name, however far away the file is found."""
    for needle in (f"({name}", name, unquote(name), posixpath.basename(unquote(name))):
        index = body.find(needle)
        if index >= 0:
            return body.count("\n", 0, index)
    return 0
