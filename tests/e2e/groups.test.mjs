// New group and onboarding (issue 5, story S1 step 1 and 2), checked in the emulator's state.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, signedInPage, startStack } from "./harness.mjs";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const state = async () => (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();
const log = async (since = 0) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());

describe("new group", () => {
  test("Megan creates CA-Exclusion-LegacyMFA as role-assignable, once, and brings it under PIM", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
    await page.getByRole("heading", { level: 1, name: "New group" }).waitFor();
    const before = (await log()).total;
    await page.getByLabel("Group name").fill("CA-Exclusion-LegacyMFA");
    await page.getByLabel("Group description").fill("Temporary escape from phishing-resistant MFA for legacy tools");
    await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).check();
    const create = page.getByRole("button", { name: "Create" });
    await create.dblclick();
    await page.getByText("Group CA-Exclusion-LegacyMFA created.").waitFor();
    const posts = (await log(before)).value.filter((r) => r.method === "POST" && r.url === "/v1.0/groups");
    assert.equal(posts.length, 1, "a double click creates one group");
    let group = (await state()).groups.find((g) => g.displayName === "CA-Exclusion-LegacyMFA");
    assert.equal(group.isAssignableToRole, true);
    assert.equal(group.securityEnabled, true);
    assert.equal(group.onboarded, false);
    await page.getByRole("button", { name: "Manage with PIM" }).click();
    await page.getByText("Onboarding cannot be undone.").waitFor();
    await page.getByRole("button", { name: "Yes, manage with PIM" }).click();
    await page.getByText("CA-Exclusion-LegacyMFA is now managed by PIM.").waitFor();
    group = (await state()).groups.find((g) => g.displayName === "CA-Exclusion-LegacyMFA");
    assert.equal(group.onboarded, true);
    await screenshot(page, "groups-new-created");
    await page.getByRole("link", { name: "Open CA-Exclusion-LegacyMFA" }).click();
    await page.getByRole("heading", { level: 1, name: "CA-Exclusion-LegacyMFA" }).waitFor();
    const ca = page.getByRole("list", { name: "Conditional Access policies" });
    await ca.waitFor();
    assert.match(await ca.textContent(), /Require phishing-resistant MFA for admins — Excludes this group \(On\)/);
  });

  test("a nameless group is refused in the form, and a refusal from Graph keeps what was typed", async () => {
    const page = await signedInPage(stack, "Lidia Holloway", {}, "/groups/new");
    const before = (await log()).total;
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByText("Give the group a name.").waitFor();
    assert.equal((await log(before)).value.filter((r) => r.url === "/v1.0/groups").length, 0, "nothing sent");
    await page.getByLabel("Group name").fill("Lidia's admins");
    await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).check();
    await page.getByRole("button", { name: "Create" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /Authorization_RequestDenied/);
    assert.equal(await page.getByLabel("Group name").inputValue(), "Lidia's admins");
  });
});

describe("group overview", () => {
  test("Helpdesk Admin-Group grants three roles and shows who is eligible", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/347ea741-b4c8-4d9e-8111-87902089734f");
    const roles = page.getByRole("list", { name: "Microsoft Entra roles", exact: true });
    await roles.waitFor();
    const names = (await roles.getByRole("listitem").allTextContents()).sort();
    assert.deepEqual(names, ["Helpdesk Administrator", "Password Administrator", "User Administrator"]);
    const eligible = page.getByRole("table", { name: "Eligible" });
    assert.match(await eligible.textContent(), /Lidia Holloway \(LidiaH@contoso.onmicrosoft.com\)/);
    const teams = page.getByRole("list", { name: "Teams and Microsoft 365" });
    await teams.waitFor();
    assert.match(await teams.textContent(), /A team in Microsoft Teams/);
    assert.equal(await teams.getByRole("link").first().getAttribute("target"), "_blank");
    await page.getByText("The group assigns no licence.").waitFor();
    await page.getByText(/Azure role assignments \(Azure RBAC\) are not visible in Microsoft Graph/).waitFor();
    await screenshot(page, "group-overview");
  });

  test("a group's licence and the application it gives are named on its overview", async () => {
    const s = await state();
    const id = (name) => s.groups.find((g) => g.displayName === name).id;
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${id("License - Power Automate")}`);
    const licences = page.getByRole("list", { name: "Licences" });
    await licences.waitFor();
    assert.equal((await licences.getByRole("listitem").allTextContents()).join("|"), "POWERAUTOMATE_ATTENDED_RPA");
    await page.getByText("The group is given no application.").waitFor();
    await page.goto(`${stack.appUrl}/groups/${id("Travel - Allow abroad")}`);
    const apps = page.getByRole("list", { name: "Enterprise applications" });
    await apps.waitFor();
    assert.match(await apps.textContent(), /^Contoso Travel Portal \(default access\)$/);
    assert.match(await apps.getByRole("link").getAttribute("href"), /^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_IAM\/ManagedAppMenuBlade\/~\/Overview\/objectId\/[0-9a-f-]{36}$/);
    await page.getByText("No team, mailbox or SharePoint site comes with this group.").waitFor();
    // Membership an access package also hands out, beside PIM's activation.
    const packages = page.getByRole("list", { name: "Access packages" });
    await packages.waitFor();
    assert.equal((await packages.getByRole("listitem").allTextContents()).join("|"), "Travel abroad gives Member");
    assert.match(await packages.getByRole("link").getAttribute("href"), /^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_ERM\/.*\/accessPackageId\/[0-9a-f-]{36}$/);
    await page.getByText("The group is eligible for no Microsoft Entra role.").waitFor();
    // A role-assignable group that is itself eligible for a role shows it apart from its active one.
    await page.goto(`${stack.appUrl}/groups/${id("Exchange Admins - Internal")}`);
    const eligibleRoles = page.getByRole("list", { name: "Eligible Microsoft Entra roles" });
    await eligibleRoles.waitFor();
    assert.equal((await eligibleRoles.getByRole("listitem").allTextContents()).join("|"), "Reports Reader");
    const activeRoles = page.getByRole("list", { name: "Microsoft Entra roles", exact: true });
    assert.equal((await activeRoles.getByRole("listitem").allTextContents()).join("|"), "Exchange Administrator");
    await page.getByText("No access package gives membership or ownership of this group.").waitFor();
  });

  test("Travel - Allow abroad shows the policies that exclude and include it", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/778c3149-d224-49ad-b4b3-772733a19fa6");
    const ca = page.getByRole("list", { name: "Conditional Access policies" });
    await ca.waitFor();
    const text = await ca.textContent();
    assert.match(text, /Block outside home country — Excludes this group/);
    assert.match(text, /Travel - require compliant device — Includes this group/);
  });
});
