"""Entry files from drafts: free names, front matter a person might have written, never a replacement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.importers.draft import Draft
from generator.write import create_new


def day_stem(draft: Draft) -> str:
    """`2026-11-23`, with four-digit years even for year 1 (`0001-01-01`, never `1-01-01`)."""
    return f"{draft.when.year:04d}-{draft.when:%m-%d}"


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
_IMPORTED = re.compile(r"^imported:[ \t]*(\S.*?)[ \t]*\r?$", re.M)


def existing_keys(journal_dir: Path) -> Counter[str]:
    """How often each `imported:` value occurs in the journal's entries."""
    keys: Counter[str] = Counter()
    root = journal_dir / "content"
    if not root.is_dir():
        return keys
    for path in root.rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        front = _FRONT.match(text)
        for raw in _IMPORTED.findall(front.group(1)) if front else ():
            try:
                value = yaml.load(raw, Loader=yaml.BaseLoader)
            except yaml.YAMLError:
                continue
            if isinstance(value, str):
                keys[value] += 1
    return keys


class Writer:
    """Picks free names and writes entry files (and their photos), never replacing a file."""

    def __init__(self, journal_dir: Path, dry_run: bool):
        self.root, self.dry_run = journal_dir, dry_run
        self.entries: list[str] = []
        self.copied: list[str] = []
        self._taken: set[str] = set()

    def write(self, draft: Draft) -> None:
        folder = f"content/{draft.when.year:04d}/{draft.when:%m}"
        entry = self._free(folder, day_stem(draft), ".md")
        hinted = _safe_hint(draft.path_hint)
        if hinted and hinted != f"{folder}/{entry}" and self._claim(hinted):
            self._taken.discard(f"{folder}/{entry}")
            folder, entry = hinted.rsplit("/", 1)
        body = draft.body
        made: list[str] = []
        try:
            for number, attachment in enumerate(draft.attachments, 1):
                name = self._free(folder, f"{entry[:-3]}-photo-{number}", f".{attachment.suffix}")
                self._create(f"{folder}/{name}", attachment.read)
                made.append(f"{folder}/{name}")
                body = body.replace(attachment.ref, name)
            self._create(f"{folder}/{entry}", lambda: render_entry(draft, body).encode("utf-8"))
        except OSError:  # a full disk: this entry's photos go with it, so no half an entry is left
            for name in made:
                (self.root / name).unlink()
            raise
        self.copied += made
        self.entries.append(f"{folder}/{entry}")

    def _claim(self, relative: str) -> bool:
        """Take `relative` for this run if no file has it and no entry of this run took it."""
        if relative in self._taken or (self.root / relative).exists():
            return False
        self._taken.add(relative)
        return True

    def _free(self, folder: str, stem: str, suffix: str) -> str:
        """The first of `stem`, `stem-2`, `stem-3`, ... that no file has and this run has not used."""
        number = 1
        while True:
            name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
            relative = f"{folder}/{name}"
            if relative not in self._taken and not (self.root / relative).exists():
                self._taken.add(relative)
                return name
            number += 1

    def _create(self, relative: str, data: Callable[[], bytes]) -> None:
        if self.dry_run:
            return
        if not create_new(self.root / relative, data()):  # a file made meanwhile is never replaced
            raise FileExistsError(f"{relative} appeared while importing; it was left as it is")


_HINT = re.compile(r"^content/(?:[\w.-]+/)*[\w-][\w.-]*\.md$")


def _safe_hint(hint: str) -> str:
    """`content/2026/11/2026-11-23-evening.md` when it is a plain path inside content/, else ""."""
    parts = hint.split("/")
    if not _HINT.match(hint) or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return ""
    return hint


def render_entry(draft: Draft, body: str) -> str:
    """The entry file: YAML front matter a person might have written, then the body."""
    clock = f"{draft.when:%H:%M:%S}" if draft.when.second else f"{draft.when:%H:%M}"
    when = day_stem(draft) if draft.all_day else f"{day_stem(draft)} {clock}"
    lines = ["---", f"date: {when}"]
    if draft.title:
        lines.append(f"title: {yaml_scalar(draft.title)}")
    if draft.mood is not None:
        lines.append(f"mood: {draft.mood}")
    lines += [f"{name}: {_decimal(value)}" for name, value in draft.metrics]
    if draft.tags:
        lines.append(f"tags: {yaml_list(draft.tags)}")
    if draft.habits:
        lines.append(f"habits: {yaml_list(draft.habits)}")
    if draft.starred:
        lines.append("starred: true")
    for key, value in draft.extra:
        dumped = yaml.safe_dump(
            {key: value}, default_flow_style=False, sort_keys=False, allow_unicode=True, width=_WIDE
        )
        lines.append(dumped.rstrip("\n"))
    lines += [f"imported: {yaml_scalar(draft.key)}", "---"]
    text = "\n".join(lines) + "\n"
    body = body.strip("\n")
    return text + body + "\n" if body else text


def _decimal(value: float) -> str:
    """7, 7.5, 12000000: never 1.2e+07, which the journal's YAML would read as text."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


_WIDE = 1_000_000
# Plain scalars the journal's own YAML reading would take for a number or a date.
_LOOKS_TYPED = re.compile(r"[-+.~\d]")


def yaml_scalar(text: str) -> str:
    """`text` as a one-line YAML value, quoted only when it has to be."""
    dumped = yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=_WIDE)
    plain = dumped.removesuffix("\n").removesuffix("\n...")
    return _quote(text) if plain == text and _LOOKS_TYPED.match(text) else plain


def yaml_list(items: tuple[str, ...]) -> str:
    """`[a, b]`, each item quoted only when it has to be."""
    out = []
    for item in items:
        plain = yaml.safe_dump([item], default_flow_style=True, allow_unicode=True, width=_WIDE).strip()[1:-1]
        out.append(_quote(item) if plain == item and _LOOKS_TYPED.match(item) else plain)
    return "[" + ", ".join(out) + "]"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
