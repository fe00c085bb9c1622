// Trunk post-build hook step, before csp-hash.mjs: minifies the inline loader in index.html with
// terser (Trunk's HTML minifier leaves scripts as they are, comments included), so every first
// load is a little smaller; csp-hash.mjs then hashes the minified script into the CSP.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("inline: TRUNK_STAGING_DIR is not set");
if ((process.env.TRUNK_PROFILE ?? "release") === "release") {
  const index = join(dir, "index.html");
  let html = readFileSync(index, "utf8");
  const scripts = [...html.matchAll(/(<script type="?module"?>)([\s\S]*?)(<\/script>)/g)];
  for (const [whole, open, body, close] of scripts) {
    const { code } = await minify(body, { module: true, ecma: 2020 });
    html = html.replace(whole, `${open}${code}${close}`);
  }
  writeFileSync(index, html);
  console.log(`inline: ${scripts.length} inline script(s) minified`);
}
