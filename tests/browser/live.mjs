#!/usr/bin/env node
// The live-reload script of `recap serve` in a real browser, driven by
// tests/serve.rs:
//
//   node tests/browser/live.mjs <http-url> <site-dir>
//
// Opens the home page, then edits the site under <site-dir> and checks what
// a person would see: a saved recap reloads the page with the new text; a
// broken template shows the error overlay over the page (no reload); fixing
// it removes the overlay. Exits 1 on any failure.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const [url, site] = process.argv.slice(2);
const failures = [];
const check = (cond, msg) => { if (!cond) { failures.push(msg); console.error("FAIL " + msg); } };

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => check(false, `script error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => !!document.getElementById("__recap-live"));
  let loads = 0;
  page.on("load", () => loads++);

  // 1. Save a recap: the page reloads by itself and shows the edit.
  const seeds = path.join(site, "seeds");
  const recap = path.join(seeds, fs.readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort()[0]);
  const text = fs.readFileSync(recap, "utf8");
  fs.writeFileSync(recap, text.replace(/^# (.*)$/m, "# $1 LIVE-BROWSER-MARKER"));
  await page.waitForFunction(() => document.body.textContent.includes("LIVE-BROWSER-MARKER"), null, { timeout: 60000 })
    .catch(() => check(false, "the page did not reload with the edited recap"));
  check(loads >= 1, `the page reloaded ${loads} times`);

  // 2. Break a template: the overlay appears over the page, which stays.
  const template = path.join(site, "themes/default/templates/index.html");
  const good = fs.readFileSync(template, "utf8");
  const before = loads;
  fs.writeFileSync(template, good + "\n{% if %}\n");
  await page.waitForSelector("#__recap-overlay", { timeout: 60000 })
    .catch(() => check(false, "no overlay for a broken template"));
  const overlay = await page.locator("#__recap-overlay").textContent().catch(() => "");
  check(overlay.includes("templates/index.html"), `the overlay names the file: ${overlay.slice(0, 200)}`);
  check(loads === before, "a failed build must not reload the page");

  // 3. Fix it: the overlay goes away.
  fs.writeFileSync(template, good);
  await page.waitForFunction(() => !document.getElementById("__recap-overlay"), null, { timeout: 60000 })
    .catch(() => check(false, "the overlay stayed after the fix"));
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failures` : "live reload works in the browser");
process.exit(failures.length ? 1 : 0);
