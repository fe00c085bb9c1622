// Approvers and audit (issue 8): story S1 from Alex's request to Diego's decision on a phone-sized
// signed-out browser opened from the email link, denial, self-approval, expiry, and the audit blade.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { holdChunks, newPage, screenshot, signIn, signedInPage, startStack } from "./harness.mjs";
import { ALEX, advance, setUpS1, state } from "./stories.mjs";

let stack, group;
before(async () => { stack = await startStack(); group = await setUpS1(stack); });
after(async () => { await stack?.stop(); });

const outbox = async () => (await (await fetch(`${stack.emulatorUrl}/_emulator/outbox`)).json()).value;
const emulatorNow = async () => Date.parse((await (await fetch(`${stack.emulatorUrl}/_emulator/clock`)).json()).now);
const isMemberOf = async (id) => (await state(stack)).groups.find((g) => g.id === id).members.includes(ALEX);
const isMember = async () => (await state(stack)).groups.find((g) => g.id === group).members.includes(ALEX);

/** Alex asks for CA-Exclusion-LegacyMFA (step-up included); returns the request id. */
async function alexAsks(reason) {
  const page = await newPage(stack);
  await page.clock.setSystemTime(await emulatorNow());
  await signIn(page, stack, "Alex Wilber", "/my/groups");
  await page.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
  await page.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).getByLabel("Reason").fill(reason);
  await page.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).getByRole("button", { name: "Activate" }).click();
  if (await page.getByRole("button", { name: "Continue" }).isVisible().catch(() => false) || page.url().includes("/authorize")) {
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    await page.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).getByRole("button", { name: "Activate" }).click();
  }
  await page.getByText("CA-Exclusion-LegacyMFA (Member): Request sent: pending approval.").waitFor();
  const s = await state(stack);
  const req = s.requests.filter((r) => r.groupId === group && r.principalId === ALEX && r.status === "PendingApproval").pop();
  return { page, id: req.id };
}

/** A fresh signed-out phone-sized browser opening `link` and signing in as `person`. */
async function phone(link, person) {
  const page = await newPage(stack, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.clock.setSystemTime(await emulatorNow());
  await page.goto(link);
  await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
  await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
  return page;
}

describe("approvals", () => {
  test("story S1: Diego approves from the email link on a phone, Alex is a member for an hour, then not", async () => {
    const { page: alex, id } = await alexAsks("Legacy payroll export needs password + push MFA");
    const mail = (await outbox()).find((m) => m.requestId === id && m.to.some((t) => t.startsWith("DiegoS@")));
    assert.ok(mail, "Diego got an email");
    assert.equal(mail.link, `${stack.appUrl}/approvals/${id}`);
    const diego = await phone(mail.link, "Diego Siciliani");
    assert.equal(new URL(diego.url()).pathname, `/approvals/${id}`, "back on the request after sign-in");
    await diego.getByRole("heading", { level: 2, name: "Alex Wilber asks for CA-Exclusion-LegacyMFA" }).waitFor();
    const text = await diego.locator(".pim-blade__body").textContent();
    assert.match(text, /Legacy payroll export needs password \+ push MFA/);
    assert.match(text, /1 hour/);
    assert.match(await diego.getByRole("list", { name: "Conditional Access policies" }).textContent(), /Require phishing-resistant MFA for admins — Excludes this group/);
    await screenshot(diego, "approval-phone");
    // The request shows before the code of Approve and Deny arrives (a chunk of its own).
    const chunks = await holdChunks(diego);
    await diego.reload();
    await diego.getByRole("heading", { level: 2, name: "Alex Wilber asks for CA-Exclusion-LegacyMFA" }).waitFor();
    assert.equal(await diego.getByRole("button", { name: "Approve" }).count(), 0);
    chunks.release();
    await diego.getByRole("button", { name: "Approve" }).waitFor();
    assert.ok(chunks.held.some((c) => c.startsWith("decide")), chunks.held.join(" "));
    const wide = await diego.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 376).map((e) => `${e.tagName}.${e.className}`).slice(0, 8));
    const width = await diego.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling at 375 px (${width}): ${wide.join(" ")}`);
    await diego.getByRole("button", { name: "Approve" }).click();
    await diego.getByLabel("Justification").fill("Payroll run tonight, approved");
    await diego.getByRole("button", { name: "Submit" }).dblclick();
    await diego.getByText(/^Approved by Diego Siciliani/).waitFor();
    assert.ok(await isMember(), "Alex is a member");
    await alex.getByRole("link", { name: "My requests" }).click();
    await alex.getByRole("table", { name: "My requests" }).getByText(/Approved by Diego Siciliani/).waitFor();
    await advance(stack, { hours: 1, minutes: 1 });
    assert.ok(!(await isMember()), "and an hour later he is not");
  });

  test("story S8: the guest consultant asks for Exchange Admins - External for 2 hours with a ticket, Adele approves, the consultant's access is in effect", async () => {
    const EX_EXT = "b3c7d634-1627-454b-875b-fa1ed5210e5d";
    const EXT = "40fbe2a6-fd29-48dd-b0f3-e8699fe006ef";
    const ext = await newPage(stack);
    await ext.clock.setSystemTime(await emulatorNow());
    await signIn(ext, stack, "Ext-Consultant", "/my/groups");
    await ext.getByRole("button", { name: "Activate Exchange Admins - External (Member)" }).click();
    const pane = ext.getByRole("dialog", { name: "Activate – Exchange Admins - External" });
    await pane.getByRole("note").filter({ hasText: "Adele Vance will be asked to approve." }).waitFor();
    await pane.getByLabel("Duration (hours)").fill("2");
    await pane.getByLabel("Reason").fill("Fabrikam mailbox migration, wave 2");
    await pane.getByLabel("Ticket number").fill("CHG-4711");
    await pane.getByRole("button", { name: "Activate" }).click();
    await ext.getByText("Exchange Admins - External (Member): Request sent: pending approval.").waitFor();
    const req = (await state(stack)).requests.filter((r) => r.groupId === EX_EXT && r.principalId === EXT && r.status === "PendingApproval").pop();
    assert.equal(req?.ticketInfo?.ticketNumber, "CHG-4711");
    const mail = (await outbox()).find((m) => m.requestId === req.id && m.to.some((t) => t.startsWith("AdeleV@")));
    assert.ok(mail, "Adele got the email");
    const adele = await phone(mail.link, "Adele Vance");
    await adele.getByRole("heading", { level: 2, name: "Ext-Consultant asks for Exchange Admins - External" }).waitFor();
    assert.match(await adele.locator(".pim-blade__body").textContent(), /CHG-4711/);
    await adele.getByRole("button", { name: "Approve" }).click();
    await adele.getByLabel("Justification").fill("Wave 2 is scheduled tonight");
    await adele.getByRole("button", { name: "Submit" }).click();
    await adele.getByText(/^Approved by Adele Vance/).waitFor();
    assert.ok((await state(stack)).groups.find((g) => g.id === EX_EXT).members.includes(EXT), "the consultant is a member");
    // Membership checks see it once the directory has propagated it (30 s in the emulator).
    await advance(stack, { minutes: 1 });
    await ext.reload();
    await ext.getByRole("tab", { name: "Active assignments" }).click();
    await ext.getByRole("status", { name: "In effect: Exchange Admins - External" }).filter({ hasText: /^In effect, with Exchange Administrator/ }).waitFor();
  });

  test("story S1, step 8: the group's History shows Alex's approved hour after it ended, and its CSV one row per period", async () => {
    const megan = await newPage(stack);
    await megan.clock.setSystemTime(await emulatorNow());
    await signIn(megan, stack, "Megan Bowen", `/groups/${group}`);
    await megan.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "History" }).click();
    await megan.waitForURL(`${stack.appUrl}/groups/${group}/history`);
    const table = megan.getByRole("table", { name: "Periods" });
    const hour = table.getByRole("row", { name: /Alex Wilber.*Active.*Activated/ }).first();
    await hour.waitFor();
    const cells = await hour.getByRole("cell").allTextContents();
    assert.equal(cells[1], "Member");
    assert.equal(cells[6], "Ended");
    assert.equal(cells[7], "Legacy payroll export needs password + push MFA");
    assert.equal(cells[9], "Diego Siciliani");
    const minutes = (Date.parse(cells[5].replace(" UTC", "Z").replace(" ", "T")) - Date.parse(cells[4].replace(" UTC", "Z").replace(" ", "T"))) / 60_000;
    assert.equal(minutes, 60, `an hour: ${cells[4]} to ${cells[5]}`);
    // Who could have been a member during that hour: Alex (and anyone eligible then).
    const during = new Date(Date.parse(cells[4].replace(" UTC", "Z").replace(" ", "T")) + 30 * 60_000).toISOString().slice(0, 16);
    await megan.getByLabel("Who could have held a role at (UTC)").fill(during);
    await megan.getByRole("status").filter({ hasText: /Alex Wilber/ }).waitFor();
    await screenshot(megan, "group-history");
    const rows = (await table.getByRole("row").count()) - 1;
    const [download] = await Promise.all([megan.waitForEvent("download"), megan.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = (await (await import("node:fs/promises")).readFile(await download.path(), "utf8")).trim().split("\r\n");
    assert.equal(csv[0], "Principal,Role,Type,How,Start,End,State,Reason,Ticket,Approved by,Ended because");
    assert.equal(csv.length - 1, rows, "one line per period shown");
    assert.ok(csv.some((l) => /^Alex Wilber \(AlexW@contoso\.onmicrosoft\.com\),Member,Active,Activated,.*,Ended,Legacy payroll export needs password \+ push MFA,,Diego Siciliani,$/.test(l)), csv.join("\n"));
  });

  test("a denial leaves Alex out and he reads the reason on My requests; he can't approve his own request", async () => {
    const { page: alex, id } = await alexAsks("Need it again");
    await alex.goto(`${stack.appUrl}/approvals/${id}`);
    await alex.getByText("You made this request, so you can't approve or deny it").waitFor();
    assert.equal(await alex.getByRole("button", { name: "Submit" }).count(), 0);
    const lidia = await phone(`${stack.appUrl}/approvals/${id}`, "Lidia Holloway");
    await lidia.getByText("You are not an approver of this request, so you can't decide it.").waitFor();
    assert.equal(await lidia.getByRole("button", { name: "Submit" }).count(), 0);
    const adele = await phone(`${stack.appUrl}/approvals/${id}`, "Adele Vance");
    // Read after the request shows, with Adele's own rights, which don't reach another person's
    // requests: the page says so, and she decides all the same.
    await adele.getByText(/^Couldn't read the requester's recent activations: Authorization_RequestDenied: .* \(request id [0-9a-f-]{36}\)$/).waitFor();
    await adele.getByRole("button", { name: "Deny" }).click();
    await adele.getByRole("button", { name: "Submit" }).click();
    await adele.getByText("Give a justification for your decision.").waitFor();
    await adele.getByLabel("Justification").fill("Use the jump host instead");
    await adele.getByRole("button", { name: "Submit" }).click();
    await adele.getByText(/^Denied by Adele Vance/).waitFor();
    assert.ok(!(await isMember()));
    assert.equal((await state(stack)).requests.find((r) => r.id === id).status, "Denied");
    await alex.goto(`${stack.appUrl}/my/requests`);
    await alex.getByRole("table", { name: "My requests" }).getByText(/Denied by Adele Vance .*Use the jump host instead/).waitFor();
  });

  test("an approver who may not read what the group grants still decides, and the page says what is missing", async () => {
    const { id } = await alexAsks("Context story");
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1.0/identity/conditionalAccess/policies", kind: "error", status: 403, count: 1 }) });
    const diego = await phone(`${stack.appUrl}/approvals/${id}`, "Diego Siciliani");
    await diego.getByText(/^Couldn't read the Conditional Access policies: /).waitFor();
    await diego.getByRole("list", { name: "Microsoft Entra roles", exact: true }).or(diego.getByText("Membership grants no Microsoft Entra role.")).first().waitFor();
    // Denied, so Alex stays out for the tests that follow.
    await diego.getByRole("button", { name: "Deny" }).click();
    await diego.getByLabel("Justification").fill("Decided without the policy list");
    await diego.getByRole("button", { name: "Submit" }).click();
    await diego.getByText(/^Denied by Diego Siciliani/).waitFor();
    assert.equal((await state(stack)).requests.find((r) => r.id === id).status, "Denied");
  });

  test("a request nobody decided within 24 hours can't be decided, and the page says so", async () => {
    const { id } = await alexAsks("Weekend maintenance");
    await advance(stack, { hours: 25 });
    const diego = await phone(`${stack.appUrl}/approvals/${id}`, "Diego Siciliani");
    await diego.getByText(/This request expired: nobody decided it within 24 hours/).waitFor();
    assert.equal(await diego.getByRole("button", { name: "Submit" }).count(), 0);
  });

  test("the approver's list and the audit blade show the approval, and the CSV holds what is shown", async () => {
    const { id } = await alexAsks("Month-end");
    const diego = await newPage(stack);
    await diego.clock.setSystemTime(await emulatorNow());
    await signIn(diego, stack, "Diego Siciliani", "/approvals");
    const waiting = diego.getByRole("table", { name: "Requests waiting for your approval" });
    await waiting.getByRole("link", { name: /Alex Wilber – CA-Exclusion-LegacyMFA/ }).click();
    await diego.waitForURL(`${stack.appUrl}/approvals/${id}`);

    const megan = await newPage(stack);
    await megan.clock.setSystemTime(await emulatorNow());
    await signIn(megan, stack, "Megan Bowen", `/audit?group=${group}`);
    const from = new Date((await emulatorNow()) - 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date((await emulatorNow())).toISOString().slice(0, 10);
    await megan.getByLabel("From").fill(from);
    await megan.getByLabel("To").fill(to);
    const table = megan.getByRole("table", { name: "Audit entries" });
    const row = table.getByRole("row", { name: /Approve activation request/ }).first();
    await row.waitFor();
    assert.match(await row.textContent(), /Diego Siciliani.*CA-Exclusion-LegacyMFA.*Alex Wilber/);
    await screenshot(megan, "audit");
    const [download] = await Promise.all([megan.waitForEvent("download"), megan.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
    assert.match(csv, /^Time,Activity,Initiated by,Group,Principal,Result,Reason/);
    assert.match(csv, /Approve activation request,Diego Siciliani,CA-Exclusion-LegacyMFA,Alex Wilber/);
    await megan.getByRole("tab", { name: "My audit" }).click();
    await table.getByRole("row", { name: /Update role setting in PIM/ }).first().waitFor();
    assert.equal(await table.getByRole("row", { name: /Approve activation request/ }).count(), 0, "My audit is Megan's own activity");
  });

  test("the approval page names what the group grants: License - Power Automate's licence", async () => {
    const alex = await newPage(stack);
    await alex.clock.setSystemTime(await emulatorNow());
    await signIn(alex, stack, "Alex Wilber", "/my/groups");
    await alex.getByRole("button", { name: "Activate License - Power Automate (Member)" }).click();
    const pane = alex.getByRole("dialog", { name: "Activate – License - Power Automate" });
    await pane.getByLabel("Reason").fill("Build the month-end flow");
    await pane.getByRole("button", { name: "Activate" }).click();
    await alex.getByText("License - Power Automate (Member): Request sent: pending approval.").waitFor();
    const license = (await state(stack)).groups.find((g) => g.displayName === "License - Power Automate").id;
    const req = (await state(stack)).requests.filter((r) => r.groupId === license && r.principalId === ALEX && r.status === "PendingApproval").pop();
    const diego = await phone(`${stack.appUrl}/approvals/${req.id}`, "Diego Siciliani");
    const licences = diego.getByRole("list", { name: "Licences" });
    await licences.waitFor();
    assert.equal((await licences.getByRole("listitem").allTextContents()).join("|"), "POWERAUTOMATE_ATTENDED_RPA");
    await diego.getByText("Membership grants no Microsoft Entra role.").waitFor();
    await diego.getByText(/Azure role assignments \(Azure RBAC\) are not visible/).waitFor();
    const width = await diego.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling (${width}px)`);
  });

  test("a request a pre-approval custom extension denies says so at once, and My requests gives its reasons", async () => {
    const control = (deny) => fetch(`${stack.emulatorUrl}/_emulator/extension`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ deny }) });
    const why = "No Power Automate licence is free: 25 of 25 are in use.";
    assert.equal((await control(why)).status, 204);
    try {
      const alex = await newPage(stack);
      await alex.clock.setSystemTime(await emulatorNow());
      await signIn(alex, stack, "Alex Wilber", "/my/groups");
      const license = (await state(stack)).groups.find((g) => g.displayName === "License - Power Automate").id;
      // The earlier test's request still waits for Diego: cancel it first, as Alex would.
      const waiting = (await state(stack)).requests.some((r) => r.groupId === license && r.principalId === ALEX && r.status === "PendingApproval");
      if (waiting) {
        await alex.getByRole("link", { name: "My requests" }).click();
        await alex.getByRole("button", { name: "Cancel request for License - Power Automate" }).click();
        await alex.getByRole("table", { name: "My requests" }).getByRole("row", { name: /License - Power Automate/ }).getByText("Canceled").first().waitFor();
        await alex.getByRole("link", { name: "My roles" }).click();
      }
      await alex.getByRole("button", { name: "Activate License - Power Automate (Member)" }).click();
      const pane = alex.getByRole("dialog", { name: "Activate – License - Power Automate" });
      await pane.getByLabel("Reason").fill("Build the quarter-end flow");
      await pane.getByRole("button", { name: "Activate" }).click();
      await alex.getByText("License - Power Automate (Member): Denied at once. My requests says by whom and why.").waitFor();
      const denied = (await state(stack)).requests.filter((r) => r.groupId === license && r.principalId === ALEX).pop();
      assert.equal(denied.status, "Denied");
      assert.equal(denied.justification, "Build the quarter-end flow");
      await alex.getByRole("link", { name: "My requests" }).click();
      const row = alex.getByRole("table", { name: "My requests" }).getByRole("row", { name: /Build the quarter-end flow/ });
      await row.getByText(`Denied by Check Power Automate licence stock`, { exact: false }).waitFor();
      assert.match(await row.textContent(), new RegExp(`Denied by Check Power Automate licence stock on .*\u201c${why.replace(/[.:]/g, "\\$&")}\u201d`));
      assert.ok(!(await isMemberOf(license)), "no membership came of it");
    } finally {
      await control(null);
    }
  });
});
