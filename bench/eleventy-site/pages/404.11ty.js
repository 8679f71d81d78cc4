import { page } from "../lib/journal.js";

export const data = { layout: false, permalink: "/404.html" };

export function render({ page: here }) {
  return page(
    here.url,
    "",
    `<h1>Not here</h1>\n<p>There is no page at this address. <a href="./">Back to the start</a>.</p>`,
  );
}
