// A page per month: its entries, oldest first.
import { entryList, monthTitle, page } from "../lib/journal.js";

export const data = {
  layout: false,
  pagination: { data: "collections.months", size: 1, alias: "month" },
  permalink: (data) => `/${data.month.key}/`,
};

export function render({ month, page: here }) {
  const name = monthTitle(month);
  return page(
    here.url,
    name,
    `<h1>${name}</h1>
<p><a href="../">All of ${month.year}</a></p>
${entryList(month.entries, here.url)}`,
  );
}
