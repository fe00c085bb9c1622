// Long lists: the audit log of a busy week (10,000 entries) is read to its last page, drawn a
// screen at a time, scrolled to its oldest entry and downloaded whole.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { signedInPage, startStack } from "./harness.mjs";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

describe("scale", () => {
  test("10,000 audit entries: every page read, a screenful drawn, the oldest reached by scrolling, all in the CSV", async () => {
    await fetch(`${stack.emulatorUrl}/_emulator/audit`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ generate: 10_000 }),
    });
    // Slow pages: the first ones are on screen while the rest are read.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1.0/auditLogs/*", kind: "latency", latencyMs: 300 }),
    });
    const page = await signedInPage(stack, "Megan Bowen", {}, "/audit");
    const table = page.getByRole("table", { name: "Audit entries" });
    await page.getByRole("status").filter({ hasText: /Reading the audit log… \d+ entries so far/ }).waitFor();
    assert.ok(await table.locator("tbody tr:not(.pim-table__spacer)").count() > 10, "rows shown while reading");
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "DELETE", headers: { "x-emulator-control": "1" } });
    await page.getByRole("status").filter({ hasText: "Reading the audit log" }).waitFor({ state: "detached", timeout: 60_000 });
    // The seeded tenant's own entries come on top of the 10,000.
    const count = Number(await table.getAttribute("aria-rowcount")) - 1;
    assert.ok(count >= 10_000, `rows: ${count}`);
    const drawn = await table.locator("tbody tr:not(.pim-table__spacer)").count();
    assert.ok(drawn > 10 && drawn < 100, `drawn: ${drawn}`);
    assert.equal(await table.getByText("Generated activation 0", { exact: false }).count(), 0);
    await page.getByRole("region", { name: "Audit entries" }).evaluate((r) => { r.scrollTop = r.scrollHeight; });
    // Newest first: the first entry generated is the last row.
    await table.getByRole("cell", { name: "Generated activation 0", exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(csv.trim().split("\n").length - 1, count);
    assert.deepEqual(page.problems, []);
  });

  test("a CSV of a partial read says so in its first line: downloaded while reading, or after a page failed", async () => {
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1.0/auditLogs/*", kind: "latency", latencyMs: 300 }),
    });
    const page = await signedInPage(stack, "Megan Bowen", {}, "/audit");
    const reading = page.getByRole("status").filter({ hasText: /Reading the audit log… \d+ entries so far/ });
    await reading.waitFor();
    const file = async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
      return readFileSync(await download.path(), "utf8");
    };
    assert.match(await file(), /^Partial: downloaded while the audit log was still being read\r\nTime,/);
    // Every further page fails (the connection drops): the reading stops and the file says where.
    await page.route(/auditLogs\/directoryAudits\?.*skiptoken/i, (route) => route.abort("connectionreset"));
    await page.reload();
    await page.getByRole("alert").waitFor({ timeout: 60_000 });
    assert.match(await file(), /^"?Partial: the audit log could not be read past these entries \(/);
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "DELETE", headers: { "x-emulator-control": "1" } });
  });
});
