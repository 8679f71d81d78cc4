// Runs Lighthouse's accessibility and best-practices audits on several pages with one
// Chromium, and prints {url: {categories, failing audits}} as JSON.
// Usage: node tests/lighthouse.mjs NODE_MODULES CHROMIUM URL...
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modules, chromePath, ...urls] = process.argv.slice(2);
const load = (name, file) => import(pathToFileURL(path.join(modules, name, file)).href);
const { default: lighthouse } = await load("lighthouse", "core/index.js");
const chromeLauncher = await load("chrome-launcher", "dist/index.js");

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync"],
});
const results = {};
try {
  for (const url of urls) {
    const run = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ["accessibility", "best-practices"],
      // Simulated throttling loads the page at full speed and only models timings, which these
      // audits do not use; observed throttling ("provided") waits at least 5.25 s four times a page.
      throttlingMethod: "simulate",
      logLevel: "error",
      disableFullPageScreenshot: true, // the audits asked for read the page, not its picture
    });
    const { categories, audits } = run.lhr;
    results[url] = {
      scores: Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, c.score])),
      failing: Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && ["binary", "numeric"].includes(a.scoreDisplayMode))
        .map((a) => `${a.id}: ${a.title}`),
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
