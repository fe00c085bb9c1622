// Sign-in as MSAL would do it, against the emulator: the picker, deep links that survive sign-in,
// sign-out and back in as someone else, a forged state, a refused consent, and no token leaking
// into the URL, the console or localStorage.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { newPage, screenshot, signIn, startStack } from "./harness.mjs";

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const h1 = (page) => page.getByRole("heading", { level: 1 });

describe("sign-in", () => {
  test("Megan signs in and sees her name; no token is in the URL, the console or localStorage", async () => {
    const page = await newPage(stack);
    const console = [];
    page.on("console", (m) => console.push(m.text()));
    await page.goto(`${stack.appUrl}/groups`);
    await page.waitForURL((u) => u.origin === stack.emulatorUrl);
    await signIn(page, stack, "Megan Bowen", "/groups");
    assert.equal(page.url(), `${stack.appUrl}/groups`, "lands where it started, code and state gone");
    assert.equal((await h1(page).textContent()).trim(), "Privileged Identity Management | Groups");
    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.getItem("pim.auth.tokens") }));
    assert.equal(storage.local, 0, "nothing in localStorage");
    const token = JSON.parse(storage.session).entries;
    const access = Object.values(token)[0].access_token;
    assert.ok(access.length > 100, "the token is kept for this tab only");
    assert.ok(!console.some((line) => line.includes(access.slice(20, 60))), "no token in the console");
    assert.ok(!page.url().includes(access.slice(20, 60)));
    await screenshot(page, "auth-signed-in");
  });

  test("a deep link opened signed out lands on the same page after sign-in", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Diego Siciliani", "/approvals/f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555?from=email");
    assert.equal(page.url(), `${stack.appUrl}/approvals/f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555?from=email`);
    assert.equal((await h1(page).textContent()).trim(), "Approval request");
  });

  test("sign out clears the session, and Alex can sign in next", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Megan Bowen", "/my/groups");
    await page.getByRole("button", { name: "Megan Bowen", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    // Back on the app, which says so and writes nothing until someone signs in again.
    await page.getByRole("heading", { level: 1, name: "You have signed out" }).waitFor();
    assert.equal(new URL(page.url()).origin, stack.appUrl);
    assert.ok(!page.url().includes("state="), "the logout's state leaves the address bar");
    const left = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k.startsWith("pim.")));
    assert.deepEqual(left, [], "no pim. key in either storage on the app's origin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: /^Alex Wilber/ }).waitFor();
    await page.getByRole("button", { name: /^Alex Wilber/ }).click();
    await page.getByRole("button", { name: "Alex Wilber", exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Megan Bowen", exact: true }).count(), 0);
  });

  test("a return path that would leave the origin lands on / with no code in the address bar", async () => {
    const page = await newPage(stack);
    await page.goto(`${stack.appUrl}//evil.example/x`);
    await page.waitForURL((u) => u.origin === stack.emulatorUrl);
    await page.getByRole("button", { name: /^Megan Bowen/ }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    await h1(page).waitFor();
    assert.equal(new URL(page.url()).origin, stack.appUrl);
    assert.ok(!page.url().includes("code="), page.url());
    assert.ok(!page.url().includes("evil.example"), page.url());
  });

  test("an approval link whose id carries a query is refused before any Graph call", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Diego Siciliani", "/approvals");
    await h1(page).waitFor();
    // Approve requests' own reads (filterByCurrentUser) must be over before counting, or a slow
    // machine logs them after the mark.
    await page.waitForLoadState("networkidle");
    const before = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
    await page.goto(`${stack.appUrl}/approvals/f8bd9e2d%3F%24select%3Did`);
    await page.getByText("This link does not name a valid request.", { exact: false }).waitFor();
    const sent = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${before}`)).json()).value;
    assert.equal(sent.filter((r) => r.url.includes("select=id") || r.url.includes("%24select%3Did")).length, 0, JSON.stringify(sent.map((r) => r.url)));
    assert.equal(sent.filter((r) => r.url.includes("assignmentApprovals") || r.url.includes("assignmentScheduleRequests/")).length, 0);
  });

  test("an error callback without this browser's state shows none of its text", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Megan Bowen", "/my/groups");
    await page.goto(`${stack.appUrl}/?error=access_denied&error_description=Call%200800%20123%20to%20restore%20access`);
    // Refused as forged: the page says so in its own words, none of the link's.
    await page.getByRole("heading", { level: 1, name: "Sign-in failed" }).waitFor();
    await page.getByText("The sign-in response did not come from the sign-in this page started.", { exact: false }).waitFor();
    assert.equal(await page.getByText("Call 0800 123").count(), 0, "attacker-chosen text is not shown");
    assert.ok(!page.url().includes("error_description"), "the crafted query leaves the address bar");
  });

  test("a CAE revocation leads to one re-authorization with Graph's claims, then the blade loads", async () => {
    const control = (path, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const group = "347ea741-b4c8-4d9e-8111-87902089734f";
    const page = await newPage(stack);
    await signIn(page, stack, "Megan Bowen", `/groups/${group}`);
    await page.getByRole("heading", { level: 1, name: "Helpdesk Admin-Group" }).waitFor();
    const asked = [];
    page.on("request", (r) => { if (r.url().includes("/oauth2/v2.0/authorize")) asked.push(new URL(r.url()).searchParams.get("claims")); });
    await control("clock", { minutes: 1 });
    await control("cae", { revoke: true });
    try {
      await page.getByRole("link", { name: "Assignments", exact: true }).click();
      const table = page.getByRole("table", { name: "Eligible assignments" });
      await table.getByRole("row").nth(1).waitFor();
      assert.equal(new URL(page.url()).pathname, `/groups/${group}/assignments`, "back on the blade");
      assert.equal(asked.length, 1, "one re-authorization");
      const claims = JSON.parse(asked[0]);
      assert.ok(claims.access_token.nbf, "with the claims Graph asked for");
      assert.deepEqual(claims.access_token.xms_cc.values, ["cp1"]);
    } finally {
      await control("cae", { revoke: false });
    }
  });

  test("a token that expires mid-session is refreshed without the user noticing", async () => {
    const control = (path, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await control("token-lifetime", { seconds: 2 });
    try {
      const page = await newPage(stack);
      await signIn(page, stack, "Megan Bowen", "/my/groups");
      const before = (await (await fetch(`${stack.emulatorUrl}/_emulator/requests`)).json()).total;
      await page.waitForTimeout(2500);
      await page.goto(`${stack.appUrl}/groups/347ea741-b4c8-4d9e-8111-87902089734f`);
      await page.getByRole("heading", { level: 1, name: "Helpdesk Admin-Group" }).waitFor();
      assert.equal(new URL(page.url()).origin, stack.appUrl, "no trip to the sign-in page");
      const log = await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${before}`)).json();
      // The blade's own read of the group goes once, with a fresh token: no 401 and no retry
      // anywhere (the overview's batch reads the group too, for what it grants).
      const calls = log.value.filter((r) => r.url.startsWith("/v1.0/groups/347ea741") && !r.inBatch);
      assert.deepEqual(calls.map((c) => c.status), [200], "one call, with a fresh token");
      assert.deepEqual(log.value.filter((r) => r.status === 401), [], "no call was refused for its token");
    } finally {
      await control("token-lifetime", { seconds: 3599 });
    }
  });

  test("another person signing in within the same tab starts a clean session: no token or draft of the one before", async () => {
    const control = (path, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const page = await newPage(stack);
    await control("token-lifetime", { seconds: 2 });
    try {
      // Megan holds a token of the admin tier too, and has typed something.
      await signIn(page, stack, "Megan Bowen", "/groups");
      await page.getByRole("table", { name: "Groups managed by PIM" }).waitFor();
      await page.evaluate(() => sessionStorage.setItem("pim.draft.activate", JSON.stringify({ reason: "Megan's words" })));
      const entries = () => page.evaluate(() => Object.keys(JSON.parse(sessionStorage.getItem("pim.auth.tokens") ?? "{}").entries ?? {}).length);
      assert.equal(await entries(), 2);
      // Her session dies; Lidia is the one who signs in again in this tab.
      await control("reset", {});
      await control("token-lifetime", { seconds: 2 });
      await page.waitForTimeout(2500);
      await page.goto(`${stack.appUrl}/my/groups`);
      await page.getByRole("button", { name: /^Lidia Holloway/ }).click();
      await page.getByRole("button", { name: "Lidia Holloway", exact: true }).waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem("pim.draft.activate")), null, "Megan's draft is gone");
      assert.equal(await entries(), 1, "only Lidia's own token is kept");
    } finally {
      await control("token-lifetime", { seconds: 3599 });
    }
  });

  test("when the refresh token is dead, sign-in starts again and returns to the same page", async () => {
    const control = (path, body) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const page = await newPage(stack);
    await control("token-lifetime", { seconds: 2 });
    try {
      await signIn(page, stack, "Megan Bowen", "/my/groups");
      await control("reset", {});
      await control("token-lifetime", { seconds: 2 });
      await page.waitForTimeout(2500);
      const target = `${stack.appUrl}/groups/347ea741-b4c8-4d9e-8111-87902089734f/settings?tab=member`;
      await page.goto(target);
      await page.getByRole("button", { name: /^Megan Bowen/ }).click();
      await page.getByRole("heading", { level: 1, name: "Helpdesk Admin-Group" }).waitFor();
      assert.equal(page.url(), target);
    } finally {
      await control("token-lifetime", { seconds: 3599 });
    }
  });

  test("a Graph refusal is shown with its code and request id", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Megan Bowen", "/groups/00000000-0000-0000-0000-000000000000");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /Request_ResourceNotFound/);
    assert.match(text, /Request id: [0-9a-f-]{36}/);
    await page.getByRole("button", { name: "Copy error details" }).waitFor();
  });

  test("a tampered state is refused with a clear message", async () => {
    const page = await newPage(stack);
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.waitForURL((u) => u.origin === stack.emulatorUrl);
    await page.evaluate(() => document.querySelectorAll('input[name="state"]').forEach((i) => { i.value = "forged"; }));
    await page.getByRole("button", { name: /^Megan Bowen/ }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /did not come from the sign-in this page started/);
    assert.equal(await page.getByRole("button", { name: "Megan Bowen", exact: true }).count(), 0, "not signed in");
    assert.ok(!page.url().includes("code="), "the code is not left in the address bar");
  });

  test("a refused consent shows the AADSTS code", async () => {
    const page = await newPage(stack);
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.waitForURL((u) => u.origin === stack.emulatorUrl);
    await page.getByRole("button", { name: "Cancel" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /AADSTS65004/);
    assert.equal((await h1(page).textContent()).trim(), "Sign-in failed");
    await page.getByRole("button", { name: "Sign in again" }).waitFor();
    await screenshot(page, "auth-consent-refused");
  });
});
