// Access reviews (issue 17): story S7 end to end: Megan creates a review of Helpdesk Admin-Group's
// members with its owners as reviewers (refused without a fallback before anything is sent),
// Diego decides from the email link on a phone, Megan stops it, the denied member's eligibility is
// gone and the group's History says why; the results CSV; a monthly series after a month; editing
// a series; every review page axe-clean at 1280 and 375 px.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { a11yCheck, graphToken, newPage, screenshot, signIn, signedInPage, startStack, sessionEnds } from "./harness.mjs";
import { MEGAN, advance, log, state } from "./stories.mjs";

const HELPDESK = "347ea741-b4c8-4d9e-8111-87902089734f";
const LIDIA = "dd94208e-b2f8-4b2a-8304-b8e331587cf3";
const NESTOR = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
const DEFS = "/v1.0/identityGovernance/accessReviews/definitions";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });
const fault = (f) => fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(f) });

const outbox = async () => (await (await fetch(`${stack.emulatorUrl}/_emulator/outbox`)).json()).value;
const graph = async (method, path, body) => {
  const token = await graphToken(stack, MEGAN);
  const r = await fetch(`${stack.emulatorUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body && JSON.stringify(body) });
  return r.status === 204 ? null : r.json();
};
const eligible = async (who) => (await state(stack)).schedules.some((s) => s.groupId === HELPDESK && s.principalId === who && s.accessId === "member" && s.kind === "Eligibility" && s.current);

/** A fresh signed-out phone-sized browser opening `link` and signing in as `person`. */
async function phone(link, person) {
  const page = await newPage(stack, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  await page.goto(link);
  await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
  await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
  return page;
}

/** Megan's S7 review through the wizard, from the group's Access reviews; returns [page, id]. */
async function createS7() {
  const megan = await signedInPage(stack, "Megan Bowen", { bypassCSP: true }, `/groups/${HELPDESK}/reviews`);
  await megan.getByRole("table", { name: "Access reviews of this group" }).waitFor();
  await megan.getByRole("link", { name: "New access review" }).click();
  await megan.getByRole("heading", { level: 1, name: "New access review" }).waitFor();
  await megan.getByRole("list", { name: "Groups to review" }).getByText("Helpdesk Admin-Group").waitFor();
  await megan.getByLabel("Review name").fill("Helpdesk quarterly review");
  await megan.getByLabel("Additional content for reviewer email").fill("Keep only people who still work on the helpdesk.");
  assert.ok(await megan.getByRole("radio", { name: "Group owner(s)" }).isChecked(), "owners review by default");
  await megan.getByRole("checkbox", { name: "Auto apply results to resource" }).check();
  const since = (await log(stack)).total;
  await megan.getByRole("button", { name: "Create" }).click();
  await megan.getByText(/^Add a fallback reviewer: in a review of a group managed by PIM only active owners review/).waitFor();
  const posted = (await log(stack, since)).value.filter((r) => r.method === "POST" && r.url.includes("accessReviews"));
  assert.deepEqual(posted, [], "nothing is sent without a fallback");
  await megan.getByRole("combobox", { name: "Fallback reviewers" }).fill("Megan");
  await megan.getByRole("option", { name: /^Add Megan Bowen/ }).click();
  await megan.getByRole("button", { name: "Create" }).dblclick();
  await megan.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  await megan.getByRole("heading", { level: 2, name: "Helpdesk quarterly review" }).waitFor();
  const id = new URL(megan.url()).pathname.split("/").pop();
  const made = (await graph("GET", DEFS)).value.filter((d) => d.displayName === "Helpdesk quarterly review");
  assert.equal(made.length, 1, "one review, not two");
  assert.equal(made[0].fallbackReviewers[0].query, `/users/${MEGAN}`);
  return [megan, id];
}

describe("access reviews", () => {
  test("story S7: owners review from the email on a phone, the denied member loses the eligibility and History says why", async () => {
    const [megan, id] = await createS7();
    await megan.getByRole("table", { name: "Decisions" }).getByText("Nestor Wilke").waitFor();
    const contacted = await megan.locator("dd").filter({ hasText: "Diego Siciliani" }).textContent();
    assert.match(contacted, /Adele Vance, Diego Siciliani/, "the active owners are asked");

    const mail = (await outbox()).find((m) => m.rule === "AccessReview" && m.to.some((t) => t.startsWith("DiegoS@")));
    assert.ok(mail, "Diego got an email");
    assert.match(mail.link, new RegExp(`^${stack.appUrl}/my/reviews/${id}/[0-9a-f-]{36}$`));
    // The group's schedules are slow: the people show first, their access once it is read.
    await fault({ path: "*/group/eligibilitySchedules", kind: "latency", latencyMs: 3000, count: 1 });
    const diego = await phone(mail.link, "Diego Siciliani");
    assert.equal(new URL(diego.url()).pathname, new URL(mail.link).pathname, "back on the review after sign-in");
    await diego.getByRole("heading", { level: 2, name: "Helpdesk quarterly review" }).waitFor();
    const lidia = diego.getByRole("group", { name: "Lidia Holloway" });
    const nestor = diego.getByRole("group", { name: "Nestor Wilke" });
    // Eligible or active comes from the group's schedules, read after the people have shown.
    await lidia.locator("dd").filter({ hasText: /^Reading…$/ }).waitFor();
    await lidia.locator("dd").filter({ hasText: /^Eligible$/ }).waitFor();
    assert.match(await lidia.textContent(), /Recommendation\s*Approve/);
    assert.match(await nestor.textContent(), /Last sign-in\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(await nestor.textContent(), /Recommendation\s*Deny/);
    await a11yCheck(diego, "review-access", 375);
    await lidia.getByRole("radio", { name: "Approve" }).check();
    await nestor.getByRole("radio", { name: "Deny" }).check();
    await nestor.getByLabel("Reason").fill("Left the helpdesk in October");
    await diego.getByRole("button", { name: "Submit" }).click();
    await diego.getByText("This review asks for a reason with each decision: add one for Lidia Holloway.").waitFor();
    await lidia.getByLabel("Reason").fill("Still on the helpdesk rota");
    // One decision is recorded and its answer lost: the reviewer's decisions, read again, say so.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/decisions/*", method: "PATCH", kind: "applyThenError", status: 504, count: 1 }) });
    await diego.getByRole("button", { name: "Submit" }).dblclick();
    await diego.getByText("2 decisions submitted.").waitFor();
    await diego.getByText("Denied by Diego Siciliani").waitFor();
    await screenshot(diego, "review-access-phone");
    assert.deepEqual(diego.problems.filter((p) => !/status of 504/.test(p)), [], "only the injected 504");

    await megan.reload();
    const decisions = megan.getByRole("table", { name: "Decisions" });
    await decisions.getByText("Left the helpdesk in October").waitFor();
    // The stop is made and its answer lost: the review, read again, says it was.
    await fault({ path: "*/instances/*/stop", method: "POST", kind: "applyThenError", status: 502, count: 1 });
    await megan.getByRole("button", { name: "Stop" }).click();
    await megan.getByRole("dialog", { name: "Stop the review" }).getByRole("button", { name: "Yes, stop" }).click();
    await megan.getByText("The review was stopped. (Graph's answer was lost; the review, read again, shows it done.)").waitFor();
    await megan.locator("dd").filter({ hasText: /^Applied$/ }).waitFor();
    assert.ok(await megan.getByRole("button", { name: "Apply" }).isDisabled(), "auto apply already applied");
    assert.ok(!(await eligible(NESTOR)), "the denied member is no longer eligible");
    assert.ok(await eligible(LIDIA), "the approved member still is");

    const [download] = await Promise.all([megan.waitForEvent("download"), megan.getByRole("link", { name: "Download results" }).click()]);
    const csv = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
    assert.equal(csv[0], "Principal,User principal name,Decision,Reason,Reviewed by,Reviewed on,Recommendation,Apply result");
    assert.equal(csv.length, 3, `one row per decision: ${csv.join("\n")}`);
    assert.ok(csv.some((l) => /^Nestor Wilke,NestorW@contoso\.onmicrosoft\.com,Denied,Left the helpdesk in October,Diego Siciliani,\d{4}-\d\d-\d\d \d\d:\d\d UTC,Deny,AppliedSuccessfully$/.test(l)), csv.join("\n"));
    assert.ok(csv.some((l) => /^Lidia Holloway,.*,Approved,Still on the helpdesk rota,Diego Siciliani,/.test(l)), csv.join("\n"));

    await megan.goto(`${stack.appUrl}/groups/${HELPDESK}/history`);
    const row = megan.getByRole("row").filter({ hasText: "Nestor Wilke" }).filter({ hasText: "Eligible" }).first();
    await row.waitFor();
    assert.match(await row.textContent(), /Denied in the access review "Helpdesk quarterly review" by Diego Siciliani: Left the helpdesk in October/);
    assert.deepEqual(megan.problems.filter((p) => !/status of 502/.test(p)), [], "only the injected 502");
  });

  test("a monthly series: editing keeps its group, the next instance after a month, accept recommendations, reminder, reset, delete", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const def = await graph("POST", DEFS, {
      displayName: "Travel monthly review", descriptionForAdmins: "Monthly", descriptionForReviewers: "",
      scope: { "@odata.type": "#microsoft.graph.accessReviewQueryScope", query: "/groups/778c3149-d224-49ad-b4b3-772733a19fa6/transitiveMembers", queryType: "MicrosoftGraph" },
      reviewers: [{ query: `/users/${MEGAN}`, queryType: "MicrosoftGraph" }],
      settings: { instanceDurationInDays: 5, recurrence: { pattern: { type: "absoluteMonthly", interval: 1 }, range: { type: "noEnd", startDate: today } },
        mailNotificationsEnabled: true, reminderNotificationsEnabled: true, justificationRequiredOnApproval: false, defaultDecisionEnabled: false,
        autoApplyDecisionsEnabled: false, recommendationsEnabled: true,
        // Settings the edit form does not show: a save must send them back as they are.
        recommendationLookBackDuration: "P60D", decisionHistoriesForReviewersEnabled: true,
        applyActions: [{ "@odata.type": "#microsoft.graph.removeAccessApplyAction" }] },
    });
    const page = await signedInPage(stack, "Megan Bowen", {}, `/reviews/${def.id}`);
    const instances = page.getByRole("table", { name: "Instances of this review" });
    await instances.getByRole("row").nth(1).waitFor();
    assert.equal(await instances.getByRole("row").count(), 2, "one instance");
    assert.equal(await page.locator("dd").filter({ hasText: /^Monthly$/ }).count(), 1);

    await page.getByRole("button", { name: "Edit" }).click();
    const pane = page.getByRole("dialog", { name: "Edit access review" });
    await pane.getByLabel("Review name").fill("Travel monthly review (renamed)");
    // The session ends while editing: after signing in again, the pane and what was typed are back.
    await sessionEnds(page, stack, "Megan Bowen");
    await pane.waitFor();
    assert.equal(await pane.getByLabel("Review name").inputValue(), "Travel monthly review (renamed)");
    await pane.getByLabel("Duration (in days)").fill("40");
    await pane.getByRole("button", { name: "Save" }).click();
    await pane.getByText(/^Duration \(in days\): a whole number from 1 to 30/).waitFor();
    await pane.getByLabel("Duration (in days)").fill("7");
    await pane.getByRole("button", { name: "Save" }).click();
    await page.getByText("The review was saved; the changes apply to its next instances.").waitFor();
    const saved = await graph("GET", `${DEFS}/${def.id}`);
    assert.equal(saved.displayName, "Travel monthly review (renamed)");
    assert.equal(saved.settings.instanceDurationInDays, 7);
    assert.equal(saved.scope.query, "/groups/778c3149-d224-49ad-b4b3-772733a19fa6/transitiveMembers", "the group stays");
    assert.equal(saved.settings.recommendationLookBackDuration, "P60D");
    assert.equal(saved.settings.decisionHistoriesForReviewersEnabled, true);
    assert.deepEqual(saved.settings.applyActions.map((a) => a["@odata.type"]), ["#microsoft.graph.removeAccessApplyAction"]);

    await advance(stack, { days: 32 });
    const again = await signedInPage(stack, "Megan Bowen", {}, `/reviews/${def.id}`);
    const rows = again.getByRole("table", { name: "Instances of this review" }).getByRole("row");
    await rows.nth(2).waitFor();
    assert.equal(await rows.count(), 3, "the next month's instance started");
    assert.match(await rows.nth(2).textContent(), /InProgress/);
    assert.match(await rows.nth(1).textContent(), /Completed/);

    // Megan reviews it herself: Accept recommendations decides for everyone not yet reviewed.
    await again.goto(`${stack.appUrl}/my/reviews`);
    const todo = again.getByRole("table", { name: "Access reviews to do" });
    await todo.getByRole("link", { name: "Travel monthly review (renamed)" }).first().click();
    await again.getByRole("heading", { level: 2, name: "Travel monthly review (renamed)" }).waitFor();
    await again.getByRole("button", { name: "Accept recommendations" }).click();
    await again.getByText("Recommendations accepted for everyone you had not reviewed.").waitFor();
    await again.getByRole("group", { name: "Nestor Wilke" }).getByText("Denied by Megan Bowen").waitFor();

    // Send reminder, Reset decisions, then Delete with its confirmation.
    await again.goto(`${stack.appUrl}/reviews/${def.id}`);
    const before = (await outbox()).length;
    // Sent, and the answer lost: nothing can be read back of a reminder, so it is said unknown.
    await fault({ path: "*/instances/*/sendReminder", method: "POST", kind: "applyThenError", status: 500, count: 1 });
    await again.getByRole("button", { name: "Send reminder" }).click();
    await again.getByRole("alert").filter({ hasText: /Outcome unknown: a reminder leaves nothing to read back, so it may have gone: sending again may remind the reviewers twice\./ }).waitFor();
    assert.ok((await outbox()).slice(before).some((m) => m.subject.startsWith("Reminder: ") && m.to.some((t) => t.startsWith("MeganB@"))));
    await again.getByRole("button", { name: "Send reminder" }).click();
    await again.getByText("A reminder was sent to the reviewers.").waitFor();
    const [first, current] = (await graph("GET", `${DEFS}/${def.id}/instances`)).value;
    const decisionsNow = async () => (await graph("GET", `${DEFS}/${def.id}/instances/${current.id}/decisions`)).value;
    await again.getByRole("button", { name: "Reset decisions" }).click();
    const reset = again.getByRole("dialog", { name: "Reset decisions" });
    await reset.getByText(/Every decision of this instance goes back to Not reviewed/).waitFor();
    assert.ok((await decisionsNow()).some((d) => d.decision !== "NotReviewed"), "nothing is reset before Yes");
    // Not made and the answer lost: the decisions, read again, say so, and asking again does it.
    await fault({ path: "*/instances/*/resetDecisions", method: "POST", kind: "error", status: 503, count: 1 });
    await reset.getByRole("button", { name: "Yes, reset" }).click();
    await again.getByRole("alert").filter({ hasText: /Nothing was recorded, so it is safe to try again\./ }).waitFor();
    assert.ok((await decisionsNow()).some((d) => d.decision !== "NotReviewed"), "the failed reset changed nothing");
    await again.getByRole("button", { name: "Reset decisions" }).click();
    await again.getByRole("dialog", { name: "Reset decisions" }).getByRole("button", { name: "Yes, reset" }).click();
    await again.getByText("Every decision was reset to Not reviewed.").waitFor();
    const items = await decisionsNow();
    assert.ok(items.length > 0 && items.every((d) => d.decision === "NotReviewed"), JSON.stringify(items.map((d) => d.decision)));
    // The first instance has ended: Apply asks before it applies.
    await again.goto(`${stack.appUrl}/reviews/${def.id}?instance=${first.id}`);
    await again.getByRole("button", { name: "Apply" }).click();
    const apply = again.getByRole("dialog", { name: "Apply the results" });
    await apply.getByText(/Denied people lose the group/).waitFor();
    await apply.getByRole("button", { name: "Yes, apply" }).click();
    await again.getByText("The results were applied.").waitFor();
    await again.getByRole("button", { name: "Delete" }).click();
    await again.getByRole("dialog", { name: "Delete the review" }).getByRole("button", { name: "Yes, delete" }).click();
    await again.waitForURL(`${stack.appUrl}/reviews`);
    await again.getByRole("heading", { level: 1, name: "Access reviews" }).waitFor();
    const gone = await graph("GET", `${DEFS}/${def.id}`);
    assert.equal(gone.error?.code, "ResourceNotFound");
    assert.deepEqual(again.problems.filter((p) => !/status of 50[03]/.test(p)), [], "only the injected 500 and 503");
  });

  test("reviews for two groups, one refused: the page says which were made, and Create again makes only the missing one", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/reviews/new");
    await page.getByRole("heading", { level: 1, name: "New access review" }).waitFor();
    for (const [typed, name] of [["License", "License - Power Automate"], ["Exchange Admins - Int", "Exchange Admins - Internal"]]) {
      await page.getByRole("combobox", { name: "Select groups" }).fill(typed);
      await page.getByRole("option", { name: new RegExp(`^Add ${name}`) }).click();
      await page.getByRole("list", { name: "Groups to review" }).getByText(name).waitFor();
    }
    await page.getByLabel("Review name").fill("Two groups at once");
    await page.getByRole("radio", { name: "Selected users or groups" }).check();
    await page.getByRole("combobox", { name: "Select reviewers" }).fill("Megan");
    await page.getByRole("option", { name: /^Add Megan Bowen/ }).click();
    // The first create is refused; the second group still gets its review.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: DEFS, method: "POST", kind: "error", status: 403, count: 1 }) });
    const since = (await log(stack)).total;
    await page.getByRole("button", { name: "Create" }).click();
    const missing = page.getByRole("region", { name: "Not created" });
    await missing.getByRole("heading", { level: 3, name: "License - Power Automate" }).waitFor();
    await missing.getByRole("alert").filter({ hasText: /Authorization_RequestDenied/ }).first().waitFor();
    await page.getByRole("status").getByRole("link", { name: "Exchange Admins - Internal" }).waitFor();
    const made = async () => (await graph("GET", DEFS)).value.filter((d) => d.displayName === "Two groups at once");
    assert.equal((await made()).length, 1);
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("status").getByRole("link", { name: "License - Power Automate" }).waitFor();
    await page.getByRole("status").getByRole("link", { name: "Exchange Admins - Internal" }).waitFor();
    assert.equal(await missing.count(), 0, "nothing is left to make");
    assert.equal((await made()).length, 2, "one review per group, none twice");
    const posts = (await log(stack, since)).value.filter((r) => r.method === "POST" && r.url === DEFS);
    assert.equal(posts.length, 3, "the refused one, the second group, and only the missing one again");
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "DELETE", headers: { "x-emulator-control": "1" } });
  });

  for (const width of [1280, 375]) {
    test(`every review page is axe-clean at ${width} px`, async () => {
      const page = await newPage(stack, { viewport: { width, height: 900 }, bypassCSP: true });
      await signIn(page, stack, "Megan Bowen", "/reviews");
      const [first] = (await graph("GET", DEFS)).value;
      assert.ok(first, "a review exists");
      const pages = [
        ["/reviews", "Access reviews", "reviews"],
        ["/reviews/new", "New access review", "review-new"],
        [`/reviews/${first.id}`, "Access review", "review"],
        ["/my/reviews", "Review access", "my-reviews"],
        [`/groups/${HELPDESK}/reviews`, "Helpdesk Admin-Group", "group-reviews"],
      ];
      for (const [path, heading, name] of pages) {
        await page.goto(`${stack.appUrl}${path}`);
        await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
        await page.getByRole("status").filter({ hasText: /^Loading/ }).waitFor({ state: "detached" }).catch(() => {});
        await page.waitForLoadState("networkidle");
        await a11yCheck(page, name, width);
      }
      await page.goto(`${stack.appUrl}/reviews/${first.id}`);
      await page.getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog", { name: "Delete the review" }).waitFor();
      await a11yCheck(page, "review-delete", width);
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Edit" }).click();
      await page.getByRole("dialog", { name: "Edit access review" }).getByLabel("Review name").waitFor();
      await a11yCheck(page, "review-edit", width);
      assert.deepEqual(page.problems, []);
    });
  }
});
