// The group's Assignments blade and the Add assignments wizard (issue 6; stories S1, S3, S5),
// every outcome checked in the emulator's state as well as on screen.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { newPage, screenshot, signIn, signedInPage, startStack } from "./harness.mjs";
import { adminAssign } from "./stories.mjs";

const EX_EXT = "b3c7d634-1627-454b-875b-fa1ed5210e5d";
const TRAVEL = "778c3149-d224-49ad-b4b3-772733a19fa6";
const ALEX = "afdbf62f-c30c-40e8-8efe-7b1d90508dc8";
let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const state = async () => (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();
const log = async (since = 0) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());
const advance = async (body) => (await fetch(`${stack.emulatorUrl}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
const DAY = 86_400_000;
// What a datetime-local field holds for `t`, in this machine's (and so the browser's) time zone.
const local = (t) => {
  const d = new Date(t), p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const near = (iso, expected, slackMs, what) => assert.ok(Math.abs(Date.parse(iso) - expected) < slackMs, `${what}: ${iso} vs ${new Date(expected).toISOString()}`);

async function pick(page, typed, name) {
  await page.getByLabel("Select members").fill(typed);
  await page.getByRole("option", { name: new RegExp(`^Add ${name}`) }).click();
}

async function openWizard(page, group) {
  await page.goto(`${stack.appUrl}/groups/${group}/assignments`);
  await page.getByRole("tab", { name: "Eligible assignments" }).waitFor();
  await page.getByRole("button", { name: "Add assignments" }).click();
  return page.getByRole("dialog", { name: "Add assignments" });
}

describe("assignments", () => {
  test("Megan makes Alex eligible for CA-Exclusion-LegacyMFA for 6 months; removing it at once is refused with the reason", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
    await page.getByLabel("Group name").fill("CA-Exclusion-LegacyMFA");
    await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).check();
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByText("Group CA-Exclusion-LegacyMFA created.").waitFor();
    const group = (await state()).groups.find((g) => g.displayName === "CA-Exclusion-LegacyMFA").id;
    const wizard = await openWizard(page, group);
    await wizard.getByLabel("Select role").selectOption({ label: "Member" });
    await pick(page, "Alex", "Alex Wilber");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("radio", { name: "Eligible" }).check();
    await wizard.getByLabel("Duration").selectOption({ label: "6 months" });
    const before = (await log()).total;
    await wizard.getByRole("button", { name: "Assign" }).dblclick();
    await page.getByRole("status").filter({ hasText: "Assigned: Alex Wilber" }).waitFor();
    const sent = (await log(before)).value;
    const posts = sent.filter((r) => r.method === "POST" && r.url.includes("eligibilityScheduleRequests"));
    assert.equal(posts.length, 1, `a double click assigns once: ${JSON.stringify(sent.map((r) => [r.method, r.url]))}`);
    const s = (await state()).schedules.filter((x) => x.groupId === group && x.principalId === ALEX);
    assert.equal(s.length, 1);
    assert.equal(s[0].kind, "Eligibility");
    assert.equal(s[0].accessId, "member");
    near(s[0].end, Date.now() + 180 * DAY, 10 * 60_000, "ends in 6 months");
    const row = page.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Alex Wilber/ });
    assert.match(await row.textContent(), /AlexW@contoso.onmicrosoft.com.*Member.*Eligible.*Megan Bowen/);
    await screenshot(page, "assignments-eligible");

    const mark = (await log()).total;
    await row.getByRole("button", { name: /^Remove Alex Wilber/ }).click();
    const reason = page.getByRole("alert").filter({ hasText: "can't be removed within 5 minutes of being assigned" });
    await reason.waitFor();
    assert.equal((await log(mark)).value.filter((r) => r.method === "POST").length, 0, "nothing sent");
    assert.equal((await state()).schedules.filter((x) => x.groupId === group && x.principalId === ALEX).length, 1);

    // Six minutes later (both clocks), the same removal goes through after a confirmation.
    const { now } = await advance({ minutes: 6 });
    await page.clock.setSystemTime(Date.parse(now));
    // The removal is made and its answer lost: the group's requests, read again, say it was.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/eligibilityScheduleRequests", method: "POST", kind: "applyThenError", status: 504, count: 1 }) });
    const removing = (await log()).total;
    await row.getByRole("button", { name: /^Remove Alex Wilber/ }).click();
    await page.getByRole("dialog", { name: /^Remove Alex Wilber/ }).getByRole("button", { name: "Yes, remove" }).click();
    await row.waitFor({ state: "detached" });
    assert.equal((await log(removing)).value.filter((r) => r.method === "POST" && r.url.includes("ScheduleRequests")).length, 1, "sent once, read back");
    assert.equal(await page.getByRole("alert").count(), 0, "no error: the read shows it done");
    const left = (await state()).schedules.filter((x) => x.groupId === group && x.principalId === ALEX && x.current);
    assert.equal(left.length, 0, "the eligibility is gone");
  });

  test("removing a group's last owner asks for a confirmation that explains PIM's 30-day retry", async () => {
    // Grady becomes the only owner of Travel - Allow abroad, through PIM, by another client.
    const GRADY = "7f75ab02-c3e7-4ef5-80a8-5a92a73ae0ba";
    const made = await adminAssign(stack, { kind: "assignment", accessId: "owner", principalId: GRADY, groupId: TRAVEL, justification: "Trip desk", duration: "P30D" });
    assert.equal(made.status, 201, await made.text());
    const { now } = await advance({ minutes: 6 });
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    await page.clock.setSystemTime(Date.parse(now));
    await page.goto(`${stack.appUrl}/groups/${TRAVEL}/assignments?tab=active`);
    const row = page.getByRole("table", { name: "Active assignments" }).getByRole("row", { name: /Grady Archie/ });
    await row.getByRole("button", { name: /^Remove Grady Archie/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Remove Grady Archie/ });
    const note = dialog.getByRole("note");
    assert.match(await note.textContent(), /is the group's last owner\. .*PIM keeps retrying this removal for 30 days and then leaves .* as owner/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const owners = (await state()).groups.find((g) => g.id === TRAVEL).owners;
    assert.deepEqual(owners, [GRADY], "cancel removes nothing");
  });

  test("changing an eligibility an access package delivered says so first; the removal still goes through", async () => {
    const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
    const NESTOR = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${HELPDESK}/assignments`);
    const table = page.getByRole("table", { name: "Eligible assignments" });
    const packageNote = /^Nestor Wilke \(NestorW@contoso\.onmicrosoft\.com\) has this eligibility through the access package Helpdesk on-call rota\. .*change the assignment in the access package\.$/;
    // Lidia's eligibility is hers alone: the packages are read, and no note comes.
    const before = (await log()).total;
    await table.getByRole("row", { name: /Lidia Holloway/ }).getByRole("button", { name: /^Remove Lidia Holloway/ }).click();
    const lidia = page.getByRole("dialog", { name: /^Remove Lidia Holloway/ });
    await lidia.getByRole("button", { name: "Yes, remove" }).waitFor();
    for (let i = 0; i < 50 && !(await log(before)).value.some((r) => r.url.includes("/entitlementManagement/assignments")); i++) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    assert.equal(await lidia.getByRole("note").count(), 0, "no package gives Lidia's eligibility");
    await lidia.getByRole("button", { name: "Cancel" }).click();
    // Nestor's Update pane and Remove dialog both say where his eligibility comes from.
    const row = table.getByRole("row", { name: /Nestor Wilke/ });
    await row.getByRole("button", { name: /^Update Nestor Wilke/ }).click();
    const update = page.getByRole("dialog", { name: /^Update – Nestor Wilke/ });
    assert.match(await update.getByRole("note").filter({ hasText: "access package" }).textContent(), packageNote);
    await update.getByRole("button", { name: "Cancel" }).click();
    await row.getByRole("button", { name: /^Remove Nestor Wilke/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Remove Nestor Wilke/ });
    assert.match(await dialog.getByRole("note").textContent(), packageNote);
    await dialog.getByRole("button", { name: "Yes, remove" }).click();
    await dialog.waitFor({ state: "detached" });
    const left = (await state()).schedules.filter((x) => x.current && x.principalId === NESTOR && x.groupId === HELPDESK && x.kind === "Eligibility");
    assert.deepEqual(left, [], "the warning informs, it doesn't stop the removal");
  });

  test("Patti becomes eligible for Exchange Admins - External until a date three weeks away, beside the consultant already there", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const wizard = await openWizard(page, EX_EXT);
    await pick(page, "Patti", "Patti Fernandez");
    await wizard.getByRole("button", { name: "Next" }).click();
    const until = Date.now() + 21 * DAY;
    await wizard.getByLabel("Assignment ends").fill(local(until));
    await wizard.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("status").filter({ hasText: "Assigned: Patti Fernandez" }).waitFor();
    const schedules = (await state()).schedules.filter((x) => x.groupId === EX_EXT);
    assert.ok(schedules.some((x) => x.principalId === "40fbe2a6-fd29-48dd-b0f3-e8699fe006ef"), "Ext-Consultant's stays");
    const s = schedules.find((x) => x.principalId === "8935cffe-8a7f-45ca-971d-0341af6510ed");
    assert.ok(s, "a schedule exists");
    assert.equal(s.kind, "Eligibility");
    near(s.end, until, 2 * 60_000, "ends on the chosen date");
  });

  test("an assignment beyond the policy's maximum is refused in the form, with the reason", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const wizard = await openWizard(page, TRAVEL);
    await pick(page, "Grady", "Grady Archie");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("radio", { name: "Active" }).check();
    const typed = local(Date.now() + 200 * DAY);
    await wizard.getByLabel("Assignment ends").fill(typed);
    const before = (await log()).total;
    await wizard.getByRole("button", { name: "Assign" }).click();
    await wizard.locator("#assign-ends-error", { hasText: /The role settings allow at most 180 days/ }).waitFor();
    assert.equal((await log(before)).value.filter((r) => r.method === "POST").length, 0, "nothing sent");
    assert.equal(await wizard.getByLabel("Assignment ends").inputValue(), typed, "what was typed is kept");
    await wizard.getByRole("checkbox", { name: "Permanently assigned" }).check();
    await wizard.getByRole("button", { name: "Assign" }).click();
    await wizard.getByText(/don't allow permanent assignments of this type/).waitFor();
  });

  test("several people are assigned in one batch; the one Graph refuses stays selected, with the reason", async () => {
    const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const wizard = await openWizard(page, HELPDESK);
    await pick(page, "Lidia", "Lidia Holloway");
    await pick(page, "Diego", "Diego Siciliani");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByLabel("Duration").selectOption({ label: "1 month" });
    const before = (await log()).total;
    await wizard.getByRole("button", { name: "Assign" }).click();
    await wizard.getByText(/Lidia Holloway .* was not assigned:/).waitFor();
    assert.match(await wizard.getByRole("alert").textContent(), /RoleAssignmentExists/);
    const sent = (await log(before)).value;
    assert.equal(sent.filter((r) => !r.inBatch && r.url.endsWith("$batch")).length, 1, "one batch for both");
    const selected = await wizard.getByRole("list", { name: "Selected members" }).textContent();
    assert.match(selected, /Lidia Holloway/);
    assert.doesNotMatch(selected, /Diego Siciliani/, "the assigned one leaves the selection");
    const s = (await state()).schedules.filter((x) => x.groupId === HELPDESK && x.principalId === "78890470-07eb-4a38-a83b-e077d2784790" && x.kind === "Eligibility");
    assert.equal(s.length, 1, "Diego is eligible");
  });

  test("an assignment ending in 10 days is extended", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const wizard = await openWizard(page, TRAVEL);
    await pick(page, "Isaiah", "Isaiah Langer");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("radio", { name: "Active" }).check();
    await wizard.getByLabel("Assignment ends").fill(local(Date.now() + 10 * DAY));
    await wizard.getByLabel("Justification").fill("Conference in Lisbon");
    await wizard.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("status").filter({ hasText: "Assigned: Isaiah Langer" }).waitFor();
    await page.getByRole("tab", { name: "Active assignments" }).click();
    const row = page.getByRole("table", { name: "Active assignments" }).getByRole("row", { name: /Isaiah Langer/ });
    await row.getByRole("button", { name: /^Extend Isaiah Langer/ }).click();
    const form = page.getByRole("dialog", { name: /^Extend – Isaiah Langer/ });
    const until = Date.now() + 40 * DAY;
    await form.getByLabel("Assignment ends").fill(local(until));
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("The role settings require a justification for active assignments.").waitFor();
    await form.getByLabel("Justification").fill("Trip extended by the customer");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    const s = (await state()).schedules.find((x) => x.groupId === TRAVEL && x.principalId === "324ba1e0-33ec-45de-b71b-f021cba0acb4");
    near(s.end, until, 2 * 60_000, "the new end");
    const requests = (await state()).requests.filter((r) => r.groupId === TRAVEL && r.principalId === "324ba1e0-33ec-45de-b71b-f021cba0acb4");
    assert.ok(requests.some((r) => r.action === "adminExtend" && r.status === "Provisioned"), JSON.stringify(requests));

    // Update: a new type would remove the old assignment, refused within 5 minutes; new dates go.
    await row.getByRole("button", { name: /^Update Isaiah Langer/ }).click();
    const upd = page.getByRole("dialog", { name: /^Update – Isaiah Langer/ });
    await upd.getByLabel("Assignment type").selectOption("Eligible");
    await upd.getByRole("button", { name: "Save" }).click();
    await upd.getByText(/can't be removed within 5 minutes of being assigned/).waitFor();
    await upd.getByLabel("Assignment type").selectOption("Active");
    const moved = Date.now() + 20 * DAY;
    await upd.getByLabel("Assignment ends").fill(local(moved));
    await upd.getByLabel("Justification").fill("Trip dates moved");
    await upd.getByRole("button", { name: "Save" }).click();
    await upd.waitFor({ state: "detached" });
    const after = (await state()).schedules.find((x) => x.groupId === TRAVEL && x.principalId === "324ba1e0-33ec-45de-b71b-f021cba0acb4" && x.current);
    near(after.end, moved, 2 * 60_000, "the updated end");
    assert.equal(after.kind, "Assignment", "still active");
  });

  test("a traveller's active assignment starts tomorrow, is active after it starts, and expires after ten days", async () => {
    const PATTI = "8935cffe-8a7f-45ca-971d-0341af6510ed";
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const wizard = await openWizard(page, TRAVEL);
    await pick(page, "Patti", "Patti Fernandez");
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("radio", { name: "Active" }).check();
    const start = Date.now() + DAY, end = Date.now() + 10 * DAY;
    await wizard.getByLabel("Assignment starts").fill(local(start));
    await wizard.getByLabel("Assignment ends").fill(local(end));
    await wizard.getByRole("button", { name: "Assign" }).click();
    await wizard.getByText("The role settings require a justification for active assignments.").waitFor();
    await wizard.getByLabel("Justification").fill("Travel ticket TRV-2211: customer visit abroad");
    await wizard.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("status").filter({ hasText: "Assigned: Patti Fernandez" }).waitFor();
    await page.getByRole("tab", { name: "Active assignments" }).click();
    const row = page.getByRole("table", { name: "Active assignments" }).getByRole("row", { name: /Patti Fernandez/ });
    assert.match(await row.textContent(), /Scheduled/);
    const travel = async () => (await state()).groups.find((g) => g.id === TRAVEL);
    assert.ok(!(await travel()).members.includes(PATTI), "not a member before the start");

    await advance({ days: 1, hours: 1 });
    assert.ok((await travel()).members.includes(PATTI), "a member once it starts");
    await advance({ days: 9 });
    assert.ok(!(await travel()).members.includes(PATTI), "no longer a member once it ends");

    // The browser's clock follows the emulator's, as a real browser's follows the real world's.
    const now = Date.parse((await (await fetch(`${stack.emulatorUrl}/_emulator/clock`)).json()).now);
    const later = await newPage(stack);
    await later.clock.setSystemTime(now);
    await signIn(later, stack, "Megan Bowen", `/groups/${TRAVEL}/assignments`);
    await later.getByRole("tab", { name: "Expired assignments" }).click();
    const gone = later.getByRole("table", { name: "Expired assignments" }).getByRole("row", { name: /Patti Fernandez/ });
    assert.match(await gone.textContent(), /Member.*Expired/);
    await gone.getByRole("button", { name: /^Renew Patti Fernandez/ }).waitFor();
    await screenshot(later, "assignments-expired");
  });
});
