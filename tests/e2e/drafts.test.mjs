// Every form keeps what was typed across a sign-in redirect (issue 12): type, lose the session so
// the app sends the user to sign in, come back, the input is there; after sign-out nothing of it
// is left in either storage on the app's origin.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { newPage, signIn, signedInPage, startStack, sessionEnds } from "./harness.mjs";
import { advance, setUpS1, state, ALEX } from "./stories.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
let stack, group;
before(async () => { stack = await startStack(); group = await setUpS1(stack); });
after(async () => { await stack?.stop(); });

/** The session is gone (as when a refresh token dies): the app sends the user to sign in and back. */
async function throughSignIn(page, person) {
  const before = page.url();
  await sessionEnds(page, stack, person);
  await page.getByRole("button", { name: person, exact: true }).waitFor();
  assert.equal(page.url(), before, "back on the same page");
}

/** Signs out and reads both storages on the app's origin: no `pim.` key may be left. */
async function signOutLeavesNothing(page, person) {
  // A pane is modal: leave the blade (its draft stays) to reach the account menu.
  if (await page.getByRole("dialog").count()) {
    await page.goto(`${stack.appUrl}/my/requests`);
    const kept = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("pim.draft.")));
    assert.ok(kept.length > 0, "the draft is still kept while signed in");
  }
  await page.getByRole("button", { name: person, exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { level: 1, name: "You have signed out" }).waitFor();
  assert.equal(new URL(page.url()).origin, stack.appUrl);
  const left = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k.startsWith("pim.")));
  assert.deepEqual(left, [], "nothing of the user is left on the app's origin");
}

describe("drafts across a sign-in redirect", () => {
  test("New group", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
    await page.getByLabel("Group name").fill("Draft Group");
    await page.getByLabel("Group description").fill("Typed before the session ended");
    await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).check();
    await throughSignIn(page, "Megan Bowen");
    assert.equal(await page.getByLabel("Group name").inputValue(), "Draft Group");
    assert.equal(await page.getByLabel("Group description").inputValue(), "Typed before the session ended");
    assert.equal(await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).isChecked(), true);
    await signOutLeavesNothing(page, "Megan Bowen");
  });

  test("the role settings editor", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${HELPDESK}/settings/owner`);
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Activation maximum duration (hours)").fill("3");
    await page.getByRole("checkbox", { name: "Require ticket information on activation" }).check();
    await page.getByRole("tab", { name: "Assignment" }).click();
    await throughSignIn(page, "Megan Bowen");
    await page.getByRole("tab", { name: "Assignment", selected: true }).waitFor();
    await page.getByRole("tab", { name: "Activation" }).click();
    assert.equal(await page.getByLabel("Activation maximum duration (hours)").inputValue(), "3");
    assert.equal(await page.getByRole("checkbox", { name: "Require ticket information on activation" }).isChecked(), true);
    await signOutLeavesNothing(page, "Megan Bowen");
  });

  test("the Add assignments wizard and a row's Update", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, `/groups/${group}/assignments`);
    await page.getByRole("button", { name: "Add assignments" }).click();
    let wizard = page.getByRole("dialog", { name: "Add assignments" });
    await page.getByLabel("Select role").selectOption("owner");
    await page.getByLabel("Select members").fill("Adele");
    await page.getByRole("option", { name: /^Add Adele Vance/ }).click();
    await wizard.getByRole("button", { name: "Next" }).click();
    await wizard.getByRole("radio", { name: "Active" }).check();
    await wizard.getByLabel("Assignment ends").fill("2027-03-01T09:30");
    await throughSignIn(page, "Megan Bowen");
    wizard = page.getByRole("dialog", { name: "Add assignments" });
    await wizard.waitFor();
    assert.equal(await wizard.getByRole("radio", { name: "Active" }).isChecked(), true);
    assert.equal(await wizard.getByLabel("Assignment ends").inputValue(), "2027-03-01T09:30");
    assert.match(await wizard.getByRole("list", { name: "Selected members" }).first().textContent(), /Adele Vance/);
    await wizard.getByRole("button", { name: "Back" }).click();
    assert.equal(await page.getByLabel("Select role").inputValue(), "owner");
    await wizard.getByRole("button", { name: "Close" }).click();

    await page.getByRole("button", { name: /^Update Alex Wilber/ }).click();
    let update = page.getByRole("dialog", { name: /^Update – Alex Wilber/ });
    await update.getByLabel("Assignment ends").fill("2027-04-15T10:00");
    await throughSignIn(page, "Megan Bowen");
    update = page.getByRole("dialog", { name: /^Update – Alex Wilber/ });
    assert.equal(await update.getByLabel("Assignment ends").inputValue(), "2027-04-15T10:00");
    await signOutLeavesNothing(page, "Megan Bowen");
  });

  test("the approval's Justification", async () => {
    const alex = await signedInPage(stack, "Alex Wilber", {}, "/my/groups");
    await alex.getByRole("button", { name: "Activate CA-Exclusion-LegacyMFA (Member)" }).click();
    const pane = alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" });
    await pane.getByLabel("Reason").fill("For the drafts story");
    await pane.getByRole("button", { name: "Activate" }).click();
    if (await alex.getByRole("button", { name: "Continue" }).isVisible().catch(() => false) || alex.url().includes("/authorize")) {
      await alex.getByRole("button", { name: "Continue" }).click();
      await alex.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
      await alex.getByRole("dialog", { name: "Activate – CA-Exclusion-LegacyMFA" }).getByRole("button", { name: "Activate" }).click();
    }
    await alex.getByText(/Request sent: pending approval/).waitFor();
    const id = (await state(stack)).requests.filter((r) => r.principalId === ALEX && r.status === "PendingApproval").pop().id;
    const diego = await signedInPage(stack, "Diego Siciliani", {}, `/approvals/${id}`);
    await diego.getByRole("button", { name: "Deny" }).click();
    await diego.getByLabel("Justification").fill("Half-written reason");
    await throughSignIn(diego, "Diego Siciliani");
    assert.equal(await diego.getByLabel("Justification").inputValue(), "Half-written reason");
    assert.equal(await diego.getByRole("button", { name: "Deny" }).getAttribute("aria-pressed"), "true");
    await signOutLeavesNothing(diego, "Diego Siciliani");
  });

  test("Extend's reason (last: it moves the clock)", async () => {
    const { now } = await advance(stack, { days: 80 });
    const page = await newPage(stack);
    await page.clock.setSystemTime(Date.parse(now));
    await signIn(page, stack, "Lidia Holloway", "/my/groups");
    await page.getByRole("button", { name: "Extend Helpdesk Admin-Group (Member)" }).click();
    await page.getByRole("dialog", { name: "Extend – Helpdesk Admin-Group" }).getByLabel("Reason").fill("Rota next quarter");
    await throughSignIn(page, "Lidia Holloway");
    const ask = page.getByRole("dialog", { name: "Extend – Helpdesk Admin-Group" });
    assert.equal(await ask.getByLabel("Reason").inputValue(), "Rota next quarter");
    await signOutLeavesNothing(page, "Lidia Holloway");
  });
});
