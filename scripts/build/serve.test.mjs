// scripts/serve.mjs serves a build as production hosts do: the build's precompressed twins by
// Accept-Encoding, immutable caching of hashed files, no-cache and ETags on the rest, the SPA
// fallback, and the security headers on every answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { compress, isHashed } from "./compress.mjs";
import { encodingFor, startAppServer, IMMUTABLE } from "../serve.mjs";

function build() {
  const dir = mkdtempSync(join(tmpdir(), "serve-"));
  const swa = JSON.parse(readFileSync(new URL("../../public/staticwebapp.config.json", import.meta.url), "utf8"));
  writeFileSync(join(dir, "staticwebapp.config.json"), JSON.stringify(swa));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ tenantId: "t", clientId: "c" }));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>pim-groups</title>".repeat(20));
  writeFileSync(join(dir, "bundle-me-0123456789abcdef.js"), "export const x = 1;\n".repeat(200));
  writeFileSync(join(dir, "bundle-me-0123456789abcdef-chunk_1.wasm"), Buffer.alloc(4096, 7));
  compress(dir, join(dir, ".cache"));
  return dir;
}

const get = (url, headers = {}) => fetch(url, { headers, decompress: false });

test("hashed files are named by content and nothing else is", () => {
  assert.ok(isHashed("bundle-me-0123456789abcdef_bg.wasm"));
  assert.ok(isHashed("bundle-me-0123456789abcdef-chunk_12.wasm"));
  assert.ok(isHashed("styles-0123456789abcdef.css"));
  assert.ok(!isHashed("index.html") && !isHashed("config.json") && !isHashed("bundle-me-0123456789abcdef.js.br"));
});

test("the encoding is the client's: brotli first, never one it refused", () => {
  assert.equal(encodingFor("gzip, deflate, br, zstd"), "br");
  assert.equal(encodingFor("gzip"), "gzip");
  assert.equal(encodingFor("br;q=0, gzip"), "gzip");
  assert.equal(encodingFor("identity"), null);
  assert.equal(encodingFor(undefined), null);
});

test("a static host's answers: twins, caching, revalidation, fallback, headers", async () => {
  const dir = build();
  const s = await startAppServer({ dir, port: 0 });
  try {
    // node's fetch decompresses; the raw bytes are read through the encodings it was sent in.
    const js = `${s.url}bundle-me-0123456789abcdef.js`;
    const br = await fetch(js, { headers: { "accept-encoding": "br" } });
    assert.equal(br.headers.get("content-encoding"), "br");
    assert.equal(br.headers.get("cache-control"), IMMUTABLE);
    assert.equal(br.headers.get("vary"), "Accept-Encoding");
    assert.equal(br.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(await br.text(), readFileSync(join(dir, "bundle-me-0123456789abcdef.js"), "utf8"));
    assert.deepEqual(brotliDecompressSync(readFileSync(join(dir, "bundle-me-0123456789abcdef.js.br"))), readFileSync(join(dir, "bundle-me-0123456789abcdef.js")));
    assert.deepEqual(gunzipSync(readFileSync(join(dir, "bundle-me-0123456789abcdef.js.gz"))), readFileSync(join(dir, "bundle-me-0123456789abcdef.js")));
    const gz = await fetch(js, { headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    const plain = await fetch(js, { headers: { "accept-encoding": "identity" } });
    assert.equal(plain.headers.get("content-encoding"), null);
    const wasm = await fetch(`${s.url}bundle-me-0123456789abcdef-chunk_1.wasm`, { headers: { "accept-encoding": "br" } });
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.equal((await wasm.arrayBuffer()).byteLength, 4096);

    for (const path of ["", "groups/x/settings", "index.html"]) {
      const page = await fetch(`${s.url}${path}`, { headers: { "accept-encoding": "br" } });
      assert.equal(page.status, 200, path);
      assert.equal(page.headers.get("cache-control"), "no-cache", path);
      assert.equal(page.headers.get("content-encoding"), "br", path);
      assert.match(page.headers.get("content-security-policy"), /default-src 'none'/, path);
      assert.equal(page.headers.get("x-frame-options"), "DENY", path);
      const again = await fetch(`${s.url}${path}`, { headers: { "if-none-match": page.headers.get("etag") } });
      assert.equal(again.status, 304, `${path} revalidates`);
    }
    const config = await fetch(`${s.url}config.json`);
    assert.equal(config.headers.get("cache-control"), "no-cache");
    assert.ok(config.headers.get("etag"));
    assert.equal((await fetch(`${s.url}missing-0123456789abcdef.js`)).status, 404);
    assert.match((await fetch(`${s.url}missing.js`)).headers.get("content-security-policy"), /frame-ancestors 'none'/, "a 404 has the headers too");
  } finally {
    await s.close();
  }
});
