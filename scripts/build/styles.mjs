// Trunk post-build hook step: the stylesheets Trunk writes one by one (style/*.css, in the order
// index.html links them) become one file with one <link>: one request instead of five, and
// brotli compresses them together (3,745 bytes apart, 2,798 together). A stylesheet names a
// Fluent System Icon as url("fluent:NAME") (NAME as in npm's @fluentui/svg-icons, MIT): it
// becomes that icon's SVG as a data: URL (the CSP's img-src allows data:), so only the icons the
// styles use ship, and each page gets them with its stylesheet, no request of their own.
import { createHash } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("styles: TRUNK_STAGING_DIR is not set");
const base = process.env.TRUNK_PUBLIC_URL ?? "/";
const index = join(dir, "index.html");
let html = readFileSync(index, "utf8");
// Trunk writes <link href=/name-hash.css integrity=sha384-... rel=stylesheet> (quoted or not).
const links = [...html.matchAll(/<link\b[^>]*\bhref="?([^"\s>]+\.css)"?[^>]*>/g)];
if (links.length === 0) throw new Error("styles: no stylesheet links in index.html");
const icon = (_, name) => {
  const svg = readFileSync(new URL(`../../node_modules/@fluentui/svg-icons/icons/${name}.svg`, import.meta.url), "utf8");
  // Quotes swapped and the few characters a URL must not hold escaped: shorter than base64.
  return `url("data:image/svg+xml,${svg.trim().replace(/"/g, "'").replace(/[<>#%{}]/g, encodeURIComponent)}")`;
};
const css = links
  .map(([, href]) => readFileSync(join(dir, href.slice(base.length)), "utf8"))
  .join("\n")
  .replace(/url\(\s*["']?fluent:([a-z0-9_]+)["']?\s*\)/g, icon);
const name = `styles-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
writeFileSync(join(dir, name), css);
const integrity = `sha384-${createHash("sha384").update(css).digest("base64")}`;
const tag = `<link href="${base}${name}" integrity="${integrity}" rel="stylesheet">`;
html = html.replace(links[0][0], tag);
for (const [link] of links.slice(1)) html = html.replace(link, "");
for (const [, href] of links) unlinkSync(join(dir, href.slice(base.length)));
writeFileSync(index, html);
console.log(`styles: ${links.length} stylesheets in ${name}`);
