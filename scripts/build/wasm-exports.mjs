// Drops the exports of split functions that a bundle never calls, before wasm-split-cli reads the
// module. Every `#[wasm_split]` function is an exported symbol of the library, so every bundle's
// binary carries every bundle's split functions (and, through the function table, what they
// reach); a bundle calls its own through a matching `__wasm_split_00<chunk>00_import_<id>`
// import. Without its export an unused one is unreachable, and the splitter leaves it out.
// Usage as a script: node scripts/wasm-exports.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from "node:fs";

const EXPORT = /^__wasm_split_00(.*)00_export_/;

function leb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

function encodeLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

/** The names of the module's imported functions and other imports. */
function importNames(wasm) {
  const names = new Set();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    if (id === 2) {
      let [count, p] = leb(wasm, body);
      for (let i = 0; i < count; i++) {
        let [len, q] = leb(wasm, p); // module
        [len, q] = leb(wasm, q + len); // name
        names.add(wasm.subarray(q, q + len).toString("utf8"));
        p = q + len;
        const kind = wasm[p++];
        if (kind === 0) [, p] = leb(wasm, p); // function: type index
        else if (kind === 1) { p += 1; const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
        else if (kind === 2) { const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
        else if (kind === 3) p += 2; // global: type, mutability
        else throw new Error(`wasm-exports: import kind ${kind} not understood`);
      }
    }
    at = body + size;
  }
  return names;
}

/** The module without the split exports nothing imports, and their names. */
export function dropUnusedSplitExports(wasm) {
  const imports = importNames(wasm);
  const unused = (name) => EXPORT.test(name) && !imports.has(name.replace("00_export_", "00_import_"));
  const parts = [wasm.subarray(0, 8)];
  const dropped = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const kept = [];
    for (let i = 0; i < count; i++) {
      const start = p;
      const [len, name] = leb(wasm, p);
      const text = wasm.subarray(name, name + len).toString("utf8");
      let q = name + len + 1; // kind
      [, q] = leb(wasm, q); // index
      if (unused(text)) dropped.push(text);
      else kept.push(wasm.subarray(start, q));
      p = q;
    }
    const content = Buffer.concat([encodeLeb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), encodeLeb(content.length), content);
    at = end;
  }
  return { wasm: Buffer.concat(parts), dropped };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { wasm, dropped } = dropUnusedSplitExports(readFileSync(process.argv[2]));
  writeFileSync(process.argv[3], wasm);
  console.log(`wasm-exports: dropped ${dropped.length} unused split export(s)`);
}
