// index.html's loader against the page table it is given (pages.json): every page's path opens
// its own bundle before any wasm runs, and a path no page has opens the fallback bundle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const table = JSON.parse(readFileSync(new URL("./pages.json", import.meta.url), "utf8"));
const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
const source = /const pageOf = [\s\S]*?\n {4}const bundleOf = [^\n]*;/.exec(html)?.[0];
const bundleOf = new Function("rows", "fallback", `${source}; return bundleOf;`)(
  table.pages.map((p) => [p.pattern, p.bundle]),
  table.fallback,
);

test("the loader is index.html's and names no page", () => {
  assert.ok(source, "no bundleOf in index.html");
  assert.ok(html.includes('"PIM-PAGES"'));
  for (const p of table.pages.filter((p) => p.pattern !== "/")) assert.ok(!html.includes(`"${p.pattern}`), p.pattern);
});

test("every page's path opens its bundle, literal segments beating parameters", () => {
  for (const p of table.pages) {
    const path = p.pattern.replace(/:role\b/, "owner").replace(/:[a-z]+/g, "0f2c-x");
    assert.equal(bundleOf(path), p.bundle, path);
    assert.equal(bundleOf(`${path}/`), p.bundle, `${path}/`);
  }
  assert.equal(bundleOf("/groups/new"), "groups");
  assert.equal(bundleOf("/groups/bulk"), "reviews");
  assert.equal(bundleOf("/groups/0f2c/settings/member"), "groups");
});

test("a path no page has opens the fallback bundle", () => {
  for (const path of ["/nowhere", "/groups/a/b/c/d", "/my"]) assert.equal(bundleOf(path), table.fallback, path);
});
