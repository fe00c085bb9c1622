// End users: My roles, activation with authentication-context step-up, several at once, and
// My requests (issue 7). Each outcome is checked in the emulator, not only on screen.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { newPage, screenshot, signIn, signedInPage, startStack } from "./harness.mjs";
import { ALEX, adminAssign, advance, log, setUpS1, state } from "./stories.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
const LICENSE = "d1ea7894-ac63-4cab-82c6-24b892ed7ef1";
const TRAVEL = "778c3149-d224-49ad-b4b3-772733a19fa6";
let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const posts = (entries) => entries.filter((r) => r.method === "POST" && r.url.includes("/assignmentScheduleRequests"));

async function stepUp(page) {
  // The emulator's step-up page, then back in the app.
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
}

describe("my roles and activation", () => {
  test("Alex activates CA-Exclusion-LegacyMFA through the step-up page, keeps what he typed, and the request is pending with his reason", async () => {
    const group = await setUpS1(stack);
    const page = await signedInPage(stack, "Alex Wilber", {}, "/my/groups");
    const table = page.getByRole("table", { name: "Eligible assignments" });
    const row = table.getByRole("row", { name: /CA-Exclusion-LegacyMFA/ });
    await row.getByText("Approval, Reason, Phishing-resistant MFA (authentication context), Up to 1 hour").waitFor();
    await row.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
    const pane = page.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" });
    assert.match(await pane.textContent(), /requires the Conditional Access authentication context Phishing-resistant MFA/);
    // Before anything is sent, the pane names who will be asked to approve.
    await pane.getByRole("note").filter({ hasText: "Diego Siciliani and Adele Vance will be asked to approve." }).waitFor();
    assert.match(await pane.textContent(), /Activation alert: The Global and Privileged Role Administrators\./);
    assert.equal(await pane.getByLabel("Duration (hours)").inputValue(), "1");
    await pane.getByLabel("Reason").fill("Legacy payroll export needs password + push MFA");
    const before = (await log(stack)).total;
    await pane.getByRole("button", { name: "Activate" }).click();
    await page.getByText(/must sign in again to satisfy the authentication context/).waitFor();
    assert.equal(posts((await log(stack, before)).value).length, 0, "nothing sent before the step-up");
    await stepUp(page);
    const back = page.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" });
    assert.equal(await back.getByLabel("Reason").inputValue(), "Legacy payroll export needs password + push MFA", "nothing typed is lost");
    await back.getByRole("button", { name: "Activate" }).dblclick();
    await page.getByRole("status", { name: "Results" }).getByText("CA-Exclusion-LegacyMFA (Member): Request sent: pending approval.").waitFor();
    assert.equal(posts((await log(stack, before)).value).length, 1, "one request for a double click");
    const req = (await state(stack)).requests.find((r) => r.groupId === group && r.principalId === ALEX && r.action === "selfActivate");
    assert.equal(req.status, "PendingApproval");
    assert.equal(req.justification, "Legacy payroll export needs password + push MFA");
    await page.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /CA-Exclusion-LegacyMFA/ }).getByText("Pending approval").waitFor();
    await screenshot(page, "my-groups-pending");
  });

  test("the Activate pane links to what membership grants, which opens in a new tab and leaves the pane as typed", async () => {
    const page = await signedInPage(stack, "Lidia Holloway", {}, "/my/groups");
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).click();
    const pane = page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" });
    await pane.getByLabel("Reason").fill("Checking what I get first");
    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      pane.getByRole("link", { name: "What membership of Helpdesk Admin-Group grants (opens in a new tab)" }).click(),
    ]);
    await tab.getByRole("heading", { level: 1, name: "What membership grants" }).waitFor();
    await tab.getByRole("heading", { level: 2, name: "Membership of Helpdesk Admin-Group" }).waitFor();
    const roles = tab.getByRole("list", { name: "Microsoft Entra roles", exact: true });
    await roles.waitFor();
    assert.deepEqual((await roles.getByRole("listitem").allTextContents()).sort(), ["Helpdesk Administrator", "Password Administrator", "User Administrator"]);
    assert.match(await tab.getByRole("list", { name: "Teams and Microsoft 365" }).textContent(), /A team in Microsoft Teams/);
    await tab.close();
    assert.equal(await pane.getByLabel("Reason").inputValue(), "Checking what I get first");
    await pane.getByRole("button", { name: "Cancel" }).click();
  });

  test("Lidia can't ask for more than 4 hours; she activates Helpdesk Admin-Group for 4 hours, sees it Recorded then In effect with its three roles; deactivating within 5 minutes is refused, later it works", async () => {
    await fetch(`${stack.emulatorUrl}/_emulator/propagation`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ seconds: 30 }) });
    const page = await signedInPage(stack, "Lidia Holloway", {}, "/my/groups");
    const lidia = (await state(stack)).schedules.find((s) => s.groupId === HELPDESK && s.accessId === "member" && s.kind === "Eligibility" && s.principalId.startsWith("dd94208e")).principalId;
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).click();
    const pane = page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" });
    await pane.getByLabel("Duration (hours)").fill("5");
    await pane.getByLabel("Reason").fill("Password resets for the Monday queue");
    const before = (await log(stack)).total;
    await pane.getByRole("button", { name: "Activate" }).click();
    await pane.getByText("The role settings allow at most 4 hours.").waitFor();
    assert.equal((await log(stack, before)).value.length, 0, "nothing sent");
    await pane.getByLabel("Duration (hours)").fill("4");
    await pane.getByRole("button", { name: "Activate" }).click();
    await stepUp(page);
    await page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" }).getByRole("button", { name: "Activate" }).click();
    await page.getByText("Helpdesk Admin-Group (Member): Activated.").waitFor();
    const s = await state(stack);
    assert.ok(s.groups.find((g) => g.id === HELPDESK).members.includes(lidia), "Lidia is a member");
    await page.getByRole("tab", { name: "Active assignments" }).click();
    const timer = page.getByRole("timer", { name: "Time left: Helpdesk Admin-Group" });
    assert.match(await timer.textContent(), /^(3 h 59 min|4 h 0 min)/, "a live countdown from 4 hours");
    // Recorded, then In effect once membership checks see it (30 s later in the emulator), with
    // the roles the group gives; a failed check says why and offers Check again.
    const effect = page.getByRole("status", { name: "In effect: Helpdesk Admin-Group" });
    await effect.filter({ hasText: /^Recorded$/ }).waitFor();
    assert.ok((await log(stack, before)).value.some((r) => r.method === "POST" && r.url.endsWith("/me/checkMemberGroups")), "checked through checkMemberGroups");
    await page.getByText(/Apps that read your groups when you sign in see it after you sign in to them again/).waitFor();
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1.0/me/checkMemberGroups", kind: "error", status: 403, count: 1 }) });
    await effect.filter({ hasText: /^Couldn't read your memberships: Authorization_RequestDenied: .* \(request id [0-9a-f-]{36}\)$/ }).waitFor({ timeout: 15_000 });
    await advance(stack, { minutes: 1 });
    await page.getByRole("button", { name: "Check again: Helpdesk Admin-Group" }).click();
    await effect.filter({ hasText: "In effect, with Helpdesk Administrator, Password Administrator, User Administrator" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Check again: Helpdesk Admin-Group" }).count(), 0, "nothing left to check");
    await page.getByRole("button", { name: "Deactivate Helpdesk Admin-Group (Member)" }).click();
    await page.getByRole("alert").filter({ hasText: "can't be deactivated within 5 minutes" }).waitFor();
    const { now } = await advance(stack, { minutes: 6 });
    await page.clock.setSystemTime(Date.parse(now));
    // The deactivation is made and its answer lost: the user's requests, read again, say it was.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/assignmentScheduleRequests", method: "POST", kind: "applyThenError", status: 504, count: 1 }) });
    const sentBefore = (await log(stack)).total;
    await page.getByRole("button", { name: "Deactivate Helpdesk Admin-Group (Member)" }).click();
    await page.getByText(/^Deactivate Helpdesk Admin-Group \(Member\): \w+\.$/).waitFor();
    assert.equal(posts((await log(stack, sentBefore)).value).length, 1, "sent once, read back, not resent");
    assert.ok(!(await state(stack)).groups.find((g) => g.id === HELPDESK).members.includes(lidia), "no longer a member");
  });

  test("Nestor activates three groups at once (context, approval, plain) with one step-up, then cancels the pending one", async () => {
    const page = await signedInPage(stack, "Nestor Wilke", {}, "/my/groups");
    const table = page.getByRole("table", { name: "Eligible assignments" });
    await table.getByText(/Up to/).first().waitFor();
    for (const g of ["Helpdesk Admin-Group", "License - Power Automate", "Travel - Allow abroad"]) {
      await page.getByRole("checkbox", { name: `Select ${g} (Member)` }).check();
    }
    await page.getByRole("button", { name: "Activate selected" }).click();
    const pane = page.getByRole("dialog", { name: /^Activate – / });
    await pane.getByLabel("Duration (hours)").fill("2");
    await pane.getByLabel("Reason").fill("Quarter-end close");
    await pane.getByRole("button", { name: "Activate" }).click();
    await stepUp(page);
    const before = (await log(stack)).total;
    await page.getByRole("dialog", { name: /^Activate – / }).getByRole("button", { name: "Activate" }).click();
    const results = page.getByRole("status", { name: "Results" });
    await results.getByText("License - Power Automate (Member): Request sent: pending approval.").waitFor();
    assert.match(await results.textContent(), /Helpdesk Admin-Group \(Member\): Activated\./);
    assert.match(await results.textContent(), /Travel - Allow abroad \(Member\): Activated\./);
    const sent = (await log(stack, before)).value;
    assert.equal(sent.filter((r) => !r.inBatch && r.url.endsWith("$batch")).length >= 1, true);
    assert.equal(posts(sent).length, 3, "three requests, once each");
    const s = await state(stack);
    const nestor = s.requests.find((r) => r.groupId === TRAVEL && r.action === "selfActivate").principalId;
    assert.ok(s.groups.find((g) => g.id === TRAVEL).members.includes(nestor));
    assert.ok(s.groups.find((g) => g.id === HELPDESK).members.includes(nestor));
    const travel = s.requests.find((r) => r.groupId === TRAVEL && r.action === "selfActivate");
    assert.equal(travel.justification, "Quarter-end close");

    await page.getByRole("link", { name: "My requests" }).click();
    const mine = page.getByRole("table", { name: "My requests" });
    // The cancel is made and its answer lost: the request, read again, says it was canceled.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/cancel", method: "POST", kind: "applyThenError", status: 504, count: 1 }) });
    await mine.getByRole("button", { name: "Cancel request for License - Power Automate" }).click();
    await mine.getByRole("row", { name: /License - Power Automate/ }).getByText("Canceled").waitFor();
    assert.equal(await page.getByRole("alert").count(), 0, "no error: the read shows it done");
    const lic = (await state(stack)).requests.find((r) => r.groupId === LICENSE && r.action === "selfActivate");
    assert.equal(lic.status, "Canceled");
    await screenshot(page, "my-requests");
  });
});

describe("MFA on activation", () => {
  test("a sign-in without MFA is sent to sign in again with it, and the pane comes back as it was", async () => {
    const EX_INT = "13aecbc1-b516-42a4-b1de-e12daa190492";
    const page = await newPage(stack);
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.getByRole("checkbox", { name: "Use multi-factor authentication" }).uncheck();
    await page.getByRole("button", { name: /^Alex Wilber/ }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    const row = page.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Exchange Admins - Internal/ });
    await row.getByText(/MFA, Up to 8 hours/).waitFor();
    await row.getByRole("button", { name: "Activate Exchange Admins - Internal (Member)" }).click();
    const pane = page.getByRole("dialog", { name: "Activate – Exchange Admins - Internal" });
    // Who hears of it, as the settings name them: the administrators and the Exchange team's address.
    assert.match(await pane.textContent(), /Activation alert: The Global and Privileged Role Administrators; and exchange-pim@contoso\.onmicrosoft\.com\./);
    await pane.getByLabel("Duration (hours)").fill("2");
    await pane.getByLabel("Reason").fill("Mailbox migration cut-over");
    await pane.getByRole("button", { name: "Activate" }).click();
    // Graph refused for want of MFA: the app asks the authority for a fresh sign-in.
    await page.getByRole("checkbox", { name: "Use multi-factor authentication" }).waitFor();
    await page.getByRole("button", { name: /^Alex Wilber/ }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    const back = page.getByRole("dialog", { name: "Activate – Exchange Admins - Internal" });
    assert.equal(await back.getByLabel("Reason").inputValue(), "Mailbox migration cut-over");
    assert.equal(await back.getByLabel("Duration (hours)").inputValue(), "2");
    await back.getByRole("button", { name: "Activate" }).click();
    await page.getByText("Exchange Admins - Internal (Member): Activated.").waitFor();
    assert.ok((await state(stack)).groups.find((g) => g.id === EX_INT).members.includes(ALEX));
  });
});

describe("extending an eligibility", () => {
  test("an activation ending within 15 minutes is announced, and Continue asks for one that starts when it ends", async () => {
    const page = await signedInPage(stack, "Lidia Holloway", {}, "/my/groups");
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).click();
    let pane = page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" });
    await pane.getByLabel("Duration (hours)").fill("0.5");
    await pane.getByLabel("Reason").fill("Short password reset window");
    await pane.getByRole("button", { name: "Activate" }).click();
    // A step-up for the context, unless this browser session already has it.
    await Promise.race([
      page.getByRole("button", { name: "Continue" }).waitFor().then(() => stepUp(page)).then(() =>
        page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" }).getByRole("button", { name: "Activate" }).click()),
      page.getByText("Helpdesk Admin-Group (Member): Activated.").waitFor(),
    ]);
    await page.getByText("Helpdesk Admin-Group (Member): Activated.").waitFor();
    const first = (await state(stack)).schedules.find((s) => s.groupId === HELPDESK && s.kind === "Assignment" && s.current && s.principalId.startsWith("dd94208e"));
    // Lidia asks for a browser notification; the page records the ones it shows.
    await page.context().grantPermissions(["notifications"], { origin: stack.appUrl });
    await page.addInitScript(() => {
      window.__notes = [];
      const N = window.Notification;
      class Recorded extends N { constructor(title, options) { window.__notes.push(title); super(title, options); } }
      Object.defineProperty(Recorded, "permission", { get: () => N.permission });
      Recorded.requestPermission = (...a) => N.requestPermission(...a);
      window.Notification = Recorded;
    });
    await page.reload();
    await page.getByRole("checkbox", { name: "Notify me in this browser 15 minutes before an activation ends" }).check();
    // Twenty minutes later (both clocks), ten are left.
    const { now } = await advance(stack, { minutes: 20 });
    await page.clock.setSystemTime(Date.parse(now));
    await page.reload();
    const notice = page.getByRole("alert").filter({ hasText: "Helpdesk Admin-Group (Member): your activation ends in" });
    await notice.waitFor();
    await page.waitForFunction(() => window.__notes.includes("Helpdesk Admin-Group (Member) ends soon"));
    await notice.getByRole("button", { name: "Continue Helpdesk Admin-Group (Member)" }).click();
    pane = page.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" });
    assert.equal(await pane.getByLabel("Reason").inputValue(), "Short password reset window", "the same reason");
    const before = (await log(stack)).total;
    await pane.getByRole("button", { name: "Activate" }).click();
    await page.getByText(/^Helpdesk Admin-Group \(Member\): /).filter({ hasNotText: "Activated." }).first().waitFor();
    const sent = posts((await log(stack, before)).value);
    assert.equal(sent.length, 1, "one request");
    const next = (await state(stack)).requests.filter((r) => r.groupId === HELPDESK && r.action === "selfActivate").at(-1);
    const gap = Date.parse(next.scheduleInfo.startDateTime) - Date.parse(first.end);
    assert.ok(gap >= 0 && gap < 1000, `starts exactly when the current one ends (gap ${gap} ms)`);
    assert.equal(next.status, "ScheduleCreated");
    // While the continuation waits to start, Continue is not offered again, and the notice says why.
    await page.reload();
    await notice.filter({ hasText: "Its continuation is scheduled: it starts when this one ends." }).waitFor();
    assert.equal(await notice.getByRole("button", { name: /^Continue / }).count(), 0);
  });

  test("Lidia asks to extend her Helpdesk eligibility when it ends within 14 days, and an admin decision is pending", async () => {
    const { now } = await advance(stack, { days: 80 });
    const page = await newPage(stack);
    await page.clock.setSystemTime(Date.parse(now));
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.getByRole("button", { name: /^Lidia Holloway/ }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    await page.getByRole("button", { name: "Extend Helpdesk Admin-Group (Member)" }).click();
    const ask = page.getByRole("dialog", { name: "Extend – Helpdesk Admin-Group" });
    await ask.getByLabel("Reason").fill("Still on the helpdesk rota next quarter");
    await ask.getByRole("button", { name: "Send request" }).click();
    await page.getByText(/^Extend Helpdesk Admin-Group \(Member\): PendingAdminDecision\./).waitFor();
    const r = (await state(stack)).requests.find((x) => x.groupId === HELPDESK && x.action === "selfExtend");
    assert.equal(r.status, "PendingAdminDecision");
    assert.equal(r.justification, "Still on the helpdesk rota next quarter");
  });
});

describe("browsers without notifications", () => {
  test("My roles works and offers no notification option where the browser has none", async () => {
    const page = await newPage(stack);
    await page.addInitScript(() => { delete window.Notification; });
    await signIn(page, stack, "Lidia Holloway", "/my/groups");
    await page.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Helpdesk Admin-Group/ }).waitFor();
    assert.equal(await page.evaluate(() => "Notification" in window), false);
    assert.equal(await page.getByRole("checkbox", { name: /^Notify me in this browser/ }).count(), 0);
  });
});

describe("ownership", () => {
  test("the group's last owner is told of PIM's 30-day retry before deactivating their ownership", async () => {
    // Grady is made eligible to own Travel - Allow abroad, which has no other owner.
    const GRADY = "7f75ab02-c3e7-4ef5-80a8-5a92a73ae0ba";
    const made = await adminAssign(stack, { kind: "eligibility", accessId: "owner", principalId: GRADY, groupId: TRAVEL, justification: "Travel desk lead", duration: "P30D" });
    assert.equal(made.status, 201, await made.text());
    const page = await signedInPage(stack, "Grady Archie", {}, "/my/groups");
    await page.getByRole("button", { name: "Activate Travel - Allow abroad (Owner)" }).click();
    const pane = page.getByRole("dialog", { name: "Activate – Travel - Allow abroad" });
    await pane.getByLabel("Reason").fill("Approving this week's trips");
    await pane.getByRole("button", { name: "Activate" }).click();
    await page.getByText("Travel - Allow abroad (Owner): Activated.").waitFor();
    assert.deepEqual((await state(stack)).groups.find((g) => g.id === TRAVEL).owners, [GRADY]);
    const { now } = await advance(stack, { minutes: 6 });
    await page.clock.setSystemTime(Date.parse(now));
    await page.goto(`${stack.appUrl}/my/groups?tab=active`);
    await page.getByRole("button", { name: "Deactivate Travel - Allow abroad (Owner)" }).click();
    const confirm = page.getByRole("dialog", { name: "Deactivate – Travel - Allow abroad" });
    assert.match(await confirm.getByRole("note").textContent(), /^You are the group's last owner\. .*PIM keeps retrying this deactivation for 30 days and then leaves you as owner/);
    const before = (await log(stack)).total;
    await confirm.getByRole("button", { name: "Cancel" }).click();
    assert.equal(posts((await log(stack, before)).value).length, 0, "nothing sent");
    assert.deepEqual((await state(stack)).groups.find((g) => g.id === TRAVEL).owners, [GRADY], "still the owner");
  });
});
