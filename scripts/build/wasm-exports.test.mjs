// wasm-exports.mjs on a module small enough to write by hand: a split function's export stays
// when the module imports its loader's stub, and goes when nothing does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dropUnusedSplitExports } from "./wasm-exports.mjs";

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];
const vec = (items) => [items.length, ...items.flat()];

/** A module importing `imports` (functions of type () -> ()) and exporting [name, function]. */
function tiny(imports, exports) {
  const bodies = [[2, 0, 0x0b], [2, 0, 0x0b]];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, 0, 0]])),
    ...section(2, vec(imports.map((n) => [...str("env"), ...str(n), 0, 0]))),
    ...section(3, vec([[0], [0]])),
    ...section(7, vec(exports.map(([n, f]) => [...str(n), 0, f]))),
    ...section(10, vec(bodies)),
  ]);
}

test("a split export nothing imports is dropped, the rest kept, and the module stays valid", () => {
  const used = "__wasm_split_00bar00_import_7f";
  const module = tiny([used], [
    ["__wasm_split_00foo00_export_1a", 1],
    ["__wasm_split_00bar00_export_7f", 2],
    ["main", 1],
  ]);
  const { wasm, dropped } = dropUnusedSplitExports(module);
  assert.deepEqual(dropped, ["__wasm_split_00foo00_export_1a"]);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.deepEqual(names, ["__wasm_split_00bar00_export_7f", "main"]);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.name), [used]);
});

test("a module with no split exports comes back byte for byte", () => {
  const module = tiny([], [["main", 1], ["other", 2]]);
  const { wasm, dropped } = dropUnusedSplitExports(module);
  assert.deepEqual(dropped, []);
  assert.ok(wasm.equals(module));
});
