// One entry: its mood and metrics, its lists, habits, body, tags, and the entries either side.
import { esc, isoDate, longDate, monthKey, monthTitle, mood, page, relative, site, tagSlug, tagsOf, title } from "../lib/journal.js";

const LISTS = [
  ["wins", "Small wins"],
  ["gratitude", "Grateful for"],
  ["emotions", "Feelings named"],
  ["coping", "What helped"],
];

// Where each entry is in the journal, worked out once per build rather than once per page.
const places = new WeakMap();

function neighbours(entries, inputPath) {
  if (!places.has(entries)) places.set(entries, new Map(entries.map((item, i) => [item.inputPath, i])));
  const i = places.get(entries).get(inputPath);
  return [entries[i - 1], entries[i + 1]];
}

export function render(data) {
  const { page: here, collections } = data;
  const url = here.url;
  const link = (to) => relative(url, to);
  const heading = data.title ? String(data.title) : longDate(here.date);

  const facts = [];
  if (data.mood) facts.push(`<div><dt>Mood</dt><dd>${mood(data)}</dd></div>`);
  for (const [name, metric] of Object.entries(site.metrics)) {
    if (data[name] === undefined || data[name] === null) continue;
    const scale = metric.unit ? ` ${metric.unit}` : ` of ${metric.max}`;
    facts.push(`<div><dt>${metric.label}</dt><dd>${esc(data[name])}${scale}</dd></div>`);
  }

  const lists = [];
  for (const [key, name] of LISTS) {
    if (Array.isArray(data[key]) && data[key].length) lists.push(list("list", name, data[key]));
  }
  if (Array.isArray(data.habits) && data.habits.length) {
    lists.push(list("list habits", "Routines kept", data.habits.map((h) => site.habits[h] ?? h)));
  }

  const tags = tagsOf(data).map((t) => `<a href="${link(`/tags/${tagSlug(t)}/`)}">${esc(t)}</a>`);
  const [earlier, later] = neighbours(collections.entries, here.inputPath);
  const [year, month] = monthKey(here).split("/").map(Number);
  const pager = [
    earlier && `<li class="previous"><a href="${link(earlier.url)}" rel="prev"><span>Earlier</span> ${esc(title(earlier))}</a></li>`,
    `<li><a href="${link(`/${monthKey(here)}/`)}">${monthTitle({ year, month })}</a></li>`,
    later && `<li class="next"><a href="${link(later.url)}" rel="next"><span>Later</span> ${esc(title(later))}</a></li>`,
  ];

  return page(
    url,
    heading,
    `<article class="entry">
  <header>
    <h1>${esc(heading)}</h1>
    <p class="when"><time datetime="${isoDate(here.date)}">${longDate(here.date)}</time></p>
  </header>
  <dl class="facts">
${facts.join("\n")}
  </dl>
${lists.join("\n")}
  <div class="body">
${data.content}
  </div>
${tags.length ? `  <p class="tags">Tags: ${tags.join(", ")}</p>` : ""}
</article>
<nav class="pager" aria-label="Nearby entries">
  <ul>
    ${pager.filter(Boolean).join("\n    ")}
  </ul>
</nav>`,
  );
}

function list(className, name, items) {
  return `  <section class="${className}"><h2>${name}</h2><ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul></section>`;
}

