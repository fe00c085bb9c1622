// Trunk post-build hook, before csp-hash.mjs: gives the bundles Trunk builds as "workers"
// (Trunk 0.21 allows one main app; index.html explains) content-hashed names like the main
// one's, and names each in a <meta name="pim-bundle"> for the loader in index.html.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set");
const base = process.env.TRUNK_PUBLIC_URL ?? "/";
const index = join(dir, "index.html");
let html = readFileSync(index, "utf8");
const metas = [];
for (const name of ["bundle-approval", "bundle-requests", "bundle-groups", "bundle-group", "bundle-reviews"]) {
  const js = join(dir, `${name}.js`);
  const wasm = join(dir, `${name}_bg.wasm`);
  if (!existsSync(js) || !existsSync(wasm)) throw new Error(`bundles: ${name} was not built`);
  const hash = createHash("sha256").update(readFileSync(js)).update(readFileSync(wasm)).digest("hex").slice(0, 16);
  renameSync(js, join(dir, `${name}-${hash}.js`));
  renameSync(wasm, join(dir, `${name}-${hash}_bg.wasm`));
  metas.push(`<meta name="pim-bundle" content="${base}${name}-${hash}.js ${base}${name}-${hash}_bg.wasm">`);
}
if (!html.includes("</head>")) throw new Error("bundles: no </head> in index.html");
html = html.replace("</head>", `${metas.join("")}</head>`);
writeFileSync(index, html);
console.log(`bundles: ${metas.length + 1} bundles named in index.html`);
