// Every tag, the most used first, with how many entries carry it.
import { esc, page } from "../lib/journal.js";

export const data = { layout: false, permalink: "/tags/" };

export function render({ collections, page: here }) {
  const rows = collections.tagList.map((tag) => {
    const count = tag.entries.length;
    return `  <li><a href="${tag.slug}/">${esc(tag.name)}</a> <span class="count">${count} ${count === 1 ? "entry" : "entries"}</span></li>`;
  });
  return page(here.url, "Tags", `<h1>Tags</h1>\n<ul class="tag-list">\n${rows.join("\n")}\n</ul>`);
}
