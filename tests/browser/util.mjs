// Helpers shared by the browser tests.

/** Report console errors, uncaught exceptions, failed requests and HTTP
 * errors of `page` through `fail`. Aborted requests (a navigation that
 * replaced the page) are not failures. */
export function watch(page, label, fail) {
  page.on("console", (m) => {
    if (m.type() === "error") fail(`${label}: console error on ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => fail(`${label}: uncaught error on ${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => {
    const why = (r.failure() && r.failure().errorText) || "";
    if (!why.includes("ERR_ABORTED")) fail(`${label}: request failed: ${r.url()} (${why})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) fail(`${label}: HTTP ${r.status()} for ${r.url()}`);
  });
}

/** Press Tab `n` times and describe each element that gets focus, with
 * whether it shows a focus indicator (an outline or a shadow on the element
 * or on its ::before/::after). */
export async function tabSequence(page, n) {
  const stops = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const shows = (s) =>
        (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== "none");
      const indicator =
        shows(getComputedStyle(el)) || shows(getComputedStyle(el, "::after")) || shows(getComputedStyle(el, "::before"));
      const text = (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40);
      return { desc: `<${el.tagName.toLowerCase()}${el.className ? " class=" + el.className : ""}> "${text}"`, indicator };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}
