// The managed groups list and Discover groups with Manage groups (issues 5 and 15), checked in the
// emulator's state: PIM's list of managed groups (beta) by default, the scan when it is refused.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { graphToken, newPage, screenshot, signIn, signedInPage, startStack } from "./harness.mjs";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const state = async () => (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();
const control = (path, method, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, {
  method, headers: { "content-type": "application/json", "x-emulator-control": "1" }, body: body && JSON.stringify(body),
});
const graphCalls = async () => (await (await control("requests", "GET")).json()).value.map((r) => `${r.method} ${r.url}`);
// v1.0 first (Microsoft documents it there now); beta only where v1.0 lacks it.
const RESOURCES = "/v1.0/identityGovernance/privilegedAccess/group/resources";
const MEGAN = "31ff0c2d-6046-4cf2-8dab-0ad1735f8e7f";

describe("groups under PIM", () => {
  test("the list shows exactly the managed groups with their counts, and search narrows it", async () => {
    await control("requests", "DELETE");
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    await page.getByRole("heading", { level: 1, name: "Privileged Identity Management | Groups" }).waitFor();
    const table = page.getByRole("table", { name: "Groups managed by PIM" });
    await table.waitFor();
    const managed = (await state()).groups.filter((g) => g.onboarded).map((g) => g.displayName).sort();
    // The table is drawn before its rows arrive (its page's token may be asked for first).
    await page.getByText(`${managed.length} of ${managed.length} managed groups shown.`).waitFor();
    const links = (await table.getByRole("link").allTextContents()).sort();
    assert.deepEqual(links, managed);
    const helpdesk = table.getByRole("row", { name: /Helpdesk Admin-Group/ });
    const s = await state();
    const hd = "347ea741-b4c8-4d9e-8111-87902089734f";
    const eligible = s.schedules.filter((x) => x.groupId === hd && x.kind === "Eligibility").length;
    // Counts are read after the names, for the rows shown.
    await helpdesk.filter({ hasText: new RegExp(`Security.*Yes${eligible}\\d`) }).waitFor();
    // Found through PIM's own list and getByIds, not by reading and checking every group.
    const calls = await graphCalls();
    assert.ok(calls.some((c) => c.startsWith(`GET ${RESOURCES}`)), calls.join("\n"));
    assert.ok(calls.some((c) => c.startsWith("POST /v1.0/directoryObjects/getByIds")));
    assert.ok(!calls.some((c) => c.startsWith("GET /v1.0/groups?")), "no scan of every group");
    assert.equal(await page.getByText(/could not be read, so every group was checked/).count(), 0);
    await page.getByLabel("Search by group name or ID").fill("exchange");
    await page.getByText("2 of 5 managed groups shown.").waitFor();
    await screenshot(page, "groups-list");
    await page.getByRole("link", { name: "Exchange Admins - External" }).click();
    await page.getByRole("heading", { level: 1, name: "Exchange Admins - External" }).waitFor();
  });

  test("Discover shows why dynamic and synced groups can't be managed, and onboards the chosen ones after a warning", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/discover");
    await page.getByRole("heading", { level: 1, name: "Discover groups" }).waitFor();
    const table = page.getByRole("table", { name: "Groups not managed by PIM" });
    await table.waitFor();
    const dynamic = table.getByRole("row", { name: /All Sales/ });
    assert.match(await dynamic.textContent(), /Dynamic membership groups can't be managed by PIM/);
    assert.equal(await dynamic.getByRole("checkbox").isDisabled(), true);
    assert.match(await table.getByRole("row", { name: /HR-Onprem-Sync/ }).textContent(), /synchronized from on-premises/);
    const restricted = table.getByRole("row", { name: /Executive Assistants/ });
    assert.match(await restricted.textContent(), /Groups in a restricted management administrative unit can't be managed by PIM/);
    assert.equal(await restricted.getByRole("checkbox").isDisabled(), true);
    assert.equal(await table.getByRole("row", { name: /Helpdesk Admin-Group/ }).count(), 0, "managed groups are not offered");
    const manage = page.getByRole("button", { name: "Manage groups" });
    assert.equal(await manage.isDisabled(), true, "nothing selected yet");
    await page.getByRole("checkbox", { name: "Select Marketing" }).check();
    await page.getByRole("checkbox", { name: "Select O'Brien's admins" }).check();
    await manage.click();
    const dialog = page.getByRole("dialog", { name: "Manage groups" });
    assert.match(await dialog.textContent(), /Onboarding cannot be undone/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.equal((await state()).groups.find((g) => g.displayName === "Marketing").onboarded, false, "cancel onboards nothing");
    await manage.click();
    await page.getByRole("dialog", { name: "Manage groups" }).getByRole("button", { name: "Confirm" }).click();
    await page.getByText("Now managed by PIM: Marketing, O'Brien's admins.").waitFor();
    const after = await state();
    assert.equal(after.groups.find((g) => g.displayName === "Marketing").onboarded, true);
    assert.equal(after.groups.find((g) => g.displayName === "O'Brien's admins").onboarded, true);
    assert.equal(after.groups.find((g) => g.displayName === "Finance Team").onboarded, false);
    // The app scans again after onboarding; the onboarded groups leave the list, the others stay.
    await table.getByRole("row", { name: /Marketing/ }).waitFor({ state: "detached" });
    assert.equal(await table.getByRole("row", { name: /Finance Team/ }).count(), 1);
    await screenshot(page, "groups-discover");
    await page.goto(`${stack.appUrl}/groups`);
    await page.getByRole("table", { name: "Groups managed by PIM" }).getByRole("link", { name: "Marketing" }).waitFor();
  });

  test("a group onboarded by a settings change made outside the app appears in the list", async () => {
    const finance = (await state()).groups.find((g) => g.displayName === "Finance Team");
    assert.equal(finance.onboarded, false);
    // Another client (a script with Megan's token) changes the group's Member setting in Graph.
    const token = await graphToken(stack, MEGAN);
    const graph = (path, init = {}) => fetch(`${stack.emulatorUrl}/v1.0${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
    const filter = `scopeId eq '${finance.id}' and scopeType eq 'Group' and roleDefinitionId eq 'member'`;
    const found = await (await graph(`/policies/roleManagementPolicyAssignments?$filter=${encodeURIComponent(filter)}&$expand=policy($expand=rules)`)).json();
    const policy = found.value[0].policy;
    const rule = policy.rules.find((r) => r.id === "Expiration_EndUser_Assignment");
    const patched = await graph(`/policies/roleManagementPolicies/${policy.id}/rules/${rule.id}`, { method: "PATCH", body: JSON.stringify({ ...rule, maximumDuration: "PT3H" }) });
    assert.ok(patched.ok, `PATCH answered ${patched.status}`);
    assert.equal((await state()).groups.find((g) => g.id === finance.id).onboarded, true);
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    const table = page.getByRole("table", { name: "Groups managed by PIM" });
    await table.getByRole("link", { name: "Finance Team" }).waitFor();
    const managed = (await state()).groups.filter((g) => g.onboarded).map((g) => g.displayName).sort();
    await page.getByText(`${managed.length} of ${managed.length} managed groups shown.`).waitFor();
  });

  test("with PIM's list refused (the app not granted its scope), the list scans every group and says why", async () => {
    await control("requests", "DELETE");
    const page = await newPage(stack);
    // A deployment whose registration lacks PrivilegedAccess.Read.AzureADGroup: Graph answers 403.
    await page.route("**/config.json", async (route) => {
      const config = await (await route.fetch()).json();
      config.tiers.admin = config.tiers.admin.filter((s) => s !== "PrivilegedAccess.Read.AzureADGroup");
      await route.fulfill({ contentType: "application/json", body: JSON.stringify(config) });
    });
    await signIn(page, stack, "Megan Bowen", "/groups");
    const notice = page.getByRole("status").filter({ hasText: "could not be read, so every group was checked instead" });
    await notice.waitFor();
    assert.match(await notice.textContent(), /Authorization_RequestDenied/);
    assert.match(await notice.textContent(), /Request id: [0-9a-f-]{36}/);
    const table = page.getByRole("table", { name: "Groups managed by PIM" });
    await table.getByRole("link", { name: "Helpdesk Admin-Group" }).waitFor();
    const managed = (await state()).groups.filter((g) => g.onboarded).map((g) => g.displayName).sort();
    assert.deepEqual((await table.getByRole("link").allTextContents()).sort(), managed);
    const calls = await graphCalls();
    assert.ok(calls.some((c) => c.startsWith(`GET ${RESOURCES}`)), "PIM's list was asked first");
    assert.ok(calls.some((c) => c.startsWith("GET /v1.0/groups?")), "then the scan read every group");
    await screenshot(page, "groups-list-scan");
    await page.getByRole("navigation", { name: "Privileged Identity Management" }).getByRole("link", { name: "Groups", exact: true }).waitFor();
    await page.getByRole("link", { name: "Discover groups" }).click();
    await page.getByRole("status").filter({ hasText: "could not be read" }).waitFor();
    const dynamic = page.getByRole("table", { name: "Groups not managed by PIM" }).getByRole("row", { name: /All Sales/ });
    assert.match(await dynamic.textContent(), /Dynamic membership groups can't be managed by PIM/);
    assert.equal(await page.getByRole("table", { name: "Groups not managed by PIM" }).getByRole("row", { name: /Finance Team/ }).count(), 0, "onboarded outside the app");
  });

  test("the admin's Overview lists an eligibility ending within 14 days and the settings with problems", async () => {
    // Grady is made eligible for Exchange Admins - External for 10 days, by another client.
    const GRADY = "7f75ab02-c3e7-4ef5-80a8-5a92a73ae0ba";
    const exExt = (await state()).groups.find((g) => g.displayName === "Exchange Admins - External").id;
    const now = Date.parse((await (await fetch(`${stack.emulatorUrl}/_emulator/clock`)).json()).now);
    const token = await graphToken(stack, MEGAN);
    const asked = await fetch(`${stack.emulatorUrl}/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ accessId: "member", principalId: GRADY, groupId: exExt, action: "adminAssign", justification: "Quarter-end cover",
        scheduleInfo: { startDateTime: new Date(now).toISOString(), expiration: { type: "afterDateTime", endDateTime: new Date(now + 10 * 86_400_000).toISOString() } } }),
    });
    assert.equal(asked.status, 201, await asked.text());
    // A role-assignable group made elsewhere and never brought under PIM.
    const created = await fetch(`${stack.emulatorUrl}/v1.0/groups`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "Break-glass admins", mailEnabled: false, mailNickname: "breakglass", securityEnabled: true, isAssignableToRole: true }),
    });
    assert.equal(created.status, 201, await created.text());
    const page = await newPage(stack);
    await page.clock.setSystemTime(now);
    await signIn(page, stack, "Megan Bowen", "/overview");
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    const ending = page.getByRole("table", { name: "Ending in the next 14 days" });
    const grady = ending.getByRole("row", { name: /Exchange Admins - External.*Grady Archie/ });
    await grady.waitFor();
    assert.match(await grady.textContent(), /Eligible$/);
    assert.equal(await ending.getByRole("row", { name: /Lidia Holloway/ }).count(), 0, "90 days away");
    const problems = page.getByRole("table", { name: "Settings with problems" });
    const conflict = problems.getByRole("row", { name: /Exchange Admins - Internal/ }).first();
    assert.match(await conflict.textContent(), /Owner.*cannot both be required/);
    const unmanaged = page.getByRole("table", { name: "Unmanaged role-assignable groups" });
    const names = (await unmanaged.getByRole("link").allTextContents());
    assert.deepEqual(names, ["Break-glass admins"], "the managed role-assignable groups are not listed");
    assert.match(await unmanaged.getByRole("row", { name: /Break-glass admins/ }).textContent(), /Can be managed/);
    await conflict.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Role setting details - Owner" }).waitFor();
    await page.getByRole("navigation", { name: "Privileged Identity Management" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("table", { name: "Approvals waiting over 12 hours" }).waitFor();
    await screenshot(page, "overview");
  });
});
