"""A synthetic journal for the benchmark: N entries, the same bytes for the same seed.

    python bench/generate.py --entries 3650 --seed 1 OUT

writes OUT/journal.yaml and OUT/content/YYYY/MM/YYYY-MM-DD[-evening].md, with
photos (JPEGs, 800×600 unless --photo-size says otherwise) beside some entries, most of them shown in the entry and a
few not. Entries use every front-matter field Cairn knows, with the mix a real
journal has: most days one entry, some two, some with no front matter at all,
a few drafts, tags from a long tail (a few tags on most entries, most tags on a
few), bodies of 150 to 600 words of ordinary Markdown (paragraphs, lists,
emphasis, headings, quotes, now and then a table, a footnote or a link to an
earlier entry). Nothing here imports Cairn, so it can describe any version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

LAST_DAY = dt.date(2026, 11, 23)  # entries end here and go back in time
# Big enough that a thumbnail is made (Cairn's are 480 px wide), small enough that
# resizing photos does not drown the rest of the build. A phone's 12 MP photo
# (--photo-size 4032x3024) costs far more, in Cairn and in Hugo.
PHOTO_SIZE = (800, 600)
MOOD_LABELS = ("awful", "low", "okay", "good", "great")
METRICS = {  # name: (label, unit, min, max, decimals)
    "sleep": ("Sleep", "hours", 0, 14, 1),
    "energy": ("Energy", "", 0, 10, 0),
    "anxiety": ("Anxiety", "", 0, 10, 0),
}
HABITS = {
    "walk": "Went for a walk",
    "meds": "Took medication",
    "stretch": "Stretched",
    "read": "Read before bed",
    "water": "Drank enough water",
    "outside": "Got outside in daylight",
}

JOURNAL_YAML = """\
title: A synthetic journal
author: Bench Mark
timezone: Europe/London
mood:
  labels: [{labels}]
metrics:
{metrics}
habits:
{habits}
home_entries: 7
"""

# --- words ---------------------------------------------------------------------------

PEOPLE = [
    "Sam",
    "Alex",
    "Jo",
    "Priya",
    "Tom",
    "Mum",
    "Dad",
    "Nina",
    "Chris",
    "Maya",
    "Ben",
    "Lea",
    "Omar",
    "Rosa",
    "Kit",
]
PLACES = (
    "the park",
    "the kitchen",
    "the office",
    "the bus",
    "the river path",
    "the library",
    "the café on the corner",
    "the allotment",
    "my desk",
    "the waiting room",
    "the station",
    "the beach",
    "the garden",
    "the supermarket",
    "the hill behind the house",
)
ACTIVITIES = (
    "went for a walk",
    "made soup",
    "called {person}",
    "read a few chapters",
    "cleaned the flat",
    "answered emails",
    "did the washing up",
    "went to therapy",
    "cooked dinner for {person}",
    "sat in {place} for a while",
    "played the guitar",
    "wrote a letter",
    "fixed the bike",
    "went swimming",
    "did the shopping",
    "watched a film with {person}",
    "stretched for ten minutes",
    "planted bulbs",
    "tidied my desk",
    "went to the gym",
    "met {person} for coffee",
)
FEELINGS = (
    "tired",
    "hopeful",
    "anxious",
    "calm",
    "flat",
    "restless",
    "proud",
    "lonely",
    "content",
    "irritable",
    "relieved",
    "sad",
    "grateful",
    "overwhelmed",
    "steady",
    "curious",
    "ashamed",
    "light",
    "heavy",
    "numb",
    "excited",
    "tender",
)
OPENINGS = (
    "Woke up at {hour} and lay there for a while.",
    "Slept badly again, up twice in the night.",
    "A slow start today.",
    "The morning was better than I expected.",
    "I did not want to get up, but I did.",
    "First thing, I {activity}.",
    "Rain all morning, so I stayed in.",
    "Bright and cold outside, the kind of day that helps.",
    "Today started with a headache that took until noon to go.",
    "Up early, before the alarm for once.",
)
MIDDLES = (
    "Later I {activity}, which helped more than I thought it would.",
    "In the afternoon I {activity} and then sat in {place} for a bit.",
    "{person} asked how I was and I actually answered honestly.",
    "I noticed I was feeling {feeling}, and I let it be there instead of fighting it.",
    "Work was a lot: three meetings back to back and a deadline moved forward.",
    "I kept thinking about what {person} said last week.",
    "Spent too long on my phone and felt {feeling} afterwards.",
    "I tried the breathing exercise again, four in and six out, ten times.",
    "Ate a proper lunch instead of crisps at my desk.",
    "There was a moment in {place} when everything went quiet and I felt {feeling}.",
    "I caught myself planning the worst case again and stopped to write it down instead.",
    "The therapist asked what I would say to a friend in my place.",
    "I {activity} even though I did not feel like it.",
    "Got a message from {person} out of the blue, and it made my day.",
    "Spent an hour in {place} doing nothing in particular.",
    "My shoulders were up by my ears most of the day.",
    "I said no to something, politely, and the sky did not fall.",
    "Cooked something new and it was mostly edible.",
    "Took the long way home past {place}.",
    "Felt {feeling} for most of the afternoon, then it lifted without my noticing when.",
    "The to-do list was shorter than I feared once I wrote it all down.",
    "I remembered to take my meds on time, which sounds small but is not.",
)
ENDINGS = (
    "Going to bed early.",
    "Tomorrow, the same again if I can.",
    "Not a great day, but not the worst either.",
    "Writing this down helps, even when I do not feel like it.",
    "I am more {feeling} than I was this morning.",
    "One thing at a time.",
    "Enough for today.",
    "I think that counts as a good day.",
)
WORDS = (
    "really",
    "actually",
    "quietly",
    "slowly",
    "finally",
    "mostly",
    "almost",
    "probably",
    "gently",
    "somehow",
    "again",
    "still",
    "already",
    "just",
    "maybe",
    "honestly",
)
HEADINGS = ("Later", "Evening", "Things to remember", "What went well", "Work", "Notes to self", "Tomorrow")
QUOTES = (
    "You do not have to see the whole staircase, just take the first step.",
    "Feelings are visitors. Let them come and go.",
    "Progress, not perfection.",
    "What you practise grows stronger.",
    "Rest is not a reward; it is part of the work.",
)
TITLES = (
    "A quieter morning",
    "Small steps",
    "Rain again",
    "The long walk",
    "After therapy",
    "Back to work",
    "A hard day",
    "Better than yesterday",
    "Café & friends",
    "Sunday",
    "Slept in",
    "The “good” kind of tired",
    "Naming it",
    "Bad night, better morning",
    "Seeing {person}",
    "A day off",
    "Ups and downs",
    "Still here",
    "Small wins",
    "Crêpes at noon",
)
WINS = (
    "Got up before nine",
    "Texted {person} back",
    "Went outside",
    "Cooked dinner",
    "Made the bed",
    "Finished the report",
    "Said no to overtime",
    "Called the doctor",
    "Went for a run",
    "Took my meds on time",
    "Drank enough water",
    "Asked for help",
    "Did the laundry",
    "Read for half an hour",
    "Went to bed before midnight",
    "Replied to every email",
    "Paid the bills",
    "Walked to work",
    "Sat with a hard feeling without running",
)
GRATITUDE = (
    "Rain on the window",
    "A warm bed",
    "{person} checking in",
    "Good coffee",
    "The cat",
    "Sunlight in the afternoon",
    "A quiet train",
    "Clean sheets",
    "Soup",
    "Music on the way home",
    "A long phone call with {person}",
    "Fresh bread",
    "My therapist",
    "The smell of the garden",
)
COPING = (
    "went for a walk",
    "called {person}",
    "breathing exercise",
    "wrote it down",
    "had a bath",
    "listened to music",
    "took a nap",
    "made tea",
    "grounding: five things I can see",
    "left the phone in another room",
)
EXTRA_KEYS = {  # unknown keys, kept for templates; not near misses of known ones
    "weather": ("rain", "sun", "cloud", "snow", "wind", "fog"),
    "place": ("home", "work", "away", "at my parents'", "on holiday"),
}
TAG_HEAD = (  # the common tags, most used first
    "walk",
    "work",
    "therapy",
    "family",
    "sleep",
    "anxiety",
    "friends",
    "cooking",
    "exercise",
    "reading",
    "weekend",
    "meds",
    "nature",
    "music",
    "money",
    "health",
    "rest",
    "creative",
    "garden",
    "travel",
    "partner",
    "kids",
    "weather",
    "film",
    "volunteering",
    "study",
)
TAG_TAIL_KINDS = ("trip", "book", "project", "person", "course", "gig", "recipe", "film", "hike", "visit")
TAG_TAIL_NAMES = (
    "lisbon",
    "oslo",
    "middlemarch",
    "dune",
    "kitchen",
    "garden-shed",
    "pottery",
    "spanish",
    "guitar",
    "wales",
    "skye",
    "moby-dick",
    "bread",
    "curry",
    "alps",
    "grandma",
    "leo",
    "ada",
    "teaching",
    "marathon",
    "coast",
    "piano",
    "photography",
    "cornwall",
    "berlin",
    "rome",
    "knitting",
    "chess",
    "climbing",
    "yoga",
    "sourdough",
    "drawing",
    "choir",
    "moving-house",
    "new-job",
    "dentist",
)


def tag_pool(entries: int) -> list[str]:
    """Distinct tags: the common ones, then a tail that grows with the journal."""
    size = 60 + entries // 15
    pool = list(TAG_HEAD)
    n = 0
    while len(pool) < size:
        kind = TAG_TAIL_KINDS[n % len(TAG_TAIL_KINDS)]
        name = TAG_TAIL_NAMES[(n // len(TAG_TAIL_KINDS)) % len(TAG_TAIL_NAMES)]
        round_ = n // (len(TAG_TAIL_KINDS) * len(TAG_TAIL_NAMES))
        pool.append(f"{kind}-{name}" + (f"-{round_ + 1}" if round_ else ""))
        n += 1
    return pool


# --- one entry -----------------------------------------------------------------------


@dataclass
class Planned:
    date: dt.date
    suffix: str  # "" or "-evening"
    photos: list[tuple[str, bool]] = field(default_factory=list)  # (file name, shown in the body)

    @property
    def stem(self) -> str:
        return f"{self.date.isoformat()}{self.suffix}"

    @property
    def folder(self) -> str:
        return f"{self.date:%Y/%m}"


class Writer:
    def __init__(self, rng: random.Random, tags: list[str]):
        self.rng = rng
        self.tags = tags
        # Zipf-like weights: the k-th tag is used about 1/k^1.1 as often as the first.
        self.tag_weights = [1 / (k**1.1) for k in range(1, len(tags) + 1)]

    def fill(self, text: str) -> str:
        r = self.rng
        while "{" in text:
            text = text.format(
                person=r.choice(PEOPLE),
                place=r.choice(PLACES),
                activity=r.choice(ACTIVITIES),
                feeling=r.choice(FEELINGS),
                hour=f"{r.randint(5, 11)}:{r.choice(('00', '15', '30', '45'))}",
            )
        return text

    def sentence(self, pool: tuple[str, ...]) -> str:
        text = self.fill(self.rng.choice(pool))
        r = self.rng.random()
        if r < 0.08:  # some emphasis, as people write it
            words = text.split(" ")
            i = self.rng.randrange(len(words))
            if words[i].isalpha():
                words[i] = f"*{words[i]}*" if r < 0.05 else f"**{words[i]}**"
            text = " ".join(words)
        elif r < 0.2:
            first = text.split(" ", 1)[0]
            if first != "I" and first not in PEOPLE:
                first = first.lower()
            text = f"{self.rng.choice(WORDS).capitalize()}, {first}{text[len(first) :]}"
        return text

    def body(self, planned: Planned, earlier: Planned | None) -> str:
        r = self.rng
        target = int(r.triangular(150, 600, 260))
        blocks: list[str] = []
        words = 0

        def add(block: str) -> None:
            nonlocal words
            blocks.append(block)
            words += len(block.split())

        add(" ".join([self.sentence(OPENINGS)] + [self.sentence(MIDDLES) for _ in range(r.randint(2, 5))]))
        shown = [name for name, is_shown in planned.photos if is_shown]
        extras = []
        if r.random() < 0.3:
            extras.append("list")
        if r.random() < 0.08:
            extras.append("numbered")
        if r.random() < 0.15:
            extras.append("heading")
        if r.random() < 0.1:
            extras.append("quote")
        if r.random() < 0.02:
            extras.append("table")
        if r.random() < 0.03:
            extras.append("external")
        if earlier is not None and r.random() < 0.03:
            extras.append("earlier")
        extras += ["photo:" + name for name in shown]
        footnote = r.random() < 0.02
        while words < target - 25 or extras:
            if extras and (r.random() < 0.4 or words >= target - 25):
                kind = extras.pop(r.randrange(len(extras)))
                add(self.extra(kind, planned, earlier))
            else:
                add(" ".join(self.sentence(MIDDLES) for _ in range(r.randint(3, 6))))
        if footnote:
            blocks[0] += "[^1]"
            add(f"[^1]: {self.sentence(MIDDLES)}")
        add(self.sentence(ENDINGS))
        return "\n\n".join(blocks) + "\n"

    def extra(self, kind: str, planned: Planned, earlier: Planned | None) -> str:
        r = self.rng
        if kind == "list":
            return "\n".join(f"- {self.sentence(MIDDLES)}" for _ in range(r.randint(3, 5)))
        if kind == "numbered":
            return "\n".join(f"{i}. {self.fill(r.choice(ACTIVITIES)).capitalize()}" for i in range(1, r.randint(3, 6)))
        if kind == "heading":
            return f"## {r.choice(HEADINGS)}\n\n" + " ".join(self.sentence(MIDDLES) for _ in range(r.randint(2, 4)))
        if kind == "quote":
            return f"> {r.choice(QUOTES)}\n\nI keep coming back to that."
        if kind == "table":
            rows = "\n".join(
                f"| {h}:00 | {self.fill(r.choice(ACTIVITIES))} | {r.choice(FEELINGS)} |" for h in (8, 12, 17, 21)
            )
            return "| time | what | how I felt |\n| --- | --- | --- |\n" + rows
        if kind == "external":
            return f"Found [an article on rumination](https://example.org/notes/{r.randint(1, 999)}) that {r.choice(PEOPLE)} sent."
        if kind == "earlier":
            assert earlier is not None
            link = (
                earlier.stem + ".md"
                if earlier.folder == planned.folder
                else f"../../{earlier.folder}/{earlier.stem}.md"
            )
            return f"I read [what I wrote on {earlier.date:%-d %B}]({link}) and it felt far away."
        name = kind.removeprefix("photo:")
        caption = self.fill(
            r.choice(("Rain over {place}", "Lunch", "The view from {place}", "{person} laughing", "Sky"))
        )
        return f"![{caption}]({name})"

    def front_matter(self, planned: Planned, bare: bool) -> str:
        r = self.rng
        if bare:  # no front matter at all: the date comes from the file name
            return ""
        lines = []
        chance = r.random
        if chance() < 0.9:
            if chance() < 0.3:
                # With seconds: Cairn reads `08:15` too, but Hugo needs the seconds.
                when = f"{planned.date.isoformat()} {r.randint(6, 23):02d}:{r.choice(('05', '20', '35', '50'))}:00"
                lines.append(f"date: {when}")
            else:
                lines.append(f"date: {planned.date.isoformat()}")
        if chance() < 0.6:
            lines.append(f"title: {yaml_text(self.fill(r.choice(TITLES)))}")
        if chance() < 0.9:
            lines.append(f"mood: {min(5, max(1, round(r.gauss(3.2, 1.0))))}")
        for name, (_, _, low, high, decimals) in METRICS.items():
            if chance() < 0.6:
                value = min(high, max(low, r.gauss((low + high) / 2, (high - low) / 6)))
                lines.append(f"{name}: {round(value * 2) / 2 if decimals else round(value)}")
        if chance() < 0.85:
            count = min(len(self.tags), r.choice((1, 1, 2, 2, 2, 3, 3, 4, 5)))
            tags = list(dict.fromkeys(r.choices(self.tags, weights=self.tag_weights, k=count)))
            if chance() < 0.01:
                tags[0] = tags[0].capitalize()  # "Walk" and "walk" are one tag
            lines.append(f"tags: {flow(tags)}" if chance() < 0.95 else f"tags: {', '.join(tags)}")
        if chance() < 0.7:
            wins = dedupe(self.fill(r.choice(WINS)) for _ in range(r.randint(1, 4)))
            lines.append("wins:\n" + "\n".join(f"  - {yaml_text(w)}" for w in wins))
        if chance() < 0.5:
            lines.append(f"gratitude: {flow(dedupe(self.fill(r.choice(GRATITUDE)) for _ in range(r.randint(1, 3))))}")
        if chance() < 0.6:
            lines.append(f"emotions: {flow(dedupe(r.choice(FEELINGS) for _ in range(r.randint(1, 4))))}")
        if chance() < 0.6:
            lines.append(f"habits: {flow(r.sample(list(HABITS), r.randint(1, 4)))}")
        if chance() < 0.3:
            lines.append(f"coping: {flow(dedupe(self.fill(r.choice(COPING)) for _ in range(r.randint(1, 2))))}")
        if chance() < 0.03:
            lines.append("resurface: false")
        for key, values in EXTRA_KEYS.items():
            if chance() < 0.1:
                lines.append(f"{key}: {yaml_text(r.choice(values))}")
        return "---\n" + "\n".join(lines) + "\n---\n"


_PLAIN = re.compile(r"^[A-Za-z][^:#,\[\]{}&*!|>'\"%@`]*$")


def yaml_text(text: str) -> str:
    """A string as a YAML scalar: plain when that is safe, JSON-quoted otherwise."""
    return text if _PLAIN.match(text) and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(yaml_text(i) for i in items) + "]"


def dedupe(items) -> list[str]:
    return list(dict.fromkeys(items))


def photo(seed: int, width: int = PHOTO_SIZE[0], height: int = PHOTO_SIZE[1]) -> tuple[bytes, str]:
    """A photo-like JPEG (soft blobs of colour), the same bytes for the same seed; a
    small PNG gradient where Pillow is missing. Returns (bytes, suffix)."""
    try:
        from PIL import Image
    except ImportError:
        return png(96, 64, seed), ".png"
    noise = random.Random(seed).randbytes(32 * 24 * 3)
    image = Image.frombytes("RGB", (32, 24), noise).resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue(), ".jpg"


def png(width: int, height: int, seed: int) -> bytes:
    """A small valid PNG: a soft gradient, different for every seed."""
    r0, g0, b0 = (seed * 97) % 256, (seed * 57) % 256, (seed * 31) % 256
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((r0 + x) % 256, (g0 + y) % 256, (b0 + x + y) % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


# --- the journal ---------------------------------------------------------------------


def plan_entries(count: int, rng: random.Random) -> list[Planned]:
    """Dates going back from LAST_DAY: most days one entry, some two, some none."""
    planned: list[Planned] = []
    day = LAST_DAY
    while len(planned) < count:
        roll = rng.random()
        if roll >= 0.05:  # about one day in twenty is skipped
            planned.append(Planned(day, ""))
            if roll >= 0.95 and len(planned) < count:  # and about one in twenty has two entries
                planned.append(Planned(day, "-evening"))
        day -= dt.timedelta(days=1)
    planned.reverse()
    suffix = photo(0, 8, 8)[1]
    for _index, entry in enumerate(planned):
        roll = rng.random()
        if roll < 0.05:
            entry.photos.append((f"{entry.stem}-photo{suffix}", True))
        elif roll < 0.06:
            entry.photos.append((f"{entry.stem}-unused{suffix}", False))
    return planned


def generate(out: Path, entries: int, seed: int = 1, photo_size: tuple[int, int] | None = PHOTO_SIZE) -> dict[str, int]:
    """Write the journal into `out` (which should be empty or absent); no photos if photo_size is None."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    metric_lines = "\n".join(
        f"  {name}: {{label: {label}, {'unit: ' + unit + ', ' if unit else ''}min: {low}, max: {high}}}"
        for name, (label, unit, low, high, _) in METRICS.items()
    )
    (out / "journal.yaml").write_text(
        JOURNAL_YAML.format(
            labels=", ".join(MOOD_LABELS),
            metrics=metric_lines,
            habits="\n".join(f"  {k}: {v}" for k, v in HABITS.items()),
        ),
        encoding="utf-8",
    )
    writer = Writer(rng, tag_pool(entries))
    planned = plan_entries(entries, rng)
    if photo_size is None:
        for entry in planned:
            entry.photos.clear()
    stats = {"entries": 0, "drafts": 0, "photos": 0, "words": 0}
    folders: set[str] = set()
    for index, entry in enumerate(planned):
        folder = out / "content" / entry.folder
        if entry.folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(entry.folder)
        earlier = planned[index - rng.randint(1, min(index, 400))] if index else None
        bare = rng.random() < 0.005
        draft = rng.random() < 0.01
        front = writer.front_matter(entry, bare)
        if draft and front:
            front = front[:-4] + "draft: true\n---\n"
        body = writer.body(entry, earlier)
        (folder / f"{entry.stem}.md").write_text(front + body, encoding="utf-8")
        for name, _ in entry.photos:
            (folder / name).write_bytes(photo(seed * 1_000_003 + index, *photo_size)[0])
        stats["entries"] += 1
        stats["drafts"] += bool(draft and front)
        stats["photos"] += len(entry.photos)
        stats["words"] += len(body.split())
    return stats


def photo_size(text: str) -> tuple[int, int]:
    """'800x600' -> (800, 600), for --photo-size."""
    try:
        width, height = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"a photo size is WIDTHxHEIGHT, like 800x600 (got {text!r})") from None
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError("a photo size must be at least 1x1")
    return width, height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the journal folder to write")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--photo-size", type=photo_size, default=PHOTO_SIZE, help="WIDTHxHEIGHT of the photos")
    parser.add_argument("--no-photos", action="store_true", help="no photos at all")
    args = parser.parse_args()
    stats = generate(args.out, args.entries, args.seed, None if args.no_photos else args.photo_size)
    print(", ".join(f"{v} {k}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
