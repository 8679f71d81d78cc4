// The home page: the latest entries.
import { entryList, esc, page, site } from "../lib/journal.js";

export const data = { layout: false, permalink: "/" };

export function render({ collections, page: here }) {
  const latest = collections.entries.slice(-site.homeEntries).reverse();
  return page(
    here.url,
    "",
    `<h1>${esc(site.title)}</h1>
<p class="lede">Each entry is a stone on the trail. Here are the latest ones.</p>
${entryList(latest, here.url)}
<p><a href="timeline/">Every entry, on one page</a></p>`,
  );
}
