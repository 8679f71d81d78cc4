// Every entry on one page, newest first, under its year and month.
import { entryList, monthTitle, page } from "../lib/journal.js";

export const data = { layout: false, permalink: "/timeline/" };

export function render({ collections, page: here }) {
  const years = [...collections.years].reverse().map(
    (year) => `<section class="year">
  <h2>${year.year}</h2>
${[...year.months]
  .reverse()
  .map((month) => `  <h3>${monthTitle(month)}</h3>\n${entryList([...month.entries].reverse(), here.url, "entries compact")}`)
  .join("\n")}
</section>`,
  );
  return page(here.url, "Timeline", `<h1>Timeline</h1>\n${years.join("\n")}`);
}
