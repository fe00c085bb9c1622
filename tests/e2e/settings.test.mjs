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
