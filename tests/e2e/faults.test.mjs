// The client's write rules and paging (issue 12), against the emulator's faults: a write whose
// answer is lost is read back, never sent twice; a token refused inside a $batch is refreshed and
// the parts resent; every page of a collection is read.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, newPage, signIn, signedInPage, startStack } from "./harness.mjs";
import { ALEX, advance, log, setUpS1, state } from "./stories.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";

async function fault(stack, body) {
  const res = await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(res.status, 201);
}
const clearFaults = (stack) => fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "DELETE", headers: { "x-emulator-control": "1" } });
const emulatorNow = async (stack) => Date.parse((await (await fetch(`${stack.emulatorUrl}/_emulator/clock`)).json()).now);

describe("writes whose answer is lost", () => {
  let stack, group;
  before(async () => { stack = await startStack(); group = await setUpS1(stack); });
  after(async () => { await stack?.stop(); });

  test("New group under 'apply, then 504' makes exactly one group and says it was created", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
    await page.getByLabel("Group name").fill("Lost Answer Admins");
    const mark = (await log(stack)).total;
    await fault(stack, { path: "/v1.0/groups", method: "POST", kind: "applyThenError", status: 504, count: 1 });
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByText("Group Lost Answer Admins created.").waitFor();
    const made = (await state(stack)).groups.filter((g) => g.displayName === "Lost Answer Admins");
    assert.equal(made.length, 1, "one group, not two");
    const posts = (await log(stack, mark)).value.filter((r) => r.method === "POST" && r.url === "/v1.0/groups");
    assert.equal(posts.length, 1, "the POST was not resent");
    await clearFaults(stack);
  });

  test("a lost New group that made nothing never claims an older group of the same name", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
    await page.getByLabel("Group name").fill("Marketing");
    await fault(stack, { path: "/v1.0/groups", method: "POST", kind: "error", status: 500, count: 1 });
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("alert").filter({ hasText: /safe to try again/ }).waitFor();
    assert.equal(await page.getByText("Group Marketing created.").count(), 0);
    assert.equal((await state(stack)).groups.filter((g) => g.displayName === "Marketing").length, 1, "only the old one");
    await clearFaults(stack);
  });

  test("back from the step-up page (the back/forward cache), Activate leaves for it again", async () => {
    // Playwright turns the back/forward cache off by default; this browser keeps it, as people's do.
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, ignoreDefaultArgs: ["--disable-back-forward-cache"] });
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(() => addEventListener("pageshow", (e) => { if (e.persisted) sessionStorage.setItem("test.restored", "1"); }));
    await signIn(page, stack, "Alex Wilber", "/my/groups");
    const name = "Activate – CA-Exclusion-LegacyMFA";
    const submit = () => page.getByRole("dialog", { name }).getByRole("button", { name: "Activate" }).click();
    await page.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
    await page.getByRole("dialog", { name }).getByLabel("Reason").fill("Back button story");
    await submit();
    await page.getByRole("button", { name: "Continue" }).waitFor();
    // A page restored from the cache fires no load event: wait only for the navigation.
    await page.goBack({ waitUntil: "commit" });
    await page.getByRole("dialog", { name }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem("test.restored")), "1", "restored from the back/forward cache");
    await submit();
    await page.getByRole("button", { name: "Continue" }).waitFor();
    assert.equal(new URL(page.url()).origin, stack.emulatorUrl, "on the step-up page again");
    await browser.close();
  });

  test("an activation batch under 'apply, then drop' leaves one request and the pane says it is pending", async () => {
    const page = await newPage(stack);
    await page.clock.setSystemTime(await emulatorNow(stack));
    await signIn(page, stack, "Alex Wilber", "/my/groups");
    const name = "Activate – CA-Exclusion-LegacyMFA";
    await page.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
    await page.getByRole("dialog", { name }).getByLabel("Reason").fill("Dropped connection story");
    // A fresh page holds no token with the group's authentication context: the first Activate
    // leads through the step-up page. The fault is armed for the batch that carries the request.
    const submit = async () => page.getByRole("dialog", { name }).getByRole("button", { name: "Activate" }).click();
    await submit();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    await fault(stack, { path: "/v1.0/$batch", method: "POST", kind: "applyThenDrop", count: 1 });
    await submit();
    await page.getByText("CA-Exclusion-LegacyMFA (Member): Request sent: pending approval.").waitFor();
    const mine = (await state(stack)).requests.filter((r) => r.groupId === group && r.principalId === ALEX && r.action === "selfActivate");
    assert.equal(mine.length, 1, "one request");
    assert.equal(mine[0].status, "PendingApproval");
    const armed = (await (await fetch(`${stack.emulatorUrl}/_emulator/faults`)).json()).value;
    assert.deepEqual(armed.map((f) => f.count), [0], "the fault was armed and fired");
    await clearFaults(stack);
  });

  test("an approval under 'apply, then 504' shows the decision recorded", async () => {
    const pending = (await state(stack)).requests.find((r) => r.groupId === group && r.status === "PendingApproval");
    assert.ok(pending, "a request waits");
    const diego = await newPage(stack);
    await diego.clock.setSystemTime(await emulatorNow(stack));
    await signIn(diego, stack, "Diego Siciliani", `/approvals/${pending.id}`);
    await diego.getByRole("button", { name: "Approve" }).click();
    await diego.getByLabel("Justification").fill("Approved through a lost answer");
    const mark = (await log(stack)).total;
    await fault(stack, { path: "/v1.0/identityGovernance/privilegedAccess/group/assignmentApprovals/*", method: "PATCH", kind: "applyThenError", status: 504, count: 1 });
    await diego.getByRole("button", { name: "Submit" }).click();
    await diego.getByText(/^Approved by Diego Siciliani/).waitFor();
    const patches = (await log(stack, mark)).value.filter((r) => r.method === "PATCH" && r.url.includes("assignmentApprovals"));
    assert.equal(patches.length, 1, "the decision was sent once");
    assert.notEqual((await state(stack)).requests.find((r) => r.id === pending.id).status, "PendingApproval");
    await clearFaults(stack);
  });

  test("a dropped /token during a refresh is tried again: the user stays on the page with the edits", async () => {
    const control = (path, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await control("token-lifetime", { seconds: 2 });
    try {
      const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
      await page.getByLabel("Group name").fill("Blip Group");
      await page.waitForTimeout(2500); // the token is stale now
      await fault(stack, { path: "*/oauth2/v2.0/token", kind: "drop", count: 1 });
      const at = page.url();
      await page.getByRole("button", { name: "Create" }).click();
      await page.getByText("Group Blip Group created.").waitFor();
      assert.equal(page.url(), at, "never sent away to sign in");
      const armed = (await (await fetch(`${stack.emulatorUrl}/_emulator/faults`)).json()).value;
      assert.deepEqual(armed.map((f) => f.count), [0], "the token endpoint dropped one refresh");
      assert.equal((await state(stack)).groups.filter((g) => g.displayName === "Blip Group").length, 1);
    } finally {
      await control("token-lifetime", { seconds: 3599 });
      await clearFaults(stack);
    }
  });

  test("Assignments refreshes a token Graph refused inside a batch and shows its rows", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${HELPDESK}/assignments`);
    const table = page.getByRole("table", { name: "Eligible assignments" });
    await table.getByRole("row").nth(1).waitFor();
    const before = (await log(stack)).total;
    // Two hours on the emulator's clock only: the browser still believes its token fresh.
    await advance(stack, { hours: 2 });
    await page.getByRole("button", { name: "Refresh" }).click();
    // The old rows stay while the blade reloads: wait for the reload's answers in the log.
    let since = [];
    for (let i = 0; i < 50; i++) {
      since = (await log(stack, before)).value;
      if (since.some((r) => r.inBatch && r.status === 200 && r.url.includes("eligibilitySchedules"))) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await page.waitForLoadState("networkidle");
    assert.ok(since.some((r) => r.inBatch && r.status === 401), "Graph refused the token inside the batch");
    assert.ok(since.some((r) => r.inBatch && r.status === 200 && r.url.includes("eligibilitySchedules")), "and the resent parts were answered");
    assert.equal(await page.getByText("InvalidAuthenticationToken").count(), 0, "no error shown");
    assert.ok((await table.getByRole("row").count()) > 1);
  });
});

describe("paging", () => {
  let stack;
  before(async () => { stack = await startStack({ tenant: "paging", pageSize: 20 }); });
  after(async () => { await stack?.stop(); });

  test("with 20 items a page, Patti sees her 50 eligible groups and Diego all 30 requests waiting", async () => {
    const patti = await signedInPage(stack, "Patti Fernandez", {}, "/my/groups");
    const eligible = patti.getByRole("table", { name: "Eligible assignments" });
    await eligible.getByRole("cell", { name: "Paged Group 49", exact: true }).waitFor();
    assert.equal(await eligible.getByRole("cell", { name: /^Paged Group \d\d$/ }).count(), 50);

    const alex = await signedInPage(stack, "Alex Wilber", {}, "/my/groups");
    const mine = alex.getByRole("table", { name: "Eligible assignments" });
    await mine.getByRole("cell", { name: "Paged Group 29", exact: true }).waitFor();
    for (let n = 0; n < 30; n++) {
      await mine.getByRole("checkbox", { name: `Select Paged Group ${String(n).padStart(2, "0")} (Member)` }).check();
    }
    await alex.getByRole("button", { name: "Activate selected" }).click();
    const pane = alex.getByRole("dialog", { name: /^Activate – Paged Group 00/ });
    await pane.getByLabel("Reason").fill("Thirty at once");
    await pane.getByRole("button", { name: "Activate" }).click();
    await alex.getByText("Paged Group 29 (Member): Request sent: pending approval.").waitFor();
    const waiting = (await state(stack)).requests.filter((r) => r.status === "PendingApproval");
    assert.equal(waiting.length, 30);

    const diego = await signedInPage(stack, "Diego Siciliani", {}, "/approvals");
    const list = diego.getByRole("table", { name: "Requests waiting for your approval" });
    await list.getByRole("link", { name: /Paged Group 29/ }).waitFor();
    assert.equal(await list.getByRole("link", { name: /^Alex Wilber – Paged Group/ }).count(), 30);
    const pages = (await log(stack)).value.filter((r) => r.url.includes("skiptoken"));
    assert.ok(pages.length > 0, "the emulator paged and the app followed");
  });
});
