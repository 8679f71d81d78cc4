// A minimal Eleventy site that builds the benchmark's synthetic journal into pages like
// Cairn's, beside bench/hugo-site/ which does the same with Hugo. bench/run.py copies this
// folder into bench/work/, links the journal in as journal/ (and the installed packages as
// node_modules/), copies Cairn's stylesheet into theme-static/ and runs Eleventy's CLI.
//
// The entries are Eleventy's own Markdown templates (markdown-it, as Eleventy sets it up);
// the pages around them are plain JavaScript templates (.11ty.js) in pages/.
import path from "node:path";
import fs from "node:fs";
import Image from "@11ty/eleventy-img";
import { ENTRIES, monthKey, relative, tagSlug, tagsOf } from "./lib/journal.js";

// Widths in pixels, never upscaled: Cairn's and Hugo's 1600 and 480 are the longest side,
// which for the benchmark's photos (all landscape) is the width.
const DISPLAY = 1600;
const THUMB = 480;

export default function (eleventyConfig) {
  eleventyConfig.setTemplateFormats(["md", "11ty.js"]);
  eleventyConfig.ignores.add("journal/.cairn/**"); // Cairn's own cache, if it built this journal
  eleventyConfig.addPassthroughCopy({ "theme-static": "static" });

  // Drafts are not published: a preprocessor that returns false skips the file.
  eleventyConfig.addPreprocessor("drafts", "md", (data) => (data.draft === true ? false : undefined));

  // Every entry is drawn by the entry layout at the address Hugo gives it
  // (/2024/03/2024-03-07/); the pages in pages/ set their own layout and address.
  eleventyConfig.addGlobalData("layout", "entry.11ty.js");
  eleventyConfig.addGlobalData("permalink", () => (data) => entryAddress(data.page.inputPath));

  eleventyConfig.addCollection("entries", entriesOf);
  eleventyConfig.addCollection("tagList", (api) => tagList(entriesOf(api)));
  eleventyConfig.addCollection("months", (api) => months(entriesOf(api)));
  eleventyConfig.addCollection("years", (api) => years(months(entriesOf(api))));

  // The photos an entry shows are published as a display size and a thumbnail,
  // re-encoded (sharp, through Eleventy Image, keeps no metadata), beside the month's pages.
  eleventyConfig.addTransform("photos", async function (html) {
    const from = this.page.inputPath;
    if (!from.startsWith("./journal/content/") || !html.includes("<img ")) return html;
    const found = [...html.matchAll(IMAGE)];
    const drawn = await Promise.all(found.map((m) => photo(m, this.page)));
    let next = 0;
    return html.replace(IMAGE, () => drawn[next++]);
  });

  return { markdownTemplateEngine: false }; // entries are Markdown alone, never Liquid
}

const IMAGE = /<img src="([^"]*)" alt="([^"]*)">/g; // as markdown-it writes ![alt](src)

async function photo([tag, src, alt], page) {
  const file = path.join(path.dirname(page.inputPath), decodeURI(src));
  if (/^[a-z]+:|^\//i.test(src) || !fs.existsSync(file)) return tag; // not a photo beside the entry
  const month = "/" + monthKey(page) + "/";
  const sizes = await Image(file, {
    widths: [THUMB, DISPLAY],
    formats: ["auto"],
    outputDir: path.dirname(path.dirname(page.outputPath)),
    urlPath: month,
    sharpJpegOptions: { quality: 82 },
    sharpWebpOptions: { quality: 82 },
  });
  const [published] = Object.values(sizes); // one format, smallest first
  const thumb = published[0];
  const display = published.at(-1);
  const link = (size) => relative(page.url, size.url);
  return (
    `<img src="${link(display)}" srcset="${link(thumb)} ${thumb.width}w, ${link(display)} ${display.width}w"` +
    ` width="${display.width}" height="${display.height}" alt="${alt}">`
  );
}

// Oldest first; two entries of one day by file name, so 2024-03-07 before 2024-03-07-evening.
function entriesOf(api) {
  return api.getFilteredByGlob(ENTRIES).sort((a, b) => a.date - b.date || stem(a).localeCompare(stem(b)));
}

function entryAddress(inputPath) {
  return inputPath.replace(/^\.\/journal\/content/, "").replace(/\.md$/, "/");
}

function stem(item) {
  return item.inputPath.replace(/\.md$/, "");
}

// Every tag with its entries, newest first; the most used tags first, as Hugo's ByCount.
function tagList(entries) {
  const byName = new Map();
  for (const item of entries) {
    for (const name of tagsOf(item.data)) {
      if (!byName.has(name)) byName.set(name, { name, slug: tagSlug(name), entries: [] });
      byName.get(name).entries.push(item);
    }
  }
  const tags = [...byName.values()];
  for (const tag of tags) tag.entries.reverse();
  return tags.sort((a, b) => b.entries.length - a.entries.length || a.name.localeCompare(b.name));
}

// Every month folder with entries in it, oldest first, its entries oldest first.
function months(entries) {
  const byKey = new Map();
  for (const item of entries) {
    const key = monthKey(item);
    if (!byKey.has(key)) {
      const [year, month] = key.split("/").map(Number);
      byKey.set(key, { key, year, month, entries: [] });
    }
    byKey.get(key).entries.push(item);
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function years(allMonths) {
  const byYear = new Map();
  for (const month of allMonths) {
    if (!byYear.has(month.year)) byYear.set(month.year, { year: month.year, months: [] });
    byYear.get(month.year).months.push(month);
  }
  return [...byYear.values()];
}
