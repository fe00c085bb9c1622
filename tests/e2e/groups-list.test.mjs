// The managed groups list and Discover groups with Manage groups (issue 5), checked in the
// emulator's state: Graph has no list of managed groups, so the app's scan must agree with it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, signedInPage, startStack } from "./harness.mjs";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const state = async () => (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();

describe("groups under PIM", () => {
  test("the list shows exactly the managed groups with their counts, and search narrows it", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    await page.getByRole("heading", { level: 1, name: "Privileged Identity Management | Groups" }).waitFor();
    const table = page.getByRole("table", { name: "Groups managed by PIM" });
    await table.waitFor();
    const managed = (await state()).groups.filter((g) => g.onboarded).map((g) => g.displayName).sort();
    const links = (await table.getByRole("link").allTextContents()).sort();
    assert.deepEqual(links, managed);
    const helpdesk = table.getByRole("row", { name: /Helpdesk Admin-Group/ });
    const s = await state();
    const hd = "347ea741-b4c8-4d9e-8111-87902089734f";
    const eligible = s.schedules.filter((x) => x.groupId === hd && x.kind === "Eligibility").length;
    assert.match(await helpdesk.textContent(), new RegExp(`Security.*${eligible}`));
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
});
