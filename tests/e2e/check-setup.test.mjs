// Issue 29: when a tenant differs from the demo one (a licence missing, an API refused or not in
// v1.0, a consent withheld, a clock that is off), Check setup says what and how to fix it, the
// groups list uses beta and says so, and My roles goes by the service's time.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { graphToken, newPage, screenshot, signIn, startStack, violations } from "./harness.mjs";
import { adminAssign, advance } from "./stories.mjs";

const NESTOR = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
const TRAVEL = "778c3149-d224-49ad-b4b3-772733a19fa6";
const EX_INT = "13aecbc1-b516-42a4-b1de-e12daa190492";
const ALEX = "afdbf62f-c30c-40e8-8efe-7b1d90508dc8";
const RESOURCES = "/v1.0/identityGovernance/privilegedAccess/group/resources";

describe("Check setup and a tenant that differs", () => {
  let stack;
  const differ = (change) => fetch(`${stack.emulatorUrl}/_emulator/differ`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(change) });
  before(async () => { stack = await startStack(); });
  after(() => stack?.stop());

  /** The Check setup row of `name`: its status and its text. */
  async function row(page, name) {
    const r = page.getByRole("table", { name: "Checks" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
    await r.waitFor();
    return { status: (await r.getByRole("cell").first().textContent()).trim(), text: await r.textContent(), row: r };
  }

  test("on the demo tenant every check passes for Megan, from the shell's link", async () => {
    const page = await newPage(stack, { bypassCSP: true });
    await signIn(page, stack, "Megan Bowen", "/my/groups");
    await page.getByRole("navigation", { name: "Privileged Identity Management" }).getByRole("link", { name: "Check setup" }).click();
    await page.getByRole("heading", { level: 1, name: "Check setup" }).waitFor();
    await page.getByText("0 failed, 0 with a warning.").waitFor();
    for (const name of ["Licence", "Administer PIM for Groups", "Read the audit log", "Groups under PIM \\(v1.0\\)", "Audit log", "Access reviews", "Clock", "Sign-in endpoint", "Redirect URI"]) {
      assert.equal((await row(page, name)).status, "Passed", name);
    }
    assert.deepEqual(await violations(page), []);
    await screenshot(page, "check-setup");
  });

  test("with the browser's clock behind the service's, My roles counts down and expires by the service's time", async () => {
    const token = await graphToken(stack, NESTOR);
    const now = (await advance(stack, {})).now;
    const sent = await fetch(`${stack.emulatorUrl}/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "selfActivate", principalId: NESTOR, groupId: TRAVEL, accessId: "member", justification: "Trip",
        scheduleInfo: { startDateTime: now, expiration: { type: "afterDuration", duration: "PT2H" } } }) });
    assert.equal(sent.status, 201, await sent.text());
    // And an eligibility an administrator gave him for 90 minutes.
    const given = await adminAssign(stack, { kind: "eligibility", accessId: "member", principalId: NESTOR, groupId: EX_INT, justification: "Cover", end: Date.parse(now) + 90 * 60_000 });
    assert.equal(given.status, 201, await given.text());
    // The service is now 65 minutes ahead of this browser (whose clock is the machine's).
    await advance(stack, { minutes: 65 });
    const page = await newPage(stack);
    await signIn(page, stack, "Nestor Wilke", "/my/groups?tab=active");
    const timer = page.getByRole("timer", { name: "Time left: Travel - Allow abroad" });
    await timer.waitFor();
    assert.match(await timer.textContent(), /^5\d min \d+ s$/, "55 minutes left by the service's clock, not 1 h 55");
    await page.goto(`${stack.appUrl}/setup`);
    assert.match((await row(page, "Clock")).text, /65 minutes behind/);

    // An hour later by the service's clock (the browser's says 5 minutes), the activation and the
    // eligibility have ended: Expired shows the eligibility, Active no longer the activation.
    await advance(stack, { minutes: 60 });
    const later = await newPage(stack);
    await signIn(later, stack, "Nestor Wilke", "/my/groups?tab=expired");
    await later.getByRole("table", { name: "Expired assignments" }).getByRole("row", { name: /Exchange Admins - Internal/ }).waitFor();
    await later.goto(`${stack.appUrl}/my/groups?tab=active`);
    await later.getByRole("table", { name: "Active assignments" }).waitFor();
    assert.equal(await later.getByRole("timer", { name: "Time left: Travel - Allow abroad" }).count(), 0);
  });
  test("each difference is Failed or Warning with how to fix it, Check again sees a change, and the diagnostics hold no token", async () => {
    await differ({ missing: [RESOURCES], forbidden: ["/v1.0/identity/conditionalAccess/authenticationContextClassReferences"], withhold: ["AccessReview.ReadWrite.All"] });
    const page = await newPage(stack, { bypassCSP: true, permissions: ["clipboard-read", "clipboard-write"] });
    await signIn(page, stack, "Alex Wilber", "/setup");
    await page.getByText(/^\d+ failed, \d+ with a warning\.$/).waitFor();
    const contexts = await row(page, "Authentication contexts");
    assert.equal(contexts.status, "Failed");
    assert.match(contexts.text, /403 Authorization_RequestDenied.*request id [0-9a-f-]{36}/);
    assert.match(contexts.text, /Grant Policy\.Read\.ConditionalAccess/);
    const v1 = await row(page, "Groups under PIM \\(v1.0\\)");
    assert.equal(v1.status, "Warning");
    assert.match(v1.text, /BadRequest: Resource not found for the segment 'resources'/);
    assert.match((await row(page, "Groups under PIM \\(beta\\)")).text, /uses beta/);
    const audit = await row(page, "Read the audit log");
    assert.equal(audit.status, "Warning");
    assert.match(audit.text, /Reports Reader or Security Reader/);
    assert.equal((await row(page, "Audit log")).status, "Failed", "Alex's role cannot read it: Graph's 403 is shown");
    const reviews = await row(page, "Permissions: reviews tier");
    assert.equal(reviews.status, "Warning");
    assert.match(reviews.text, /Not consented for you: AccessReview\.ReadWrite\.All/);
    assert.equal((await row(page, "Licence")).status, "Passed");

    // The licence is taken away meanwhile: Check again on its row sees it.
    await differ({ unlicensed: [ALEX] });
    await page.getByRole("button", { name: "Check again: Licence" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll("th")].some((th) => th.textContent.startsWith("Licence") && th.closest("tr").textContent.includes("Failed")));
    const licence = await row(page, "Licence");
    assert.match(licence.text, /Assign Microsoft Entra ID P2/);
    assert.equal(await licence.row.getByRole("link", { name: "Licenses" }).getAttribute("rel"), "noopener noreferrer");

    await page.getByRole("button", { name: "Copy diagnostics" }).click();
    await page.getByText("Copied: no token, no secret.").waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(text, /^pim-groups: Check setup\nTenant: 9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f\n/);
    assert.match(text, /\[Failed\] Licence: You hold no licence\./);
    assert.match(text, /\[Failed\] Authentication contexts: 403 Authorization_RequestDenied/);
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}/.test(text) && !/refresh|access_token|code=/i.test(text), "no token, no code");
    assert.deepEqual(await violations(page), []);
    await screenshot(page, "check-setup-differs");

    // The groups list read PIM's list from beta, and says so.
    const megan = await newPage(stack);
    await signIn(megan, stack, "Megan Bowen", "/groups");
    await megan.getByRole("status").filter({ hasText: "was read from Graph's beta version" }).waitFor();
    await megan.getByRole("table", { name: "Groups managed by PIM" }).getByRole("link", { name: "Helpdesk Admin-Group" }).waitFor();
  });

});
