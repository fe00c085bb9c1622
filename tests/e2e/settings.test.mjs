// Role settings of a group, read from its policy in the portal's words (issue 5, read side).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, signedInPage, startStack } from "./harness.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

async function setting(page, term) {
  const row = page.locator(".pim-settings__row", { has: page.locator("dt", { hasText: term }) }).first();
  return (await row.locator("dd").textContent()).trim();
}

describe("role settings", () => {
  test("Helpdesk Admin-Group's Member settings of story S2 read as the portal words them", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${HELPDESK}/settings/member`);
    await page.getByRole("heading", { level: 1, name: "Role setting details - Member" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Activation" }).waitFor();
    assert.equal(await setting(page, "Activation maximum duration (hours)"), "4 hours");
    assert.equal(await setting(page, "On activation, require"), "Microsoft Entra Conditional Access authentication context: Phishing-resistant MFA (c1)");
    assert.equal(await setting(page, "Require justification on activation"), "Yes");
    assert.equal(await setting(page, "Require approval to activate"), "No");
    assert.equal(await setting(page, "Expire eligible assignments after"), "90 days");
    assert.equal(await setting(page, "Allow permanent active assignment"), "No");
    const activation = page.getByRole("table", { name: "Send notifications when eligible members activate this role" });
    assert.equal(await activation.getByRole("row").count(), 4);
    await screenshot(page, "settings-member");
  });

  test("the Owner settings name their approvers, in two round trips to Graph", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    const before = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
    await page.goto(`${stack.appUrl}/groups/${HELPDESK}/settings/owner`);
    await page.getByRole("heading", { level: 2, name: "Activation" }).waitFor();
    assert.equal(await setting(page, "Activation maximum duration (hours)"), "2 hours");
    assert.equal(await setting(page, "Require approval to activate"), "Yes");
    assert.equal(await setting(page, "Approvers"), "Adele Vance, Diego Siciliani");
    const log = await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${before}`)).json();
    const direct = log.value.filter((r) => !r.inBatch).map((r) => r.url.split("?")[0]);
    assert.equal(direct.filter((u) => u === "/v1.0/$batch").length, 2, direct.join(", "));
  });
});

describe("edit role settings", () => {
  const TRAVEL = "778c3149-d224-49ad-b4b3-772733a19fa6";
  const policyOf = async (group, access) => {
    const s = await (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();
    return s.policies.find((p) => p.groupId === group && p.accessId === access).rules;
  };

  test("Megan sets the Member settings of story S1 and the policy holds exactly those rules", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${TRAVEL}/settings/member`);
    const before = JSON.stringify(await policyOf(TRAVEL, "member"));
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("tab", { name: "Activation" }).waitFor();
    await page.getByLabel("Activation maximum duration (hours)").fill("1");
    await page.getByLabel("Activation maximum duration (hours)").press("Tab");
    await page.getByRole("radio", { name: "Microsoft Entra Conditional Access authentication context" }).check();
    await page.getByLabel("Authentication context", { exact: true }).selectOption({ label: "Phishing-resistant MFA" });
    await page.getByRole("checkbox", { name: "Require approval to activate" }).check();
    const picker = page.getByLabel("Select approver(s)");
    await picker.fill("Diego");
    await page.getByRole("button", { name: /^Add Diego Siciliani/ }).click();
    await picker.fill("Adele");
    await page.getByRole("button", { name: /^Add Adele Vance/ }).click();
    await page.getByRole("list", { name: "Approvers" }).getByText("Adele Vance").waitFor();
    await page.getByRole("button", { name: "Update" }).click();
    await page.getByText("Updated: Expiration_EndUser_Assignment, Approval_EndUser_Assignment, AuthenticationContext_EndUser_Assignment.").waitFor();
    const rules = await policyOf(TRAVEL, "member");
    const rule = (id) => rules.find((r) => r.id === id);
    assert.equal(rule("Expiration_EndUser_Assignment").maximumDuration, "PT1H");
    assert.deepEqual([rule("AuthenticationContext_EndUser_Assignment").isEnabled, rule("AuthenticationContext_EndUser_Assignment").claimValue], [true, "c1"]);
    const approval = rule("Approval_EndUser_Assignment").setting;
    assert.equal(approval.isApprovalRequired, true);
    assert.deepEqual(approval.approvalStages[0].primaryApprovers.map((a) => a.userId), ["78890470-07eb-4a38-a83b-e077d2784790", "39738082-5e48-49e4-a432-8712d48f4d6a"]);
    const untouched = JSON.parse(before).filter((r) => !["Expiration_EndUser_Assignment", "Approval_EndUser_Assignment", "AuthenticationContext_EndUser_Assignment"].includes(r.id));
    for (const r of untouched) assert.deepEqual(rule(r.id), r, `${r.id} was not changed`);
    assert.equal(await setting(page, "Activation maximum duration (hours)"), "1 hour");
    assert.equal(await setting(page, "Approvers"), "Diego Siciliani, Adele Vance");
    await screenshot(page, "settings-updated");
  });

  test("approval without an approver is refused before anything is sent", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${TRAVEL}/settings/owner`);
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("checkbox", { name: "Require approval to activate" }).check();
    const before = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
    await page.getByRole("button", { name: "Update" }).click();
    await page.getByRole("alert").filter({ hasText: "Approval needs at least one approver." }).waitFor();
    const log = await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${before}`)).json();
    assert.equal(log.value.filter((r) => r.method === "PATCH").length, 0);
  });
});
