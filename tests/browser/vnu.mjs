// The Nu HTML Checker (vnu-jar from npm, run with Java) over a built site.

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Check every .html file under `dir`; returns {files, errors, warnings}
 * with one "file:line: message" string per message. */
export function checkHtml(dir) {
  const jar = require("vnu-jar");
  const files = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) files.push(p);
    }
  })(dir);
  files.sort();
  const r = spawnSync("java", ["-Xss4m", "-jar", jar, "--format", "json", "--exit-zero-always", ...files], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  let out;
  try {
    out = JSON.parse(r.stderr || r.stdout);
  } catch (e) {
    throw new Error(`unreadable vnu output (exit ${r.status}): ${(r.stderr || r.stdout).slice(0, 500)}`);
  }
  const errors = [];
  const warnings = [];
  for (const m of out.messages) {
    const where = `${path.relative(dir, m.url ? decodeURIComponent(new URL(m.url).pathname) : "")}:${m.lastLine || "?"}`;
    const line = `${where}: ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, " ").trim().slice(0, 80)}]` : ""}`;
    if (m.type === "error" || m.type === "non-document-error") errors.push(line);
    else if (m.subType === "warning") warnings.push(line);
  }
  return { files: files.length, errors, warnings };
}
