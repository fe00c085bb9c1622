// Prints the raw, gzip and brotli size of every file of the built app, the totals, and what the
// first visit to each entry page downloads (first_load_brotli_bytes_<route>) against the budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    // The build's precompressed twins (.br, .gz) are the same files again.
    if (statSync(p).isDirectory()) walk(p);
    else if (!/\.(br|gz)$/.test(name)) files.push(p);
  }
};
walk(dir);
files.sort();

const rows = files.map((f) => {
  const data = readFileSync(f);
  return {
    file: relative(dir, f),
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (v, n) => String(v).padStart(n);
console.log(`${"file".padEnd(48)} ${pad("raw", 10)} ${pad("gzip", 10)} ${pad("brotli", 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(48)} ${pad(r.raw, 10)} ${pad(r.gzip, 10)} ${pad(r.brotli, 10)}`);
console.log(`${"total".padEnd(48)} ${pad(total.raw, 10)} ${pad(total.gzip, 10)} ${pad(total.brotli, 10)}`);
console.log(`total_gzip_bytes ${total.gzip}`);
console.log(`total_brotli_bytes ${total.brotli}`);

// What a first visit to each entry page downloads before it paints: the page, its styles, the
// runtime config and the one bundle index.html's loader picks for it: its glue, its main module
// and the loader of its chunks, not the chunks (tests/e2e/bundles.test.mjs checks in Chromium
// that no other bundle is fetched, and no chunk before the entry pages' first rows). The budget
// is issue 14's.
const BUDGET = 250000;
const size = (pred) => rows.filter((r) => pred(r.file)).reduce((t, r) => t + r.brotli, 0);
const page = size((f) => f === "index.html" || f === "config.json" || f.endsWith(".css"));
// Named by the bundle's first page in the table (pages.json, from src/pages.rs), as the README's
// figures have been since issue 14.
const TABLE = JSON.parse(readFileSync(new URL("./build/pages.json", import.meta.url), "utf8"));
const NAMES = { approval: "approval_page", me: "my_groups", requests: "my_requests", reviewer: "review_access" };
for (const name of TABLE.bundles) {
  const [route, bundle] = [NAMES[name] ?? name, `bundle-${name}`];
  const bytes = page + size((f) => f.startsWith(`${bundle}-`) && (f.endsWith(".js") || f.endsWith("_bg.wasm")));
  console.log(`first_load_brotli_bytes_${route} ${bytes} (${bytes <= BUDGET ? "within" : "over"} the budget of ${BUDGET})`);
  const chunks = rows.filter((r) => r.file.startsWith(`${bundle}-`) && r.file.endsWith(".wasm") && !r.file.endsWith("_bg.wasm"));
  console.log(`chunks_brotli_bytes_${route} ${chunks.reduce((t, r) => t + r.brotli, 0)} (${chunks.length} fetched when first needed)`);
}
