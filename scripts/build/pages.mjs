// Trunk post-build hook step, first: writes the page table (scripts/build/pages.json, itself
// written from src/pages.rs by `make pages`) into index.html's loader as [pattern, bundle] rows
// and the fallback bundle, so index.html names no page and cannot fall out of step with it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PLACEHOLDER = '"PIM-PAGES"';
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("pages: TRUNK_STAGING_DIR is not set");

/** The page table: { bundles, fallback, pages: [{ page, pattern, bundle, heading, chunk, early }] }. */
export const table = JSON.parse(readFileSync(new URL("./pages.json", import.meta.url), "utf8"));

const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
if (!html.includes(PLACEHOLDER)) throw new Error(`pages: no ${PLACEHOLDER} in index.html's loader`);
// A page with a first batch the loader sends early carries its body as a third element.
const rows = table.pages.map((p) => (p.early ? [p.pattern, p.bundle, p.early] : [p.pattern, p.bundle]));
writeFileSync(index, html.replace(PLACEHOLDER, JSON.stringify([rows, table.fallback])));
console.log(`pages: ${rows.length} pages of ${table.bundles.length} bundles in the loader`);
