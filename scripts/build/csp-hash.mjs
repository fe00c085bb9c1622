// Trunk post-build hook: puts the sha256 of each inline <script> of index.html into the
// Content-Security-Policy (the meta tag and the static-host header files), so script-src
// needs no 'unsafe-inline'.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PLACEHOLDER = "'sha256-TRUNK-INLINE'";
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set");
const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
if (!html.includes(PLACEHOLDER)) throw new Error("CSP placeholder missing in index.html");
for (const name of ["index.html", "staticwebapp.config.json", "_headers"]) {
  const file = join(dir, name);
  if (existsSync(file)) writeFileSync(file, readFileSync(file, "utf8").replaceAll(PLACEHOLDER, hashes.join(" ")));
}
console.log(`csp-hash: ${hashes.length} inline script(s) hashed into the CSP`);
