"""Where Cairn's build time goes: a cold build, a rebuild with nothing changed, one after an edit.

    python bench/profile_build.py [--entries 3650] [--seed 1] [--top 25] [--commit REV] [--stages-only]

Uses the same synthetic journal as run.py, in this process. First each build runs
without a profiler, with every stage that generator/build.py calls timed (wall
clock and this process's CPU): these are the honest numbers. Then each runs under
cProfile, which slows many small calls far more than a few big ones, so read its
lists for what is called and how often, and the stage times above for how much it
costs. Under cProfile the cold build runs in one process (workers.cores and
os.cpu_count are made to answer 1), so the work a normal build spreads over worker
processes and threads shows up too; its timer is CPU time, so other work on a shared machine
does not inflate it. The full profiles stay in bench/work/profile/ (*.prof for
pstats or snakeviz, *.txt as text).
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import os
import pstats
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run  # noqa: E402  (bench/run.py, beside this file)


def timed_stages(journal: Path, out: Path) -> str:
    """One build without the profiler, each stage that build.py calls timed (wall and CPU).

    CPU is this process's alone: work done in worker processes shows as wall time only.
    """
    import generator.build as pipeline

    timings: dict[str, list[float]] = {}

    def timed(name, function, into):
        def wrapper(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = into.setdefault(name, [0.0, 0.0, 0])
                spent[0] += time.perf_counter() - wall
                spent[1] += time.process_time() - cpu
                spent[2] += 1

        return wrapper

    patched = []
    for name, value in vars(pipeline).items():
        if (
            inspect.isfunction(value)
            and value.__module__.startswith("generator.")
            and name not in ("build", "prepare", "check")
        ):
            patched.append((pipeline, name, value))
            setattr(pipeline, name, timed(name, value, timings))
    # A look inside the two stages that cost most: front matter, and pages by template.
    inner: dict[str, list[float]] = {}
    for module_name, name in INSIDE:
        module = sys.modules.get(module_name)
        function = getattr(module, name, None) if module else None
        if function is None:
            continue
        patched.append((module, name, function))
        if name == "render_page":
            setattr(module, name, _by_template(function, inner))
        else:
            setattr(module, name, timed(f"{module_name.split('.')[-1]}.{name}", function, inner))
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        report = pipeline.build(journal, out)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        for module, name, value in reversed(patched):
            setattr(module, name, value)
    lines = [
        f"{'whole build':<22} {wall:6.2f} s wall {cpu:6.2f} s CPU   ({report.pages} pages, {report.written} written)"
    ]
    for name, (stage_wall, stage_cpu, _) in sorted(timings.items(), key=lambda item: -item[1][0]):
        lines.append(f"  {name:<20} {stage_wall:6.3f} s wall {stage_cpu:6.3f} s CPU")
    rest = wall - sum(t[0] for t in timings.values())
    lines.append(f"  {'(the rest)':<20} {rest:6.3f} s wall")
    if inner:
        lines.append("  inside those:")
        for name, values in sorted(inner.items(), key=lambda item: -item[1][0]):
            lines.append(f"    {name:<30} {values[0]:6.3f} s wall {values[1]:6.3f} s CPU  ({values[2]} calls)")
    return "\n".join(lines)


# Functions inside stages, timed where the stage calls them (module, name).
INSIDE = (
    ("generator.content", "load_mapping"),
    ("generator.content", "read_entry"),
    ("generator.render", "render_page"),
)


def _by_template(function, inner: dict[str, list[float]]):
    def wrapper(env, page, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(env, page, *args, **kwargs)
        finally:
            spent = inner.setdefault(f"render {page.template}", [0.0, 0.0, 0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
            spent[2] += 1

    return wrapper


def profile_build(journal: Path, out: Path, name: str, top: int) -> str:
    from generator.build import build

    # CPU time, not wall-clock: on a shared machine other work then does not count.
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.enable()
    report = build(journal, out)
    profiler.disable()
    seconds = time.process_time() - started
    folder = run.WORK / "profile"
    folder.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(folder / f"{name}.prof")

    lines = [f"## {name}: {seconds:.2f} s of CPU under the profiler, {report.pages} pages, {report.written} written"]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    own = text.getvalue()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    (folder / f"{name}.txt").write_text(own + "\n\n" + text.getvalue(), encoding="utf-8")
    lines += ["", f"top {top} by own time:", own[own.find("   ncalls") :].rstrip()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Profile Cairn's cold build and no-change rebuild.")
    parser.add_argument("--entries", type=int, default=3650)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    parser.add_argument("--commit", help="profile Cairn as it is in this commit (default: the working tree)")
    parser.add_argument("--stages-only", action="store_true", help="time the stages, skip cProfile")
    args = parser.parse_args()
    if args.commit:
        source, revision = run.snapshot(args.commit)
        sys.path.insert(0, str(source))
    else:
        revision = run.cairn_revision()
    print(f"Cairn at {revision}")

    journal = run.journal_for(args.entries, args.seed)
    out = journal.parent / "profile-site"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(journal / ".cairn", ignore_errors=True)

    clean()
    print("## stages of a cold build, as Cairn runs it\n")
    print(timed_stages(journal, out))
    print("\n## stages of a rebuild with nothing changed\n")
    print(timed_stages(journal, out))
    edited = run.entry_to_edit(journal)
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"\nEdited for the profile.\n")
        print("\n## stages of a rebuild after one entry was edited\n")
        print(timed_stages(journal, out))
    finally:
        edited.write_bytes(original)
    print()
    if args.stages_only:
        return
    clean()
    # One process, so the profiler sees the work spread over the cores too (workers.cores()
    # asks sched_getaffinity first; photos' threads go by os.cpu_count).
    import generator.workers

    os.cpu_count = lambda: 1
    generator.workers.cores = lambda: 1
    print(profile_build(journal, out, f"{args.entries}-cold", args.top))
    print()
    print(profile_build(journal, out, f"{args.entries}-unchanged", args.top))
    print(f"\nFull profiles in {(run.WORK / 'profile').relative_to(run.REPO)}/")


if __name__ == "__main__":
    main()
