"""Daylio's scales (`Sleep Quality: 8/10 points | Sleep Time: 7:30`) as the journal's metrics."""

from __future__ import annotations

import re

from generator.importers.draft import Note, converted
from generator.importers.reading import one_line
from generator.model import Config, Metric

_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:\s*/\s*(\d+))?(?:\s+\S.*)?$")
_DURATION = re.compile(r"^(\d+):([0-5]\d)$")


def read_scales(cell: str, config: Config) -> tuple[tuple[tuple[str, float], ...], dict[str, str], list[Note]]:
    """Values for declared metrics, the rest kept as text by label, and what became of each."""
    metrics: list[tuple[str, float]] = []
    rest: dict[str, str] = {}
    notes: list[Note] = []
    for part in filter(None, (one_line(p) for p in cell.split("|"))):
        label, _, value = (s.strip() for s in part.partition(":"))
        metric = declared(label, config)
        number = scale_number(value)
        if metric and number is not None and _within(number, metric) and metric.name not in dict(metrics):
            metrics.append((metric.name, number))
            notes.append(converted(f"scale {label}", f"to the metric {metric.name}"))
        elif metric:
            rest[label] = value
            todo = f"check the value; {metric.name} is declared from {metric.low} to {metric.high}"
            notes.append(Note(f"scale {label}", "kept", "as text under scales:, not a number on the metric", todo))
        else:
            rest[label] = value
            todo = "declare it as a metric in journal.yaml to chart it"
            notes.append(Note(f"scale {label}", "kept", "as text under scales:", todo))
    return tuple(metrics), rest, notes


def undeclared_labels(cell: str, config: Config) -> list[str]:
    """The scales in a cell that no metric of the journal declares."""
    labels = (part.partition(":")[0].strip() for part in filter(None, (one_line(p) for p in cell.split("|"))))
    return [label for label in labels if declared(label, config) is None]


def declared(label: str, config: Config) -> Metric | None:
    return next((m for m in config.metrics if _same(label, m.name) or _same(label, m.label)), None)


def metric_name(label: str) -> str:
    """`Sleep Quality` -> `sleep_quality`, the key a person would declare."""
    return re.sub(r"[^0-9a-z]+", "_", label.casefold()).strip("_") or "scale"


def declare_advice(label: str, lines: list[int], rows: list[tuple[int, list[str]]], columns: list[str]) -> str:
    """The message for a scale no metric declares: exactly what to add to journal.yaml."""
    values = [_value_of(label, cells, columns) for line, cells in rows[1:] if line in set(lines)]
    tops = [int(m[2]) for m in (_NUMBER.match(v) for v in values if v) if m and m[2]]
    durations = any(_DURATION.match(v) for v in values if v)
    spec = f"label: {label}"
    spec += ", unit: hours, min: 0, max: 24" if durations else f", min: 0, max: {max(tops)}" if tops else ""
    used = f" ({len(lines)} entries, the first here)" if len(lines) > 1 else ""
    return (
        f"Daylio scale '{label}'{used} is not a metric of the journal: declare it in journal.yaml under "
        f"`metrics:` as `{metric_name(label)}: {{{spec}}}` and import again to keep it as a number, "
        "or pass --skip-bad to keep it as text under `scales:`"
    )


def _value_of(label: str, cells: list[str], columns: list[str]) -> str:
    cell = dict(zip(columns, cells, strict=False)).get("scales", "")
    for part in filter(None, (one_line(p) for p in cell.split("|"))):
        name, _, value = (s.strip() for s in part.partition(":"))
        if name == label:
            return value
    return ""


def _within(number: float, metric: Metric) -> bool:
    return (metric.low is None or metric.low <= number) and (metric.high is None or number <= metric.high)


def _same(a: str, b: str) -> bool:
    return re.sub(r"[\s_-]+", " ", a.casefold()).strip() == re.sub(r"[\s_-]+", " ", b.casefold()).strip()


def scale_number(value: str) -> float | None:
    duration = _DURATION.match(value)
    if duration:  # hours:minutes, as hours
        return int(duration[1]) + int(duration[2]) / 60
    number = _NUMBER.match(value)
    return float(number[1]) if number else None
