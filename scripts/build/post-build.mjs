// Trunk post-build hook: the steps that rewrite index.html, in order (Trunk may run separate
// hooks of one stage at once, and each of these writes the same file). scripts/build/README.md
// says what each does.
await import("./pages.mjs");
await import("./wasm.mjs");
await import("./styles.mjs");
await import("./inline.mjs");
await import("./csp-hash.mjs");
// Last, once every hashed file has its final bytes: their brotli and gzip twins.
const { compress } = await import("./compress.mjs");
const { files, made } = compress(process.env.TRUNK_STAGING_DIR);
console.log(`compress: brotli and gzip twins of ${files} hashed files (${made} made, the rest from the cache)`);
