// A page per year: its months, with how many entries and wins each.
import { monthTitle, page } from "../lib/journal.js";

export const data = {
  layout: false,
  pagination: { data: "collections.years", size: 1, alias: "year" },
  permalink: (data) => `/${data.year.year}/`,
};

export function render({ year, page: here }) {
  const months = year.months.map((month) => {
    const wins = month.entries.reduce((n, item) => n + (item.data.wins?.length ?? 0), 0);
    return `<section>
  <h2><a href="${String(month.month).padStart(2, "0")}/">${monthTitle(month)}</a></h2>
  <p>${month.entries.length} entries${wins ? `, ${wins} small wins written down` : ""}.</p>
</section>`;
  });
  return page(here.url, String(year.year), `<h1>${year.year}</h1>\n${months.join("\n")}`);
}
