#!/usr/bin/env node
// Browser tests of a site built by recap, driven by tests/browser.rs:
//
//   node tests/browser/run.mjs <http-url> <file-url|-> <outdir> [site-dir]
//
// <http-url>  the built site served over HTTP, ending in `/`
// <file-url>  the offline bundle's folder as a file:// URL, or `-` if none
// <outdir>    where screenshots and browser-report.json go
// <site-dir>  the built site's folder (HTML validation and the page list)
//
// and, for measuring only (no assertions):
//
//   node tests/browser/run.mjs --bench <http-url> [query…]
//
// Every failure is collected; the script prints them all and exits 1 if
// there was any. Headless Chromium is Debian's (/usr/bin/chromium, or
// $CHROMIUM).

import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkHtml } from "./vnu.mjs";
import { watch, tabSequence } from "./util.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = require.resolve("axe-core/axe.min.js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const QUERIES = ["Bedrock", "桑坦德", "代理", "Centrica"];
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const failures = [];
const report = { searches: [], axe: {}, vnu: null, pages: 0, weight: null };

function fail(msg) {
  failures.push(msg);
  console.error("FAIL " + msg);
}

function check(cond, msg) {
  if (!cond) fail(msg);
  return cond;
}

function norm(s) {
  return (s || "").normalize("NFKC").toLowerCase();
}

/** The whole text of a session in site.json, for "which sessions say q". */
function sessionText(s) {
  const parts = [s.title, ...(s.overview || []), ...(s.key_themes || [])];
  for (const sp of s.speakers || []) parts.push(sp.name, sp.role, sp.org);
  for (const e of s.timeline || []) {
    parts.push(e.section, e.heading);
    for (const p of e.points || []) parts.push(p.text);
  }
  return norm(parts.filter(Boolean).join("\n").replaceAll("**", ""));
}

async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Open the search page for `q` and wait until its results are shown. */
async function runSearch(page, searchUrl, q, all = true) {
  const sep = searchUrl.includes("?") ? "&" : "?";
  await page.goto(searchUrl + sep + "q=" + encodeURIComponent(q));
  await page.waitForFunction(
    (q) => {
      const el = document.getElementById("search");
      return el && el.dataset.searchQuery === q && el.getAttribute("aria-busy") === "false";
    },
    q,
    { timeout: 20000 },
  );
  // Show every result page ("more" loads the next ten).
  for (let i = 0; all && i < 50 && (await page.isVisible("#search-more")); i++) {
    const before = await page.locator("#search-results > li").count();
    await page.click("#search-more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before);
  }
  return page.evaluate(() => {
    const root = document.getElementById("search");
    return {
      ms: Number(root.dataset.searchMs),
      status: document.getElementById("search-status").textContent,
      groups: Array.from(document.querySelectorAll("#search-results > li")).map((li) => ({
        href: li.querySelector("h2 a").href,
        title: li.querySelector("h2 a").textContent,
        marks: li.querySelectorAll("mark").length,
        hits: Array.from(li.querySelectorAll(".search-hits a")).map((a) => a.href),
      })),
    };
  });
}

/** `/sessions/x/` from an http or file URL of a page (file URLs end in index.html). */
function pagePath(u, rootUrl) {
  const url = new URL(u);
  let p = url.pathname.slice(new URL(rootUrl).pathname.length - 1);
  return p.replace(/index\.html$/, "");
}

/** Search for each query, check the expected sessions, click a hit. */
async function searchTests(browser, rootUrl, site, label, queries) {
  const sessions = site.sessions;
  // Reduced motion: the theme scrolls smoothly otherwise, and the test
  // would have to wait for the animation to see where it lands.
  const context = await browser.newContext({ viewport: VIEWPORTS[0], reducedMotion: "reduce" });
  const page = await context.newPage();
  const problems = watch(page, label + " search", fail);
  const searchUrl = rootUrl.startsWith("file:") ? rootUrl + "search/index.html" : rootUrl + "search/";

  // The page's tokeniser must agree with src/search/mod.rs.
  await page.goto(searchUrl);
  await page.waitForFunction(() => typeof window.RECAP_SEARCH_TOKENS === "function");
  const parity = await page.evaluate(() =>
    [
      ["Nova 2 Sonic", ["nova", "2", "sonic"]],
      ["Amazon Bedrock AgentCore", ["amazon", "bedrock", "agentcore"]],
      ["Ｂｅｄｒｏｃｋ", ["bedrock"]],
      ["桑坦德", ["桑坦", "坦德"]],
      ["代理", ["代理"]],
      ["云", ["云"]],
      ["AI代理", ["ai", "代理"]],
      ["1320亿美元", ["1320", "亿美", "美元"]],
      ["發佈會", ["发布", "布会"]],
    ].filter(([q, want]) => JSON.stringify(window.RECAP_SEARCH_TOKENS(q)) !== JSON.stringify(want))
      .map(([q, want]) => `${q}: got ${JSON.stringify(window.RECAP_SEARCH_TOKENS(q))}, want ${JSON.stringify(want)}`),
  );
  for (const p of parity) fail(`${label}: tokeniser differs from Rust: ${p}`);
  // A query is also run in the words the other side of the strait writes.
  const variants = await page.evaluate(() =>
    [
      ["晶片", ["晶片", "芯片"]],
      ["芯片", ["芯片", "晶片"]],
      ["軟體開發", ["软体开发", "软件开发"]],
      ["尽快取消", ["尽快取消", "尽缓存消"]],
      ["Bedrock", ["bedrock"]],
      ["Nova2", ["nova2", "nova 2"]],
      ["Trainium 3", ["trainium 3", "trainium3"]],
      ["S3 与 EC2", ["s3 与 ec2"]],
    ].filter(([q, want]) => JSON.stringify(window.RECAP_SEARCH_VARIANTS(q)) !== JSON.stringify(want))
      .map(([q, want]) => `${q}: got ${JSON.stringify(window.RECAP_SEARCH_VARIANTS(q))}, want ${JSON.stringify(want)}`),
  );
  for (const v of variants) fail(`${label}: query variants: ${v}`);
  // A name typed with its number glued on finds the name written apart.
  {
    const apart = (await runSearch(page, searchUrl, "Nova 2")).groups.map((g) => g.href);
    const glued = (await runSearch(page, searchUrl, "nova2")).groups.map((g) => g.href);
    check(apart.length > 0 && JSON.stringify(glued) === JSON.stringify(apart),
      `${label}: "nova2" finds ${glued.length} pages, "Nova 2" ${apart.length}`);
  }

  for (const q of queries) {
    const expected = sessions.filter((s) => sessionText(s).includes(norm(q))).map((s) => s.url);
    check(expected.length > 0, `${label} "${q}": no session of the sample site says it (test data changed?)`);
    let r;
    try {
      r = await runSearch(page, searchUrl, q);
    } catch (e) {
      fail(`${label} "${q}": results never appeared (${e.message.split("\n")[0]})`);
      continue;
    }
    const found = r.groups.map((g) => pagePath(g.href, rootUrl));
    report.searches.push({ mode: label, query: q, ms: r.ms, groups: r.groups.length, expected: expected.length });
    console.log(`  ${label} search "${q}": ${r.groups.length} pages in ${r.ms} ms; expected sessions ${expected.length}`);
    for (const url of expected) {
      check(found.includes(url), `${label} "${q}": session ${url} says it but is not among the results ${JSON.stringify(found)}`);
    }
    check(r.groups.length && expected.includes(found.find((f) => f.startsWith("/sessions/"))),
      `${label} "${q}": the first session result ${found[0]} does not contain the query`);
    check(r.groups.some((g) => g.marks > 0), `${label} "${q}": no match is highlighted with <mark>`);

    // Click the first timeline hit and land on its entry.
    const target = await page.evaluate(() => {
      for (const a of document.querySelectorAll("#search-results .search-hits a")) {
        if (a.hash && a.closest("li").querySelector("mark")) {
          a.setAttribute("data-test-click", "1");
          return { href: a.href, hash: a.hash };
        }
      }
      return null;
    });
    if (!check(target, `${label} "${q}": no result links to a timeline anchor`)) continue;
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before, { timeout: 10000 }), page.click("[data-test-click]")]);
    await page.waitForLoadState("load");
    const landed = await page.evaluate(() => {
      const id = decodeURIComponent(location.hash.slice(1));
      const el = document.getElementById(id);
      const box = el && el.getBoundingClientRect();
      return {
        href: location.href,
        hash: location.hash,
        exists: !!el,
        text: el ? el.textContent : "",
        inView: !!box && box.bottom > 0 && box.top < window.innerHeight,
      };
    });
    check(landed.hash === target.hash, `${label} "${q}": clicked ${target.href} but landed on ${landed.href}`);
    check(pagePath(landed.href, rootUrl) === pagePath(target.href, rootUrl), `${label} "${q}": landed on the wrong page ${landed.href}`);
    check(landed.exists, `${label} "${q}": ${landed.href}: no element with id ${landed.hash}`);
    check(landed.inView, `${label} "${q}": ${landed.href}: the anchored entry is not scrolled into view`);
    check(norm(landed.text).includes(norm(q)), `${label} "${q}": the entry at ${landed.href} does not mention the query`);
  }

  // A reader who writes traditional characters finds the same pages in a
  // site written in simplified ones, the words they matched highlighted.
  {
    const simplified = await runSearch(page, searchUrl, "发布");
    const traditional = await runSearch(page, searchUrl, "發佈");
    const pages = (r) => r.groups.map((g) => pagePath(g.href, rootUrl));
    check(simplified.groups.length > 0, `${label}: "发布" finds nothing on the sample site`);
    check(JSON.stringify(pages(traditional)) === JSON.stringify(pages(simplified)),
      `${label}: "發佈" found ${JSON.stringify(pages(traditional))}, "发布" ${JSON.stringify(pages(simplified))}`);
    check(traditional.groups.some((g) => g.marks > 0), `${label}: "發佈" highlights nothing in the simplified text it found`);
    // Taiwan's word for what the sample recaps call 芯片.
    const mainland = await runSearch(page, searchUrl, "芯片");
    const taiwan = await runSearch(page, searchUrl, "晶片");
    check(mainland.groups.length > 0, `${label}: "芯片" finds nothing on the sample site`);
    check(JSON.stringify(pages(taiwan)) === JSON.stringify(pages(mainland)),
      `${label}: "晶片" found ${JSON.stringify(pages(taiwan))}, "芯片" ${JSON.stringify(pages(mainland))}`);
    check(taiwan.groups.some((g) => g.marks > 0), `${label}: "晶片" highlights nothing in the text it found`);
  }

  // An entity page's "every mention" link (?of=kind:slug): the pages found
  // are exactly the sessions that mention the product, by whatever name.
  const entity = (site.products || []).reduce((best, p) => (!best || p.mentions.length > best.mentions.length ? p : best), null);
  if (check(entity && entity.mentions.length, `${label}: site.json has no product with mentions`)) {
    const want = [...new Set(entity.mentions.map((m) => m.url.split("#")[0]))].sort();
    const r = await runSearch(page, searchUrl + "?of=" + encodeURIComponent("product:" + entity.slug), entity.name);
    const got = r.groups.map((g) => pagePath(g.href, rootUrl)).sort();
    console.log(`  ${label} every mention of ${entity.name}: ${got.length} pages; ${want.length} sessions mention it`);
    check(JSON.stringify(got) === JSON.stringify(want),
      `${label}: every mention of ${entity.name} found pages ${JSON.stringify(got)}, want the sessions that mention it ${JSON.stringify(want)}`);
    check(r.status.includes(entity.name), `${label}: every mention of ${entity.name}: the status "${r.status}" does not name it`);
  }

  // The header box of any page leads to the results.
  const first = rootUrl + sessions[0].url.slice(1) + (rootUrl.startsWith("file:") ? "index.html" : "");
  await page.goto(first);
  await page.fill("#site-search-q", "Bedrock");
  await Promise.all([page.waitForURL(/search\/(index\.html)?\?q=Bedrock/), page.press("#site-search-q", "Enter")]);
  await page
    .waitForFunction(() => document.getElementById("search").dataset.searchQuery === "Bedrock", null, { timeout: 20000 })
    .catch(() => fail(`${label}: searching from the header of ${first} shows no results`));
  check((await page.locator("#search-results > li").count()) > 0, `${label}: the header search found nothing for Bedrock`);

  // A query nobody wrote: the page says so instead of staying blank.
  const none = await runSearch(page, searchUrl, "zzqxjv");
  check(none.groups.length === 0 && none.status.trim().length > 0, `${label}: a query without results shows no message`);
  await context.close();
  return problems;
}

/** Run axe on a page; serious and critical violations fail. */
async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  report.axe[name] = result;
  for (const v of result) {
    const line = `axe ${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(", ")}`;
    if (v.impact === "serious" || v.impact === "critical") fail(line);
    else console.log("  note: " + line);
  }
}

/** Home, a session, a product and the search page: axe in light and dark, screenshots. */
async function pageTests(browser, rootUrl, site, outDir) {
  const session = site.sessions.find((s) => (s.timeline || []).length > 5) || site.sessions[0];
  // The most-mentioned product: the page with the most to show.
  const product = [...(site.products || [])].sort((a, b) => (b.mentions || []).length - (a.mentions || []).length)[0];
  const pages = [
    ["home", rootUrl],
    ["session", rootUrl + session.url.slice(1)],
    ["search", rootUrl + "search/?q=" + encodeURIComponent("Bedrock")],
  ];
  if (product) pages.splice(2, 0, ["product", rootUrl + product.url.slice(1)]);
  else console.log("  note: the site has no product pages yet; skipping the product page checks");

  for (const scheme of ["light", "dark"]) {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: vp, colorScheme: scheme });
      const page = await context.newPage();
      watch(page, `${scheme} ${vp.width}`, fail);
      for (const [name, url] of pages) {
        await page.goto(url);
        await page.waitForLoadState("load");
        if (name === "search") await page.waitForSelector("#search-results li", { timeout: 15000 }).catch(() => fail("search page: no results for Bedrock"));
        await page.evaluate(() => document.fonts.ready);
        const file = `${name}-${scheme === "dark" ? "dark-" : ""}${vp.width}x${vp.height}.png`;
        await page.screenshot({ path: path.join(outDir, file), fullPage: scheme === "light" });
        if (vp.width === 1280 || scheme === "light") await axe(page, `${name} (${scheme}, ${vp.width}px)`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 1, `${name} at ${vp.width}px (${scheme}) scrolls sideways by ${overflow}px`);
      }
      await context.close();
    }
  }
  return { session, product };
}

/** Skip link, visible focus, print styles, and reading with JavaScript off. */
async function readerTests(browser, rootUrl, session, outDir) {
  const sessionUrl = rootUrl + session.url.slice(1);
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  watch(page, "keyboard", fail);

  await page.goto(sessionUrl);
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const a = document.activeElement;
    const box = a.getBoundingClientRect();
    return { cls: a.className, href: a.getAttribute("href"), visible: box.top >= 0 && box.height > 0, outline: getComputedStyle(a).outlineStyle };
  });
  check(/skip/.test(skip.cls), `the first Tab does not reach the skip link (got .${skip.cls})`);
  check(skip.visible, "the skip link is not visible when focused");
  await page.keyboard.press("Enter");
  const afterSkip = await page.evaluate(() => ({ hash: location.hash, active: document.activeElement.id }));
  check(afterSkip.active === "main", `Enter on the skip link does not move focus to main (focus on #${afterSkip.active})`);

  // Every stop of the first 25 Tabs shows where focus is.
  await page.goto(sessionUrl);
  const stops = await tabSequence(page, 25);
  for (const s of stops) check(s.indicator, `no visible focus indicator on ${s.desc}`);
  check(stops.length >= 10, `only ${stops.length} elements reachable by keyboard on a session page`);

  // Print: no site chrome, the timeline stays.
  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => ({
    header: getComputedStyle(document.querySelector(".site-header")).display,
    search: document.querySelector(".site-search") ? getComputedStyle(document.querySelector(".site-search")).display : "none",
    entries: Array.from(document.querySelectorAll(".tl-entry")).filter((e) => getComputedStyle(e).display !== "none").length,
  }));
  check(print.header === "none", "print: the site header is printed");
  check(print.search === "none", "print: the search box is printed");
  check(print.entries > 0, "print: the timeline is not printed");
  await page.pdf({ path: path.join(outDir, "session-print.pdf"), format: "A4" });
  await context.close();

  // JavaScript off: everything but search is there.
  const noJs = await browser.newContext({ viewport: VIEWPORTS[1], javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  watch(p2, "no-js", fail);
  await p2.goto(rootUrl);
  const home = await p2.evaluate(() => ({
    cards: document.querySelectorAll("#sessions a[href]").length,
    chart: !!document.querySelector(".glance svg"),
    text: document.querySelector("main").innerText.length,
  }));
  check(home.cards > 0, "JS off: the home page lists no sessions");
  check(home.text > 200, "JS off: the home page is nearly empty");
  if (!home.chart) console.log("  note: the home page has no products chart (no products mentioned?)");
  await p2.goto(sessionUrl);
  const s = await p2.evaluate(() => ({
    entries: document.querySelectorAll(".tl-entry").length,
    visible: Array.from(document.querySelectorAll(".tl-entry")).filter((e) => e.offsetHeight > 0).length,
  }));
  check(s.entries > 0 && s.visible === s.entries, `JS off: ${s.visible} of ${s.entries} timeline entries visible`);
  await p2.goto(rootUrl + "search/?q=Bedrock");
  const ns = await p2.evaluate(() => {
    const n = document.querySelector(".search-noscript");
    return !!n && n.offsetHeight > 0;
  });
  check(ns, "JS off: the search page does not say it needs JavaScript");
  await noJs.close();
}

/** Visit every page: no console error, no failed request, no broken link or anchor. */
async function crawl(browser, rootUrl, siteDir) {
  const files = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(path.relative(siteDir, p).split(path.sep).join("/"));
    }
  })(siteDir);
  const known = new Set(files);
  const pages = files.filter((f) => f.endsWith(".html")).sort();
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  watch(page, "crawl", fail);
  const ids = new Map();
  const links = [];
  for (const f of pages) {
    const url = rootUrl + f.replace(/(^|\/)index\.html$/, "$1");
    const resp = await page.goto(url);
    check(resp && resp.status() === 200, `crawl: ${url} answered ${resp && resp.status()}`);
    const info = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll("[id]")).map((e) => e.id),
      // getAttribute, not .href: links inside SVG have no string href.
      links: Array.from(document.querySelectorAll("a[href]")).map((a) => new URL(a.getAttribute("href"), document.baseURI).href),
    }));
    ids.set(f, new Set(info.ids));
    for (const l of info.links) links.push([f, l]);
  }
  const origin = new URL(rootUrl).origin;
  let checked = 0;
  for (const [from, l] of links) {
    const u = new URL(l);
    if (u.origin !== origin) continue;
    if (u.pathname.startsWith("/search/") && u.search) continue;
    let rel = decodeURIComponent(u.pathname.slice(1));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    checked++;
    if (!check(known.has(rel), `broken link on ${from}: ${l}`)) continue;
    if (u.hash && rel.endsWith(".html")) {
      const id = decodeURIComponent(u.hash.slice(1));
      check(ids.get(rel).has(id), `broken anchor on ${from}: ${l} (no #${id} in ${rel})`);
    }
  }
  report.pages = pages.length;
  console.log(`  crawled ${pages.length} pages, checked ${checked} internal links`);
  await context.close();
}

/** HTML + CSS + JS bytes a session page loads (no images or fonts). */
async function pageWeight(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = { html: 0, css: 0, js: 0 };
  page.on("response", async (r) => {
    const type = r.request().resourceType();
    const key = type === "document" ? "html" : type === "stylesheet" ? "css" : type === "script" ? "js" : null;
    if (key) sizes[key] += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await context.close();
  return sizes;
}

/** --bench: time searches and count the bytes a first search downloads. */
async function bench(rootUrl, queries) {
  const browser = await launch();
  const out = [];
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    let files = 0;
    page.on("response", async (r) => {
      if (r.url().includes("/search/") && r.url().endsWith(".js") || r.url().includes(".js?v=")) {
        bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
        files++;
      }
    });
    const cold = await runSearch(page, rootUrl + "search/", q, false);
    // Warm: the same query again on the loaded page (shards cached).
    const warm = await page.evaluate(async (q) => {
      const input = document.getElementById("search-q");
      input.value = q + " ";
      input.form.requestSubmit();
      const root = document.getElementById("search");
      while (root.dataset.searchQuery !== q + " " || root.getAttribute("aria-busy") !== "false") await new Promise((r) => setTimeout(r, 5));
      return Number(root.dataset.searchMs);
    }, q);
    out.push({ query: q, cold_ms: cold.ms, warm_ms: warm, pages: cold.groups.length, index_bytes: bytes, index_files: files });
    console.log(`${q}\tcold ${cold.ms} ms\twarm ${warm} ms\t${cold.status}\tfirst search loaded ${files} index files, ${(bytes / 1024).toFixed(1)} KiB`);
    await context.close();
  }
  await browser.close();
  return out;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === "--bench") {
    await bench(argv[1], argv.length > 2 ? argv.slice(2) : ["Bedrock", "桑坦德", "代理", "Centrica", "数据", "Nova 2 Sonic"]);
    return;
  }
  const [httpUrl, fileUrl, outDir, siteDir] = argv;
  if (!httpUrl || !outDir) {
    console.error("usage: node run.mjs <http-url> <file-url|-> <outdir> [site-dir]");
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const site = await (await fetch(httpUrl + "data/site.json")).json();
  const browser = await launch();
  try {
    console.log("search over HTTP");
    await searchTests(browser, httpUrl, site, "http", QUERIES);
    if (fileUrl && fileUrl !== "-") {
      console.log("search from file://");
      await searchTests(browser, fileUrl, site, "file", QUERIES);
    } else {
      console.log("  note: no offline bundle given; file:// search not tested");
    }
    console.log("pages: axe, screenshots");
    const { session } = await pageTests(browser, httpUrl, site, outDir);
    console.log("keyboard, print, JavaScript off");
    await readerTests(browser, httpUrl, session, outDir);
    report.weight = await pageWeight(browser, httpUrl + session.url.slice(1));
    console.log(`  session page weight: ${JSON.stringify(report.weight)} bytes`);
    if (siteDir) {
      console.log("every page");
      await crawl(browser, httpUrl, siteDir);
    }
  } catch (e) {
    fail("test crashed: " + (e && e.stack || e));
  } finally {
    await browser.close();
  }
  if (siteDir) {
    console.log("HTML validity (vnu)");
    try {
      report.vnu = checkHtml(siteDir);
      console.log(`  vnu: ${report.vnu.files} files, ${report.vnu.errors.length} errors, ${report.vnu.warnings.length} warnings`);
      for (const e of report.vnu.errors) fail("vnu: " + e);
      for (const w of report.vnu.warnings.slice(0, 20)) console.log("  vnu warning: " + w);
    } catch (e) {
      fail("vnu could not run: " + e.message);
    }
  }
  const impacts = {};
  for (const list of Object.values(report.axe)) for (const v of list) impacts[v.impact] = (impacts[v.impact] || 0) + 1;
  report.axe_by_impact = impacts;
  report.failures = failures;
  fs.writeFileSync(path.join(outDir, "browser-report.json"), JSON.stringify(report, null, 2));
  console.log(`axe violations by impact: ${JSON.stringify(impacts)}`);
  console.log(`screenshots and report in ${outDir}`);
  if (failures.length) {
    console.error(`\n${failures.length} browser check(s) failed:`);
    for (const f of failures) console.error("  - " + f);
    process.exit(1);
  }
  console.log("all browser checks passed");
}

await main();
