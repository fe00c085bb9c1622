// Trunk post-build hook step, first: writes the page table (scripts/build/pages.json, itself
// written from src/pages.rs by `make pages`) into index.html's loader as [pattern, bundle] rows
// and the fallback bundle, so index.html names no page and cannot fall out of step with it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PLACEHOLDER = '"PIM-PAGES"';
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("pages: TRUNK_STAGING_DIR is not set");

/** The page table: { bundles, fallback, pages: [{ page, pattern, bundle, heading, chunk, early, then, tiers }] }. */
export const table = JSON.parse(readFileSync(new URL("./pages.json", import.meta.url), "utf8"));

const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
if (!html.includes(PLACEHOLDER)) throw new Error(`pages: no ${PLACEHOLDER} in index.html's loader`);
// A row is [pattern, bundle, first batch's body or 0, tiers beyond sign-in's, second batch's]: the
// loader sends the first batch early, with a token for those tiers (got early too when the tab
// has none), and the second (the groups list's) with the ids of the first's answer.
const rows = table.pages.map((p) => [p.pattern, p.bundle, p.early ?? 0, p.tiers.filter((t) => t !== "user"), ...(p.then ? [p.then] : [])]);
writeFileSync(index, html.replace(PLACEHOLDER, JSON.stringify([rows, table.fallback])));
console.log(`pages: ${rows.length} pages of ${table.bundles.length} bundles in the loader`);
