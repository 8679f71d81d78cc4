"""What becomes of each field of a Day One entry: the fidelity notes, and place and weather when kept."""

from __future__ import annotations

from typing import Any

from generator.importers.draft import Note, converted, dropped, kept


def field_notes(
    raw: dict, text: str, unescaped: str, title: str, photos: list, attachments: tuple, keep_location: bool
) -> tuple[Note, ...]:
    """What became of each field of one Day One entry."""
    notes = []
    if text:
        notes.append(converted("text", "Day One's backslash escapes undone") if unescaped != text else kept("text"))
    if title:
        notes.append(converted("text", "its first heading to title:"))
    notes += [kept(k) for k in ("tags", "starred", "isAllDay") if raw.get(k)]
    if photos:
        if len(attachments) == len(photos):
            notes.append(converted("photos", "copied beside the entry"))
        else:
            todo = "export again from Day One with photos included"
            notes.append(dropped("photos", "some are not in the export, so the entry says so", todo))
    for key in ("location", "weather"):
        if isinstance(raw.get(key), dict):
            notes.append(
                kept(key)
                if keep_location
                else dropped(key, "left out by default", "pass --keep-location to keep place and weather")
            )
    for key, what in (("videos", "videos"), ("audios", "audio"), ("pdfAttachments", "PDFs"), ("music", "music")):
        if raw.get(key):
            notes.append(
                dropped(
                    key,
                    f"Cairn does not import {what}; the entry says where one was"
                    if key != "music"
                    else "Cairn has no field for it",
                )
            )
    if raw.get("richText"):
        notes.append(dropped("richText", "text holds the same words; Day One's own styling is not kept"))
    return tuple(notes)


def place_and_weather(raw: dict) -> tuple[tuple[str, Any], ...]:
    """With --keep-location: where the entry was written, and the weather, in a few readable keys."""
    fields = {
        "location": (
            ("place", "placeName"),
            ("locality", "localityName"),
            ("area", "administrativeArea"),
            ("country", "country"),
            ("latitude", "latitude"),
            ("longitude", "longitude"),
        ),
        "weather": (("conditions", "conditionsDescription"), ("temperature_c", "temperatureCelsius")),
    }
    extra = []
    for key, names in fields.items():
        source = raw.get(key)
        if not isinstance(source, dict):
            continue
        kept = {}
        for name, field in names:
            value = source.get(field)
            if isinstance(value, float):
                value = round(value, 6)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                kept[name] = value.strip() if isinstance(value, str) else value
        if kept:
            extra.append((key, kept))
    return tuple(extra)
