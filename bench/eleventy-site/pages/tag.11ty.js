// A page per tag: its entries, newest first.
import { entryList, esc, page } from "../lib/journal.js";

export const data = {
  layout: false,
  pagination: { data: "collections.tagList", size: 1, alias: "tag" },
  permalink: (data) => `/tags/${data.tag.slug}/`,
};

export function render({ tag, page: here }) {
  return page(
    here.url,
    tag.name,
    `<h1>Tagged “${esc(tag.name)}”</h1>
<p>${tag.entries.length} entries. <a href="../">All tags</a></p>
${entryList(tag.entries, here.url)}`,
  );
}
