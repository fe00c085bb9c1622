// Settings as code (issue 18): Helpdesk Admin-Group's settings exported, imported onto Exchange
// Admins - External with a preview that lists exactly the rules that differ, applied, and the two
// compared as identical; External's settings copied to three groups with one failing (a fault)
// and Retry failed completing it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { a11yCheck, signedInPage, startStack } from "./harness.mjs";
import { ALEX, DIEGO, state } from "./stories.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
const EX_EXT = "b3c7d634-1627-454b-875b-fa1ed5210e5d";
const EX_INT = "13aecbc1-b516-42a4-b1de-e12daa190492";
const LICENSE = "d1ea7894-ac63-4cab-82c6-24b892ed7ef1";
const TRAVEL = "778c3149-d224-49ad-b4b3-772733a19fa6";

let stack, helpdeskFile;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const control = (path, body, method = "POST") => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method, headers: { "content-type": "application/json", "x-emulator-control": "1" }, body: body && JSON.stringify(body) });
/** What a rule means, whatever its spelling: the fields PIM acts on. */
const meaning = (r) => {
  const s = r.setting ?? {};
  const approvers = (s.approvalStages ?? []).flatMap((st) => st.primaryApprovers ?? []).map((a) => a.userId ?? a.groupId ?? a.id).sort();
  return JSON.stringify([
    r.isExpirationRequired ?? null, r.maximumDuration ?? null, [...(r.enabledRules ?? [])].sort(),
    r.isEnabled === true ? r.claimValue : null, s.isApprovalRequired ?? null, approvers,
    r.isDefaultRecipientsEnabled ?? null, r.notificationLevel ?? null, [...(r.notificationRecipients ?? [])].sort(),
  ]);
};
/** A group's rules by id, each as what it means. */
const rules = async (group, access) => {
  const p = (await state(stack)).policies.find((x) => x.groupId === group && x.accessId === access);
  return Object.fromEntries(p.rules.map((r) => [r.id, meaning(r)]));
};
const differing = async (a, b, access) => {
  const [x, y] = [await rules(a, access), await rules(b, access)];
  return Object.keys(x).filter((id) => x[id] !== y[id]).sort();
};

describe("settings files", () => {
  test("export Helpdesk, import onto External with a preview of exactly the differing rules, then compare as identical", async () => {
    const page = await signedInPage(stack, "Megan Bowen", { bypassCSP: true }, `/groups/${HELPDESK}/settings`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    const path = await download.path();
    const file = JSON.parse(await readFile(path, "utf8"));
    helpdeskFile = file;
    assert.equal(file.$schema, "/schema/pim-group-settings.v1.json");
    assert.deepEqual(file.group, { id: HELPDESK, displayName: "Helpdesk Admin-Group" });
    assert.equal(file.member.activation.authenticationContext, "c1");
    assert.ok(file.owner.activation.approvers.some((a) => a.displayName === "Diego Siciliani" && a.userPrincipalName.startsWith("DiegoS@") && a.id), JSON.stringify(file.owner.activation));
    assert.equal(file.member.notifications.length, 9);
    await page.getByText(/^Exported to pim-settings-Helpdesk-Admin-Group\.json\.$/).waitFor();
    const schema = await (await fetch(`${stack.appUrl}/schema/pim-group-settings.v1.json`)).json();
    assert.equal(schema.$id, "/schema/pim-group-settings.v1.json", "the schema is served beside the app");

    const expected = { member: await differing(HELPDESK, EX_EXT, "member"), owner: await differing(HELPDESK, EX_EXT, "owner") };
    assert.ok(expected.member.length > 0, "the two groups differ to begin with");
    await page.goto(`${stack.appUrl}/groups/${EX_EXT}/settings`);
    await page.getByRole("button", { name: "Import" }).click();
    const pane = page.getByRole("dialog", { name: "Import settings" });
    await pane.getByLabel("Settings file").setInputFiles(path);
    await pane.getByRole("heading", { level: 3, name: "Member" }).waitFor();
    for (const [role, label] of [["member", "Member"], ["owner", "Owner"]]) {
      const line = pane.locator("section").filter({ has: page.getByRole("heading", { name: label }) }).getByText(/^(Rules that would be sent: |Nothing would be sent)/);
      const text = await line.textContent();
      const listed = text.startsWith("Nothing") ? [] : text.replace("Rules that would be sent: ", "").replace(/\.$/, "").split(", ").sort();
      assert.deepEqual(listed, expected[role], `${label}: the preview lists exactly the rules that differ`);
    }
    await pane.getByRole("table", { name: "Member: current and new" }).getByText("Approvers").waitFor();
    await a11yCheck(page, "import-preview", 1280);
    await pane.getByRole("button", { name: "Apply" }).click();
    await page.getByText(/^Imported\. Member: updated /).waitFor();
    assert.deepEqual(await differing(HELPDESK, EX_EXT, "member"), []);
    assert.deepEqual(await differing(HELPDESK, EX_EXT, "owner"), []);

    await page.getByRole("button", { name: "Compare" }).click();
    const compare = page.getByRole("dialog", { name: "Compare settings" });
    await compare.getByRole("combobox", { name: "Compare with group" }).fill("Helpdesk");
    await page.getByRole("option", { name: /^Add Helpdesk Admin-Group/ }).click();
    await compare.getByText("Member compared with Helpdesk Admin-Group: identical.").waitFor();
    await compare.getByText("Owner compared with Helpdesk Admin-Group: identical.").waitFor();
    await a11yCheck(page, "compare", 1280);
    await compare.getByRole("button", { name: "Close" }).click();

    // Drift: with Helpdesk's file as the template, External (now the same) is not listed as differing.
    await page.goto(`${stack.appUrl}/groups`);
    await page.getByRole("table").first().waitFor();
    await page.getByRole("button", { name: "Drift" }).click();
    const drift = page.getByRole("dialog", { name: "Settings drift" });
    await drift.getByLabel("Template file").setInputFiles(path);
    const table = drift.getByRole("table", { name: "Settings drift" });
    await table.waitFor();
    const cells = async (name) => (await table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) }).getByRole("cell").allTextContents()).slice(1);
    assert.deepEqual(await cells("Helpdesk Admin-Group"), ["Same", "Same"]);
    assert.deepEqual(await cells("Exchange Admins - External"), ["Same", "Same"]);
    const [license] = await cells("License - Power Automate");
    assert.match(license, /^\d+ differ: .*Activation maximum duration/);
    await drift.getByText(/^\d+ of \d+ managed groups differ from the template\.$/).waitFor();
    await a11yCheck(page, "drift", 1280);
    assert.deepEqual(page.problems, []);
  });

  test("a bad file is refused with the reason, and nothing is sent; Export works under the app's CSP", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${EX_EXT}/settings`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(exported.group.displayName, "Exchange Admins - External");
    await page.getByRole("button", { name: "Import" }).click();
    const pane = page.getByRole("dialog", { name: "Import settings" });
    await pane.getByLabel("Settings file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"$schema": "/schema/pim-group-settings.v1.json", "member": {"activation": {}}}') });
    await pane.getByRole("alert").getByText(/^The file is not a settings file: missing field/).waitFor();
    assert.ok(await pane.getByRole("button", { name: "Apply" }).isDisabled());
    await pane.getByRole("button", { name: "Close" }).click();

    // Compare with a group that differs: the differing settings side by side.
    await page.getByRole("button", { name: "Compare" }).click();
    const compare = page.getByRole("dialog", { name: "Compare settings" });
    await compare.getByRole("combobox", { name: "Compare with group" }).fill("License");
    await page.getByRole("option", { name: /^Add License - Power Automate/ }).click();
    const member = compare.getByRole("table", { name: "Member compared with License - Power Automate" });
    // allTextContents does not wait: the row is waited for first (the table fills as it reads).
    const row = member.getByRole("row").filter({ hasText: "Require approval to activate" });
    await row.waitFor();
    const approval = await row.getByRole("cell").allTextContents();
    assert.deepEqual(approval, ["Require approval to activate", "No", "Yes"]);
    await member.getByRole("row").filter({ hasText: "Approvers" }).getByText("Diego Siciliani").waitFor();
    assert.deepEqual(page.problems, []);
  });

  test("copy External's settings to three groups, one failing, and Retry failed completes it", async () => {
    const page = await signedInPage(stack, "Megan Bowen", { viewport: { width: 375, height: 800 }, bypassCSP: true }, `/groups/${EX_EXT}/settings`);
    await page.getByRole("button", { name: "Copy to groups" }).click();
    const pane = page.getByRole("dialog", { name: "Copy to groups" });
    for (const [typed, name] of [["License", "License - Power Automate"], ["Travel", "Travel - Allow abroad"], ["Exchange Admins - Int", "Exchange Admins - Internal"]]) {
      await pane.getByRole("combobox", { name: "Select target groups" }).fill(typed);
      await page.getByRole("option", { name: new RegExp(`^Add ${name}`) }).click();
      await pane.getByRole("table", { name: "Target groups" }).getByText(name).waitFor();
    }
    // Preview: per group what would be sent, and nothing is.
    const table0 = pane.getByRole("table", { name: "Target groups" });
    await pane.getByRole("button", { name: "Preview" }).click();
    for (const name of ["License - Power Automate", "Travel - Allow abroad", "Exchange Admins - Internal"]) {
      await table0.getByRole("row").filter({ hasText: name }).getByText(/^Member: would send /).waitFor();
    }
    assert.notDeepEqual(await differing(EX_EXT, LICENSE, "member"), [], "a preview sends nothing");
    await control("faults", { path: `/v1.0/policies/roleManagementPolicies/Group_${TRAVEL}*`, kind: "error", status: 500, method: "PATCH", count: 1 });
    await pane.getByRole("button", { name: "Apply" }).click();
    const table = pane.getByRole("table", { name: "Target groups" });
    await table.getByRole("row").filter({ hasText: "Travel - Allow abroad" }).getByText(/^Failed to write/).waitFor();
    await table.getByRole("row").filter({ hasText: "License - Power Automate" }).getByText(/^Updated /).waitFor();
    await table.getByRole("row").filter({ hasText: "Exchange Admins - Internal" }).getByText(/^Updated /).waitFor();
    assert.notDeepEqual(await differing(EX_EXT, TRAVEL, "member"), [], "the failed group is unchanged");
    await pane.getByRole("button", { name: "Retry failed" }).click();
    await table.getByRole("row").filter({ hasText: "Travel - Allow abroad" }).getByText(/^Updated /).waitFor();
    for (const g of [LICENSE, TRAVEL, EX_INT]) {
      for (const access of ["member", "owner"]) {
        const ids = await differing(EX_EXT, g, access);
        const show = async (grp) => JSON.stringify((await state(stack)).policies.find((x) => x.groupId === grp && x.accessId === access).rules.filter((r) => ids.includes(r.id)));
        assert.deepEqual(ids, [], `${g} ${access}: ${await show(EX_EXT)} vs ${await show(g)}`);
      }
    }
    assert.ok(await pane.getByRole("button", { name: "Retry failed" }).isDisabled(), "nothing left to retry");
    await a11yCheck(page, "copy-to-groups", 375);

    // A template (a file without a group) copied to a group: Member only.
    await pane.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Copy to groups" }).click();
    const again = page.getByRole("dialog", { name: "Copy to groups" });
    const { group, ...template } = helpdeskFile;
    template.member.activation.maximumDuration = "PT3H";
    await again.getByLabel("Copy from a settings file instead of this group (optional)").setInputFiles({ name: "template.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(template)) });
    await again.getByText("Copying from the template file.").waitFor();
    await again.getByRole("checkbox", { name: "Owner" }).uncheck();
    await again.getByRole("combobox", { name: "Select target groups" }).fill("License");
    await page.getByRole("option", { name: /^Add License - Power Automate/ }).click();
    await again.getByRole("button", { name: "Apply" }).click();
    await again.getByRole("table", { name: "Target groups" }).getByText("Updated Member Expiration_EndUser_Assignment.").waitFor();
    assert.match((await rules(LICENSE, "member")).Expiration_EndUser_Assignment, /"PT3H"/);
    assert.deepEqual(page.problems.filter((p) => !/status of 500/.test(p)), [], "only the injected fault's 500");
  });

  test("a file's people are named by the directory; one that can't be read, or a problem in any part, sends nothing", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${TRAVEL}/settings`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
    const file = JSON.parse(await readFile(await download.path(), "utf8"));
    // A crafted file: Diego's and Alex's ids under other people's names.
    file.owner.activation.approval = true;
    file.owner.activation.approvers = [
      { type: "user", id: DIEGO, displayName: "Adele Vance" },
      { type: "user", id: ALEX, displayName: "Megan Bowen" },
    ];
    const since = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
    await page.getByRole("button", { name: "Import" }).click();
    const pane = page.getByRole("dialog", { name: "Import settings" });
    let n = 0;
    const upload = (f) => pane.getByLabel("Settings file").setInputFiles({ name: `f${n++}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(f)) });
    await upload(file);
    const row = pane.getByRole("table", { name: "Owner: current and new" }).getByRole("row").filter({ hasText: "Approvers" });
    await row.waitFor();
    const shown = (await row.getByRole("cell").allTextContents())[2];
    assert.match(shown, /Diego Siciliani/);
    assert.match(shown, /Alex Wilber/);
    assert.doesNotMatch(shown, /Adele|Megan/, "never the file's names");
    const apply = pane.getByRole("button", { name: "Apply" });
    assert.ok(await apply.isEnabled());

    // A lookup refused (403) is "could not be read", not "not found": the file is refused.
    await control("faults", { path: `*/users/${DIEGO}`, kind: "error", status: 403, count: 20 });
    await upload(file);
    const refusal = pane.getByRole("alert").filter({ hasText: "This file can't be imported, and nothing from it will be sent:" });
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /Owner: Couldn't read approver /);
    assert.ok(await apply.isDisabled());
    await control("faults", undefined, "DELETE");

    // A problem in the Member part refuses the Owner part too.
    file.member.activation.maximumDuration = "eight hours";
    await upload(file);
    await refusal.filter({ hasText: 'Member: activation.maximumDuration "eight hours" is not a duration' }).waitFor();
    assert.equal(await pane.getByText(/^Rules that would be sent/).count(), 0, "no part of the file is offered");
    assert.ok(await apply.isDisabled());
    const log = await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json();
    assert.deepEqual(log.value.filter((r) => r.method === "PATCH"), [], "nothing was sent");
    await pane.getByRole("button", { name: "Close" }).click();

    // Copy from the (valid) crafted template: its approvers are named by the directory too.
    const { group, ...template } = file;
    template.member.activation.maximumDuration = "PT8H";
    await page.getByRole("button", { name: "Copy to groups" }).click();
    const copy = page.getByRole("dialog", { name: "Copy to groups" });
    await copy.getByLabel("Copy from a settings file instead of this group (optional)").setInputFiles({ name: "t.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(template)) });
    await copy.getByText("Copying from the template file.").waitFor();
    await copy.getByRole("combobox", { name: "Select target groups" }).fill("License");
    await page.getByRole("option", { name: /^Add License - Power Automate/ }).click();
    await copy.getByRole("button", { name: "Preview" }).click();
    await copy.getByRole("table", { name: "Target groups" }).getByText(/Owner: (would send .*|already the same) \(approvers: Alex Wilber, Diego Siciliani\)/).waitFor();
    // A target PIM does not manage yet: the preview says so, and Apply asks before it onboards.
    await copy.getByRole("combobox", { name: "Select target groups" }).fill("Marketing");
    await page.getByRole("option", { name: /^Add Marketing/ }).click();
    await copy.getByRole("button", { name: "Preview" }).click();
    const targets = copy.getByRole("table", { name: "Target groups" });
    await targets.getByRole("row").filter({ hasText: "Marketing" }).getByText(/^Not managed by PIM yet: copying brings it under PIM\./).waitFor();
    const before = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
    await copy.getByRole("button", { name: "Apply" }).click();
    await copy.getByRole("alert").filter({ hasText: /^Not managed by PIM yet \(or it could not be told\): Marketing\./ }).waitFor();
    const patched = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${before}`)).json()).value.filter((r) => r.method === "PATCH");
    assert.deepEqual(patched, [], "nothing sent to any group before the answer");
    await copy.getByRole("checkbox", { name: "Bring groups not yet managed by PIM under PIM" }).check();
    await copy.getByRole("button", { name: "Apply" }).click();
    await targets.getByRole("row").filter({ hasText: "Marketing" }).getByText(/^Updated /).waitFor();
    await copy.getByRole("button", { name: "Close" }).click();

    // Drift finds a template's people as Import does, and never calls a group "Same" without one.
    const stranger = structuredClone(template);
    stranger.owner.activation.approvers.push({ type: "user", id: "0b8c3a51-3c1e-4f5a-9d1f-5a3b9c2d7e10", displayName: "Sam Stranger", userPrincipalName: "sam@fabrikam.com" });
    await page.goto(`${stack.appUrl}/groups`);
    await page.getByRole("table").first().waitFor();
    await page.getByRole("button", { name: "Drift" }).click();
    const drift = page.getByRole("dialog", { name: "Settings drift" });
    await drift.getByLabel("Template file").setInputFiles({ name: "s.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(stranger)) });
    await drift.getByRole("alert").filter({ hasText: /^Approvers can't be compared: Owner: approver Sam Stranger could not be found in this directory/ }).waitFor();
    assert.equal(await drift.getByRole("table", { name: "Settings drift" }).count(), 0);
    assert.deepEqual(page.problems.filter((p) => !/status of (403|404)/.test(p)), [], "only the injected 403 and the stranger's 404s");
  });
});
