#!/usr/bin/env node
// The offline bundle in a real browser, driven by tests/bundle.rs:
//
//   node tests/browser/bundle.mjs <bundle-dir>
//
// Opens <bundle-dir>/index.html from file:// in headless Chromium, with
// every non-file:// request refused, then:
//   * clicks through links three levels deep (home → a session → an entity
//     or list page → any page) and checks each lands on a real page;
//   * visits every page reachable within three clicks and checks it loads
//     with no failed request, no script error and no network access;
//   * searches from the header form and follows the first result.
// Prints every failure and exits 1 if there was any.

import { chromium } from "playwright-core";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { watch } from "./util.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update"];
const DEPTH = 3;
const QUERY = "Bedrock";

const failures = [];
function fail(msg) {
  failures.push(msg);
  console.error("FAIL " + msg);
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bundle.mjs <bundle-dir>");
  process.exit(2);
}
const root = pathToFileURL(path.resolve(dir) + "/").href;

/** A page that really is a page of the site: it has a title and <main>. */
async function isSitePage(page) {
  return page.evaluate(() => !!document.querySelector("main") && document.title.trim().length > 0);
}

/** Internal links of the current page, without fragments, deduplicated. */
async function internalLinks(page) {
  // getAttribute, not .href: an SVG <a> has no string href.
  const hrefs = await page.evaluate(() =>
    Array.from(document.querySelectorAll("a[href]"), (a) => new URL(a.getAttribute("href"), document.baseURI).href));
  const out = new Set();
  for (const h of hrefs) {
    if (!h.startsWith(root)) continue;
    const u = h.split("#")[0].split("?")[0];
    if (u.endsWith(".html")) out.add(u);
  }
  return [...out].sort();
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  // Offline means offline: any request that is not a file of the bundle fails the test.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(root) || url.startsWith("data:")) return route.continue();
    fail(`request outside the bundle: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  watch(page, "bundle", fail);

  // 1. Click through three levels.
  await page.goto(root + "index.html");
  const trail = [page.url()];
  const pickers = [
    'a[href*="sessions/"]',
    'main a[href*="products/"], main a[href*="companies/"], main a[href*="speakers/"], main a[href*="topics/"]',
    'main a[href$="index.html"]',
  ];
  for (const selector of pickers) {
    const link = page.locator(selector).first();
    if ((await link.count()) === 0) {
      fail(`no link matching ${selector} on ${page.url()}`);
      break;
    }
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before, { timeout: 10000 }), link.click()]);
    await page.waitForLoadState("load");
    if (!page.url().startsWith(root)) fail(`clicking ${selector} left the bundle: ${page.url()}`);
    if (!(await isSitePage(page))) fail(`clicking ${selector} on ${before} gave no page: ${page.url()}`);
    trail.push(page.url());
  }
  console.log("clicked: " + trail.map((u) => u.slice(root.length)).join(" → "));

  // 2. Every page within three clicks of the home page.
  const seen = new Set([root + "index.html"]);
  let frontier = [root + "index.html"];
  for (let depth = 0; depth < DEPTH && frontier.length; depth++) {
    const next = [];
    for (const url of frontier) {
      await page.goto(url);
      if (!(await isSitePage(page))) fail(`${url.slice(root.length)} is not a page of the site`);
      for (const l of await internalLinks(page)) {
        if (!seen.has(l)) {
          seen.add(l);
          next.push(l);
        }
      }
    }
    frontier = next;
  }
  for (const url of frontier) {
    await page.goto(url);
    if (!(await isSitePage(page))) fail(`${url.slice(root.length)} is not a page of the site`);
  }
  console.log(`visited ${seen.size} pages within ${DEPTH} clicks`);
  if (seen.size < 10) fail(`only ${seen.size} pages reachable: are the links relative?`);

  // 3. Search from the header form, then follow the first result.
  await page.goto(root + "index.html");
  const input = page.locator('header input[name="q"]').first();
  if ((await input.count()) === 0) {
    fail("no search box in the header");
  } else {
    await input.fill(QUERY);
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/, { timeout: 10000 }), input.press("Enter")]);
    try {
      await page.waitForSelector("#search-results li a", { timeout: 15000 });
    } catch {
      fail(`searching "${QUERY}" from file:// showed no results`);
    }
    const hits = await page.locator("#search-results li").count();
    console.log(`search "${QUERY}": ${hits} results`);
    const first = page.locator("#search-results li a").first();
    if ((await first.count()) > 0) {
      const before = page.url();
      await Promise.all([page.waitForURL((u) => u.href !== before, { timeout: 10000 }), first.click()]);
      await page.waitForLoadState("load");
      if (!page.url().startsWith(root) || !(await isSitePage(page))) {
        fail(`the first search result led to ${page.url()}, not a page of the bundle`);
      }
    }
  }
  await browser.close();
}

main()
  .catch((e) => fail(`the run stopped: ${e.stack || e}`))
  .finally(() => {
    console.log(failures.length ? `${failures.length} failures` : "bundle works offline");
    process.exit(failures.length ? 1 : 0);
  });
