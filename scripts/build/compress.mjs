// Trunk post-build hook step, the last: every content-hashed file (the modules, chunks, glue,
// loaders, styles, icon) gets a brotli (.br, quality 11) and a gzip (.gz) twin beside it, made
// once here rather than by the host on each request, for hosts that serve precompressed files
// (nginx's brotli_static and gzip_static, scripts/serve.mjs). index.html and config.json are
// left to the host: a deployment edits them (config.json always), and a stale twin would win.
// A twin is cached by its file's bytes in target/build-cache/compressed/.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** A file named after its content's hash (`name-0123456789abcdef.ext`, `…-chunk.wasm`): it never changes. */
export const isHashed = (name) => /-[0-9a-f]{16}[-_.]/.test(name) && !/\.(br|gz)$/.test(name);

const KINDS = /\.(js|wasm|css|svg|json)$/;

export function compress(dir, cache = join("target", "build-cache", "compressed")) {
  mkdirSync(cache, { recursive: true });
  let made = 0;
  const files = readdirSync(dir).filter((f) => isHashed(f) && KINDS.test(f));
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const key = createHash("sha256").update(bytes).digest("hex");
    for (const [ext, squeeze] of [
      [".br", () => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
      [".gz", () => gzipSync(bytes, { level: 9 })],
    ]) {
      const kept = join(cache, key + ext);
      if (!existsSync(kept)) { writeFileSync(kept, squeeze()); made += 1; }
      copyFileSync(kept, join(dir, f + ext));
    }
  }
  return { files: files.length, made };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node scripts/build/compress.mjs DIR");
  const { files, made } = compress(dir);
  console.log(`compress: brotli and gzip twins of ${files} hashed files (${made} made, the rest from the cache)`);
}
