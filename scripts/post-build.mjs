// Trunk post-build hook: the steps that rewrite index.html, in order (Trunk may run separate
// hooks of one stage at once, and both of these write the same file).
await import("./wasm.mjs");
await import("./csp-hash.mjs");
