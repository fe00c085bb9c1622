// Accessibility (issue 12): axe-core on every blade and every pane at 1280 and 375 px, no
// sideways scrolling on a phone, and panes that take focus in, keep it, and give it back, tried
// with the keyboard alone for Activate, Add assignments and the approval decision.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { a11yCheck as check, newPage, signIn, startStack } from "./harness.mjs";
import { setUpS1, state, ALEX } from "./stories.mjs";

const WIDTHS = [1280, 375];
const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";

let stack, group;
before(async () => { stack = await startStack(); group = await setUpS1(stack); });
after(async () => { await stack?.stop(); });

/** A signed-in page at `width`; CSP is bypassed only so the test can inject axe-core. */
async function at(width, person, path) {
  const page = await newPage(stack, { viewport: { width, height: 900 }, bypassCSP: true });
  await signIn(page, stack, person, path);
  return page;
}

const h1 = (page, name) => page.getByRole("heading", { level: 1, name, exact: true }).waitFor();

describe("accessibility", () => {
  for (const width of WIDTHS) {
    test(`every admin blade and pane is axe-clean at ${width} px`, async () => {
      const page = await at(width, "Megan Bowen", "/groups");
      const blades = [
        ["/my/groups", "My roles | Groups", "my-roles"],
        ["/my/groups?tab=active", "My roles | Groups", "my-roles-active"],
        ["/my/groups?tab=expired", "My roles | Groups", "my-roles-expired"],
        ["/my/requests", "My requests", "my-requests"],
        ["/approvals", "Approve requests", "approvals"],
        ["/overview", "Overview", "overview"],
        ["/groups", "Privileged Identity Management | Groups", "groups"],
        ["/groups/discover", "Discover groups", "discover"],
        ["/groups/new", "New group", "new-group"],
        [`/groups/${HELPDESK}`, "Helpdesk Admin-Group", "overview"],
        [`/groups/${HELPDESK}/assignments`, "Helpdesk Admin-Group", "assignments"],
        [`/groups/${HELPDESK}/assignments?tab=active`, "Helpdesk Admin-Group", "assignments-active"],
        [`/groups/${HELPDESK}/assignments?tab=expired`, "Helpdesk Admin-Group", "assignments-expired"],
        [`/groups/${HELPDESK}/settings`, "Helpdesk Admin-Group", "settings"],
        [`/groups/${HELPDESK}/settings/member`, "Role setting details - Member", "settings-member"],
        [`/groups/${HELPDESK}/history`, "Helpdesk Admin-Group", "history"],
        [`/groups/${HELPDESK}/audit`, "Helpdesk Admin-Group", "group-audit"],
        [`/grants/${HELPDESK}`, "What membership grants", "grants"],
        ["/audit", "Audit", "audit"],
        ["/audit?tab=mine", "Audit", "audit-mine"],
        ["/setup", "Check setup", "check-setup"],
        ["/reports", "Reports", "reports"],
        ["/reports?tab=standing", "Reports", "reports-standing"],
        ["/reports?tab=unused", "Reports", "reports-unused"],
      ];
      for (const [path, heading, name] of blades) {
        await page.goto(`${stack.appUrl}${path}`);
        await h1(page, heading);
        await page.getByRole("status").filter({ hasText: /^Loading|^Checking|^Reading/ }).waitFor({ state: "detached" }).catch(() => {});
        await page.waitForLoadState("networkidle");
        await check(page, name, width);
      }
      // The settings editor, each of its tabs.
      await page.goto(`${stack.appUrl}/groups/${HELPDESK}/settings/owner`);
      await page.getByRole("button", { name: "Edit" }).click();
      for (const tab of ["Activation", "Assignment", "Notification"]) {
        await page.getByRole("tab", { name: tab }).click();
        await page.getByRole("tab", { name: tab, selected: true }).waitFor();
        await check(page, `editor-${tab.toLowerCase()}`, width);
      }
      // The wizard, both steps, and a row's panes.
      await page.goto(`${stack.appUrl}/groups/${group}/assignments`);
      await page.getByRole("button", { name: "Add assignments" }).click();
      const wizard = page.getByRole("dialog", { name: "Add assignments" });
      await page.getByLabel("Select members").fill("Adele");
      await page.getByRole("option", { name: /^Add Adele Vance/ }).waitFor();
      await check(page, "wizard-membership", width);
      await page.getByRole("option", { name: /^Add Adele Vance/ }).click();
      await wizard.getByRole("button", { name: "Next" }).click();
      await check(page, "wizard-setting", width);
      await wizard.getByRole("button", { name: "Close" }).click();
      await page.getByRole("button", { name: /^Update Alex Wilber/ }).click();
      await page.getByRole("dialog", { name: /^Update – Alex Wilber/ }).waitFor();
      await check(page, "row-update", width);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      await page.goto(`${stack.appUrl}/groups/${HELPDESK}/assignments`);
      await page.getByRole("button", { name: /^Remove Lidia Holloway/ }).first().click();
      await page.getByRole("dialog", { name: /^Remove Lidia Holloway/ }).waitFor();
      await check(page, "row-remove", width);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      await page.goto(`${stack.appUrl}/groups/discover`);
      const box = page.getByRole("checkbox", { name: /^Select / }).and(page.locator(":not([disabled])")).first();
      await box.check();
      await page.getByRole("button", { name: "Manage groups" }).click();
      await page.getByRole("dialog", { name: "Manage groups" }).waitFor();
      await check(page, "discover-confirm", width);
      assert.deepEqual(page.problems, []);
    });

    test(`Alex's My roles, the Activate pane and the approval page are axe-clean at ${width} px`, async () => {
      const alex = await at(width, "Alex Wilber", "/my/groups");
      await alex.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
      await alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).waitFor();
      await check(alex, "activate-pane", width);
      await alex.keyboard.press("Escape");
      const s = await state(stack);
      const pending = s.requests.find((r) => r.status === "PendingApproval");
      const diego = await at(width, "Diego Siciliani", pending ? `/approvals/${pending.id}` : "/approvals");
      await h1(diego, pending ? "Approval request" : "Approve requests");
      await diego.waitForLoadState("networkidle");
      await check(diego, "approval", width);
    });
  }

  test("the Activate pane and Add assignments work with the keyboard alone: focus goes in, stays, comes back", async () => {
    const alex = await at(1280, "Alex Wilber", "/my/groups");
    const activate = alex.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" });
    await activate.click({ trial: true }); // waits until the settings are read and it is enabled
    await activate.focus();
    await alex.keyboard.press("Enter");
    const pane = alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" });
    await pane.waitFor();
    const inside = () => alex.evaluate(() => !!document.activeElement?.closest("dialog[open]"));
    assert.ok(await inside(), "focus moved into the pane");
    for (let i = 0; i < 12; i++) {
      await alex.keyboard.press("Tab");
      const where = await alex.evaluate(() => document.activeElement?.closest("dialog[open]") ? "pane" : document.activeElement?.tagName);
      assert.ok(where === "pane" || where === "BODY", `Tab ${i + 1} left the pane for ${where}`);
    }
    await alex.keyboard.press("Escape");
    await pane.waitFor({ state: "detached" });
    assert.equal(await activate.evaluate((el) => el === document.activeElement), true, "focus back on Activate");

    const megan = await at(1280, "Megan Bowen", `/groups/${group}/assignments`);
    const add = megan.getByRole("button", { name: "Add assignments" });
    await add.focus();
    await megan.keyboard.press("Enter");
    const wizard = megan.getByRole("dialog", { name: "Add assignments" });
    await wizard.waitFor();
    await megan.waitForFunction(() => document.activeElement?.id === "assign-role", null, { timeout: 2000 });
    await megan.keyboard.press("Tab");
    await megan.keyboard.type("Adele");
    await megan.getByRole("option", { name: /^Add Adele Vance/ }).waitFor();
    await megan.keyboard.press("ArrowDown");
    await megan.keyboard.press("Enter");
    await wizard.getByRole("list", { name: "Selected members" }).first().getByText(/Adele Vance/).waitFor();
    await megan.keyboard.press("Escape");
    await wizard.waitFor({ state: "detached" });
    assert.equal(await add.evaluate((el) => el === document.activeElement), true, "focus back on Add assignments");
  });

  test("an approver decides with the keyboard alone", async () => {
    const alex = await at(1280, "Alex Wilber", "/my/groups");
    await alex.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
    const pane = alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" });
    await pane.getByLabel("Reason").fill("Keyboard story");
    await pane.getByRole("button", { name: "Activate" }).click();
    if (await alex.getByRole("button", { name: "Continue" }).isVisible().catch(() => false) || alex.url().includes("/authorize")) {
      await alex.getByRole("button", { name: "Continue" }).click();
      await alex.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
      await alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).getByRole("button", { name: "Activate" }).click();
    }
    await alex.getByText(/Request sent: pending approval|Already requested/).waitFor();
    const id = (await state(stack)).requests.filter((r) => r.principalId === ALEX && r.status === "PendingApproval").pop().id;
    const diego = await at(1280, "Diego Siciliani", `/approvals/${id}`);
    const approve = diego.getByRole("button", { name: "Approve" });
    await approve.waitFor();
    await approve.focus();
    await diego.keyboard.press("Space");
    assert.equal(await approve.getAttribute("aria-pressed"), "true");
    // Tab past Deny to the Justification, type, Tab to Submit, Enter.
    await diego.keyboard.press("Tab");
    await diego.keyboard.press("Tab");
    assert.equal(await diego.evaluate(() => document.activeElement?.id), "decide-justification");
    await diego.keyboard.type("Keyboard only, approved");
    await diego.keyboard.press("Tab");
    await diego.keyboard.press("Enter");
    await diego.getByText(/^Approved by Diego Siciliani/).waitFor();
    assert.equal((await state(stack)).requests.find((r) => r.id === id).status !== "PendingApproval", true);
  });
});
