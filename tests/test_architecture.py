"""The rules of docs/architecture.md, kept by reading the code's imports and sizes."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# The pipeline's stages. progress/ is part of planning (routes asks it for its pages),
# and search.py is part of rendering (the index is a file of the site), as summaries.py
# (entries' summaries in lists, drawn once) is.
STAGES = {
    "content": "load",
    "field_values": "load",
    "index": "index",
    "body": "body",
    "routes": "plan",
    "progress": "plan",
    "render": "render",
    "search": "render",
    "summaries": "render",
    "crypt": "seal",
    "write": "write",
    "staging": "write",
}
FEATURES = {"body", "progress", "crypt", "importers"}
# Above the pipeline: the commands; `serve`, which runs the stages itself to keep a
# journal in memory between saves; `share`, which runs them for a chosen part of the
# journal and seals the result with the share's own key (see docs/architecture.md).
COMMANDS = {
    *("cli", "__main__", "commands", "serve", "share", "scaffold", "importers", "export"),
    *("quicklog", "entry_templates", "frontmatter_edit"),
}
# Vocabulary and memory any module may use: they import no stage.
SHARED = {
    *("errors", "model", "slugs", "yamlload", "dates", "palette", "urls", "workers", "day_boundary"),
    *("filenames", "frontmatter", "inline", "config", "sharespec", "cache", "unchanged", "records", "__init__"),
    *("contexts", "fingerprints", "shown", "kept_pages", "kept_records", "excerpt"),
}
MEMORY = {"cache", "unchanged", "kept_pages", "kept_records"}  # the only modules that write under .cairn/
LONGEST = 330  # "about 300 lines"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        found[".".join(parts)] = path
    return found


def _top(module: str) -> str:
    """The top-level name under generator/ that a module belongs to."""
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    """Top-level generator names this module imports (`from generator.x.y import` gives x).
    Imports for type hints alone (under `if TYPE_CHECKING:`) are no dependency at run time."""
    names = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hints_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in hints_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "generator":
                continue
            if len(parts) > 1:
                names.add(parts[1])
            else:
                names.update(alias.name for alias in node.names if alias.name != "__version__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "generator" and len(parts) > 1:
                    names.add(parts[1])
    return names


def test_only_build_imports_from_more_than_one_stage():
    crossing = {}
    for module, path in _modules().items():
        own = _top(module)
        if own == "build" or own in COMMANDS:
            continue
        stages = {STAGES[name] for name in _imports(path) - {own} if name in STAGES}
        stages.discard(STAGES.get(own))
        if len(stages) > 1:
            crossing[module] = sorted(stages)
    assert crossing == {}


def test_each_feature_folder_is_imported_by_one_module_of_the_pipeline():
    importers: dict[str, set[str]] = {feature: set() for feature in FEATURES}
    for module, path in _modules().items():
        own = _top(module)
        if own in COMMANDS and own not in FEATURES:
            continue
        for name in _imports(path) - {own}:
            if name in importers:
                importers[name].add(own)
    assert {feature: sorted(users) for feature, users in importers.items() if len(users) > 1} == {}


def test_nothing_imports_upward():
    upward = {}
    for module, path in _modules().items():
        own = _top(module)
        imported = _imports(path) - {own}
        if own in SHARED:
            wrong = imported - SHARED
        elif own in STAGES or own in FEATURES - COMMANDS:
            wrong = imported & (COMMANDS | {"build"})
        else:
            continue
        wrong -= {"write"} if own in MEMORY else set()  # the memory modules write through atomic_write
        if wrong:
            upward[module] = sorted(wrong)
    assert upward == {}


def test_only_the_memory_modules_write_under_the_cache_folder():
    writers = []
    for module, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if _top(module) in MEMORY or module == "build":
            continue  # build.py hands the memory modules their folders
        if re.search(r"CACHE_DIR|/ \"\.cairn\"", text) and re.search(
            r"atomic_write|write_bytes|write_text|mkstemp|open\([^)]*[\"'][wa]", text
        ):
            writers.append(module)
    assert writers == []


def test_no_module_is_much_longer_than_300_lines():
    long = {
        module: lines
        for module, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}


def test_planning_reads_entries_words_only_where_shown_py_expects():
    """shown.py trusts that a page's context depends on an entry's body and HTML only by
    holding the entry, except on the pages of READS_WORDS (progress/sessions.py)."""
    from generator.shown import READS_WORDS

    readers = []
    for module, path in _modules().items():
        if _top(module) not in {"routes", "progress", "index", "contexts"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"body", "html"}:
                readers.append(f"{module}:{node.lineno}")
    assert [reader.split(":")[0] for reader in readers] == ["progress.sessions"]
    assert {"review.html", "reviews.html"} == READS_WORDS


def test_the_command_lines_parser_loads_nothing_importing_needs():
    """Every command builds the parser, whose help lists the import formats: reading that
    table must not load what importing needs (YAML, the writer: tens of milliseconds)."""
    probe = "import sys; from generator.cli import make_parser; make_parser(); print(sorted(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    modules = set(ast.literal_eval(loaded))
    assert {m for m in modules if m.startswith("generator.importers")} == {
        "generator.importers",
        "generator.importers.registry",
    }
    assert "yaml" not in modules and "markdown" not in modules and "jinja2" not in modules


def test_a_plain_build_loads_neither_cryptography_nor_the_worker_pool_until_it_needs_them():
    """A rebuild after one edit is mostly starting up: what only a sealed build, a share or
    a pool of workers needs is imported where it is used."""
    probe = "import sys; import generator.build; print(sorted(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    modules = set(ast.literal_eval(loaded))
    assert not {m for m in modules if m.startswith(("cryptography", "multiprocessing", "concurrent.futures.process"))}
    assert not {m for m in modules if m.startswith(("generator.crypt", "generator.share.")) or m == "generator.share"}
