// Reports (issue 33, story S10): a month of activations from the emulator's 90 days of history,
// each once, charted with its table and downloaded as CSV and JSON equal to what the emulator
// holds; standing access; unused eligibility and the access review started from it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { graphToken, signedInPage, startStack } from "./harness.mjs";
import { state } from "./stories.mjs";

const MEGAN = "31ff0c2d-6046-4cf2-8dab-0ad1735f8e7f";

let stack;
before(async () => {
  stack = await startStack();
  const r = await fetch(`${stack.emulatorUrl}/_emulator/history`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ days: 90 }) });
  assert.equal(r.status, 204);
});
after(async () => { await stack?.stop(); });

/** The report's window as its From and To fields show it. */
async function windowOf(page) {
  return { from: await page.getByLabel("From").inputValue(), to: await page.getByLabel("To").inputValue() };
}

/** The file a click on `name` downloads, as text. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return readFileSync(await file.path(), "utf8");
}

/** Makes the emulator answer matching calls with a fault (`_emulator/faults`). */
const fault = (f) => fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(f) });

/** The emulator's activation requests on managed groups asked in the window (days, UTC). */
async function activationsIn({ from, to }) {
  const s = await state(stack);
  const managed = new Set(s.groups.filter((g) => g.onboarded).map((g) => g.id));
  return s.requests.filter((r) => r.action === "selfActivate" && managed.has(r.groupId)
    && r.createdDateTime.slice(0, 10) >= from && r.createdDateTime.slice(0, 10) <= to);
}

describe("reports (S10)", () => {
  test("a month's activations: each once, charted with its figures as a table, CSV and JSON equal to the emulator's, and the address gives the report back", async () => {
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/reports");
    await megan.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    const table = megan.getByRole("table", { name: "Activations", exact: true });
    await table.getByRole("row").nth(1).waitFor();
    const span = await windowOf(megan);
    const days = Math.round((Date.parse(span.to) - Date.parse(span.from)) / 86400000) + 1;
    assert.equal(days, 30, "the last 30 days by default");
    const expected = await activationsIn(span);
    assert.ok(expected.length >= 15, `history in the window: ${expected.length}`);

    assert.equal(await table.getByRole("row").count(), expected.length + 1, "one row a request");
    // A denial shows its approver and outcome, taken from the audit log by its request id.
    const denied = table.getByRole("row").filter({ hasText: "Denied" }).first();
    await denied.getByRole("cell", { name: /Adele Vance|Diego Siciliani/ }).waitFor();
    for (const outcome of ["Expired", "Deactivated", "Canceled"]) {
      assert.ok(await table.getByRole("row").filter({ hasText: outcome }).count() > 0, outcome);
    }

    const chart = megan.getByRole("img", { name: new RegExp(`^Activations per day: ${expected.length} in all`) });
    await chart.waitFor();
    assert.ok(await chart.locator("rect").count() === days);
    await megan.getByText("Activations per day as a table").click();
    const perDay = megan.getByRole("table", { name: "Activations per day" });
    assert.equal(await perDay.getByRole("row").count(), days + 1);
    await megan.getByRole("img", { name: /^Groups most activated: / }).waitFor();

    const csv = (await download(megan, "Download CSV")).trim().split("\r\n");
    assert.match(csv[0], /^Person,Group,Role,Requested,Start,End,Duration,Reason,Ticket number,Approver,Decision time,Outcome$/);
    assert.equal(csv.length - 1, expected.length, "a line per activation, no Partial line");
    for (const r of expected) assert.ok(csv.some((l) => l.includes(r.justification)), r.justification);
    const json = JSON.parse(await download(megan, "Download JSON"));
    assert.deepEqual(json.value.map((v) => v.requestId).sort(), expected.map((r) => r.id).sort());
    assert.equal(json.from, span.from);
    assert.equal(json.partial, null);
    assert.match(json.value[0].startDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // A shorter window is a new address, and that address opened later shows the same report.
    const tenDays = new Date(Date.parse(span.to) - 9 * 86400000).toISOString().slice(0, 10);
    await megan.getByLabel("From").fill(tenDays);
    await megan.waitForURL((u) => u.searchParams.get("from") !== span.from);
    const address = megan.url();
    const narrow = await windowOf(megan);
    const later = await signedInPage(stack, "Megan Bowen", {}, new URL(address).pathname + new URL(address).search);
    const again = later.getByRole("table", { name: "Activations", exact: true });
    await again.getByRole("row").first().waitFor();
    assert.deepEqual(await windowOf(later), narrow);
    const fewer = await activationsIn(narrow);
    await later.getByRole("img", { name: new RegExp(`^Activations per day: ${fewer.length} in all`) }).waitFor();
    assert.deepEqual(megan.problems, []);
  });

  test("what could not be read is named with its code and request id, the files start Partial:, and no list of managed groups is no report", async () => {
    const PIM = "/v1.0/identityGovernance/privilegedAccess/group";
    await fault({ path: "/v1.0/auditLogs/directoryAudits", kind: "error", status: 403, count: 1 });
    await fault({ path: "*/privilegedAccess/group/eligibilitySchedules", kind: "error", status: 403, count: 1 });
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/reports");
    const audit = megan.locator(".pim-message").filter({ hasText: "The audit log could not be read" });
    await audit.getByRole("alert").getByText(/Error code: Authorization_RequestDenied · Request id: [0-9a-f-]{36}/).waitFor();
    const group = megan.locator(".pim-message").filter({ hasText: "could not be read: the report is without it." });
    await group.getByRole("alert").waitFor();
    await megan.getByRole("status").filter({ hasText: /^Reading/ }).waitFor({ state: "detached" });
    const csv = (await download(megan, "Download CSV")).split("\r\n");
    assert.match(csv[0], /^"?Partial: .+ could not be read \(Authorization_RequestDenied: .+the audit log could not be read, so approvers are missing/);
    const json = JSON.parse(await download(megan, "Download JSON"));
    assert.match(json.partial, /the audit log could not be read/);

    await fault({ path: `${PIM}/resources`, kind: "error", status: 403, count: 1 });
    await megan.reload();
    await megan.getByRole("alert").getByText(/Error code: Authorization_RequestDenied/).waitFor();
    assert.equal(await megan.getByRole("table", { name: "Activations", exact: true }).count(), 0, "no empty report in place of an error");
    assert.equal(await megan.getByRole("link", { name: "Download CSV" }).count(), 0);
  });

  test("standing access lists the permanent member; unused eligibility names Nestor, and Start an access review makes reviews of exactly those groups naming those people", async () => {
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/reports?tab=standing");
    const standing = megan.getByRole("table", { name: "Standing access" });
    const patti = standing.getByRole("row", { name: /Patti Fernandez/ });
    await patti.waitFor();
    await patti.getByRole("cell", { name: "Megan Bowen" }).waitFor();
    await patti.getByRole("cell", { name: "Permanent" }).waitFor();
    assert.equal(await standing.getByRole("row", { name: /Lidia Holloway/ }).count(), 0, "an eligible person is not standing access");

    await megan.getByRole("tab", { name: "Unused eligibility" }).click();
    const unused = megan.getByRole("table", { name: "Unused eligibility" });
    await unused.getByRole("row", { name: /Nestor Wilke/ }).first().waitFor();
    const rows = await unused.getByRole("row").allInnerTexts();
    const people = rows.slice(1);
    assert.ok(people.every((r) => !/Lidia Holloway|Ext-Consultant/.test(r)), "who activated in the window is not unused");
    const groups = [...new Set(people.map((r) => r.split("\t")[1].trim()))].sort();
    // The same rule worked out from the emulator: eligible 30 days by the window's end, no
    // activation asked in the window; the page's rows and groups are exactly those.
    const span = await windowOf(megan);
    const s0 = await state(stack);
    const end = Date.parse(span.to) + 86400000;
    const asked = await activationsIn(span);
    const expected = s0.schedules.filter((x) => x.kind === "Eligibility" && x.current && Date.parse(x.start) <= end - 30 * 86400000
      && !asked.some((r) => r.principalId === x.principalId && r.groupId === x.groupId && r.accessId === x.accessId));
    assert.equal(people.length, expected.length, "a row per unused eligibility");
    const nameOf = (id) => s0.groups.find((g) => g.id === id)?.displayName;
    assert.deepEqual(groups, [...new Set(expected.map((x) => nameOf(x.groupId)))].sort());
    const csv = (await download(megan, "Download CSV")).trim().split("\r\n");
    assert.equal(csv.length - 1, people.length);

    await megan.getByRole("button", { name: "Start an access review" }).click();
    await megan.getByRole("heading", { level: 1, name: "New access review" }).waitFor();
    const chosen = megan.getByRole("list", { name: "Groups to review" });
    for (const g of groups) await chosen.getByText(g).waitFor();
    assert.match(await megan.getByLabel("Review name").inputValue(), /^Unused eligibility /);
    await megan.getByRole("button", { name: "Create" }).click();
    await megan.getByText("Access reviews created:").waitFor();

    const token = await graphToken(stack, MEGAN);
    const all = await (await fetch(`${stack.emulatorUrl}/v1.0/identityGovernance/accessReviews/definitions`, { headers: { authorization: `Bearer ${token}` } })).json();
    const made = all.value.filter((d) => d.displayName.startsWith("Unused eligibility "));
    const s = await state(stack);
    const named = (id) => s.groups.find((g) => g.id === id)?.displayName;
    const reviewed = made.map((d) => named(/\/groups\/([^/]+)\//.exec(d.scope.query)[1])).sort();
    assert.deepEqual(reviewed, groups, "a review per group with unused eligibility, no other");
    for (const d of made) {
      assert.match(d.descriptionForReviewers, /Nestor Wilke|Isaiah Langer/);
      assert.doesNotMatch(d.descriptionForReviewers, /Lidia Holloway/);
    }
    assert.deepEqual(megan.problems, []);
  });
});
