// Trunk post-build hook step, before csp-hash.mjs: minifies the inline loader in index.html with
// terser (Trunk's HTML minifier leaves scripts as they are, comments included), so every first
// load is a little smaller; csp-hash.mjs then hashes the minified script into the CSP. Then puts
// the pim-bundle metas before the loader and the stylesheet after it (below says why).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("inline: TRUNK_STAGING_DIR is not set");
if ((process.env.TRUNK_PROFILE ?? "release") === "release") {
  const index = join(dir, "index.html");
  let html = readFileSync(index, "utf8");
  const scripts = [...html.matchAll(/(<script(?: type="?module"?)?>)([\s\S]*?)(<\/script>)/g)];
  for (const [whole, open, body, close] of scripts) {
    const { code } = await minify(body, { module: open.includes("module"), ecma: 2020 });
    html = html.replace(whole, `${open}${code}${close}`);
  }
  writeFileSync(index, html);
  console.log(`inline: ${scripts.length} inline script(s) minified`);
}
// The loader finds its module by the pim-bundle metas (wasm.mjs writes them before </head>) as
// it is parsed: they go before the first inline script, and the stylesheet after it, so neither
// the metas' absence nor a pending stylesheet holds the module's download back.
{
  const index = join(dir, "index.html");
  let html = readFileSync(index, "utf8");
  const metas = [...html.matchAll(/<meta name="?pim-bundle"?[^>]*>/g)].map((m) => m[0]);
  const script = html.search(/<script(?![^>]*\bsrc=)[^>]*>/);
  if (metas.length === 0 || script < 0) throw new Error("inline: no pim-bundle metas or no loader in index.html");
  for (const m of metas) html = html.replace(m, "");
  html = html.slice(0, script) + metas.join("") + html.slice(script);
  const sheets = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)].map((m) => m[0]);
  for (const l of sheets) html = html.replace(l, "");
  const end = html.indexOf("</script>", html.search(/<script(?![^>]*\bsrc=)[^>]*>/)) + "</script>".length;
  html = html.slice(0, end) + sheets.join("") + html.slice(end);
  writeFileSync(index, html);
  console.log(`inline: ${metas.length} pim-bundle metas before the loader, ${sheets.length} stylesheet(s) after it`);
}
