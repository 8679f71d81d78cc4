// What the pages share: the journal's settings (as bench/hugo-site/hugo.toml has them),
// escaping, dates, relative links, and an entry's one-line summary.

export const site = {
  title: "A synthetic journal",
  homeEntries: 7,
  moodLabels: ["awful", "low", "okay", "good", "great"],
  metrics: {
    sleep: { label: "Sleep", unit: "hours", max: 14 },
    energy: { label: "Energy", max: 10 },
    anxiety: { label: "Anxiety", max: 10 },
  },
  habits: {
    walk: "Went for a walk",
    meds: "Took medication",
    stretch: "Stretched",
    read: "Read before bed",
    water: "Drank enough water",
    outside: "Got outside in daylight",
  },
};

export const ENTRIES = "journal/content/**/*.md";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Dates are read as UTC, as Eleventy reads them (a date alone is midnight UTC).
export function longDate(date) {
  return `${DAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export function monthTitle(month) {
  return `${MONTHS[month.month - 1]} ${month.year}`;
}

// "2024/03" for an entry: the folder it is in, as Hugo's section is.
export function monthKey(item) {
  return item.inputPath.split("/").slice(-3, -1).join("/");
}

export function title(item) {
  return item.data.title ? String(item.data.title) : longDate(item.date);
}

// An entry's tags as Cairn reads them: a list, or a string of names split at commas;
// "Walk" and "walk" are one tag.
export function tagsOf(data) {
  const raw = data.tags ?? [];
  const names = Array.isArray(raw) ? raw : String(raw).split(",");
  return [...new Set(names.map((t) => String(t).trim().toLowerCase()).filter(Boolean))];
}

export function tagSlug(name) {
  return name.replace(/\s+/g, "-");
}

// A link from the page at `from` to the site address `to`, both as Eleventy writes them
// ("/2024/03/2024-03-07/"), made relative, as Cairn's and Hugo's links are.
export function relative(from, to) {
  const folder = from.slice(0, from.lastIndexOf("/") + 1);
  const up = "../".repeat(folder.split("/").length - 2);
  return up + to.slice(1) || "./";
}

export function mood(data) {
  const value = data.mood;
  if (!value) return "";
  const label = site.moodLabels[value - 1] ?? "";
  return `<span class="mood mood-${esc(value)}">${esc(value)} of ${site.moodLabels.length}: ${esc(label)}</span>`;
}

export function summary(item, from) {
  const wins = item.data.wins?.length;
  return [
    `<a href="${relative(from, item.url)}">${esc(title(item))}</a>`,
    item.data.title ? `<span class="when">${longDate(item.date)}</span>` : "",
    mood(item.data),
    wins ? `<span class="count">${wins} ${wins === 1 ? "win" : "wins"}</span>` : "",
  ].join("\n");
}

export function entryList(items, from, className = "entries") {
  const rows = items.map((item) => `  <li>${summary(item, from)}</li>`).join("\n");
  return `<ol class="${className}">\n${rows}\n</ol>`;
}

// The whole page around what a template draws.
export function page(from, heading, main) {
  const link = (to) => relative(from, to);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${heading ? `${esc(heading)} · ` : ""}${esc(site.title)}</title>
<link rel="stylesheet" href="${link("/static/style.css")}">
</head>
<body>
<a class="skip" href="#main">Skip to the page</a>
<header class="site">
  <p class="site-title"><a href="${link("/")}">${esc(site.title)}</a></p>
  <nav aria-label="Journal">
    <ul>
      <li><a href="${link("/")}">Home</a></li>
      <li><a href="${link("/timeline/")}">Timeline</a></li>
      <li><a href="${link("/tags/")}">Tags</a></li>
    </ul>
  </nav>
</header>
<main id="main">
${main}
</main>
<footer class="site">
  <p>${esc(site.title)}. Private: this site asks nothing of any other server.</p>
</footer>
</body>
</html>
`;
}
