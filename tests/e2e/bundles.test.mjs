// The bundle split (the page table in src/pages.rs, the loader in index.html): each page downloads only
// its own wasm module, links across bundles load the other one, and sign-in comes back into the
// bundle of the page it returns to.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { holdChunks, newPage, signedInPage, startStack } from "./harness.mjs";
import { helpdeskReview, log } from "./stories.mjs";

const GROUP = "347ea741-b4c8-4d9e-8111-87902089734f";
const APPROVAL = "f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555";
const MISSING = "00000000-0000-0000-0000-00000000d0e5";
// The page table (src/pages.rs), as the build and the loader read it.
const TABLE = JSON.parse(readFileSync(new URL("../../scripts/build/pages.json", import.meta.url), "utf8"));

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

/** Records the wasm modules the page fetches, by bundle name. */
function wasmLog(page) {
  const log = [];
  page.on("request", (r) => {
    const m = /\/(bundle-[a-z]+)-[0-9a-f]+_bg\.wasm$/.exec(new URL(r.url()).pathname);
    if (m) log.push(m[1]);
  });
  return log;
}

/** Records the chunks the page fetches, by name. */
function chunkLog(page) {
  const log = [];
  page.on("request", (r) => {
    const m = /\/bundle-[a-z]+-[0-9a-f]{16}-([a-z0-9_]+)\.wasm$/.exec(new URL(r.url()).pathname);
    if (m) log.push(m[1]);
  });
  return log;
}

describe("bundles", () => {
  test("every page of the page table opens in its own bundle, with its heading and its chunk", async () => {
    const page = await signedInPage(stack);
    const log = wasmLog(page);
    const chunks = chunkLog(page);
    // A parameter's value in the demo tenant; access reviews have none, so their pages are
    // opened for a review that does not exist (the heading and the bundle are what is checked).
    const sample = { group: GROUP, request: APPROVAL, role: "member", definition: MISSING, instance: MISSING };
    const cases = TABLE.pages.map((p) => ({ ...p, path: p.pattern.replace(/:([a-z]+)/g, (_, name) => sample[name]) }));
    cases.push({ page: "NotFound", path: "/no/such/page", heading: "Page not found", bundle: TABLE.fallback, chunk: null });
    for (const p of cases) {
      log.length = 0;
      chunks.length = 0;
      await page.goto(`${stack.appUrl}${p.path}`);
      // A group's blade is titled with the group's name but on a role's settings.
      const titled = /^Group[A-Z]/.test(p.page) && p.page !== "GroupRoleSettings" ? "Helpdesk Admin-Group" : p.heading;
      // `/` is the Overview for Megan, a Privileged Role Administrator: My roles' bundle sends her there.
      const [heading, bundles] = p.page === "Home" ? ["Overview", ["bundle-me", "bundle-groups"]] : [titled, [`bundle-${p.bundle}`]];
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      assert.deepEqual(log, bundles, p.path);
      if (p.chunk) {
        // A group's menu item asks for its chunk once the blade is up.
        for (let i = 0; i < 100 && !chunks.some((c) => c.startsWith(p.chunk)); i++) await page.waitForTimeout(100);
        assert.ok(chunks.some((c) => c.startsWith(p.chunk)), `${p.path}: ${p.chunk} not in ${chunks.join(" ")}`);
      }
    }
    // The reviews that do not exist are answered 404, which the console reports as it should.
    assert.deepEqual(page.problems.filter((m) => !/status of 404/.test(m)), []);
  });

  test("the entry pages paint their first rows with every chunk held back, and fetch one when it is needed", async () => {
    // My roles: the rows need no chunk; the settings (what activation requires) and the pane do.
    const lidia = await signedInPage(stack, "Lidia Holloway", {}, "/my/groups");
    await lidia.getByRole("table", { name: "Eligible assignments" }).waitFor();
    const chunks = await holdChunks(lidia);
    await lidia.reload();
    const row = lidia.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Helpdesk Admin-Group/ });
    await row.waitFor();
    // Painted with nothing released: the settings and the ending notice wait for their chunks.
    assert.equal(await row.getByText("Reading the settings…").count(), 1);
    assert.ok(chunks.held.some((c) => c.startsWith("my_settings")), chunks.held.join(" "));
    chunks.release();
    await row.getByText(/Up to 4 hours/).waitFor();
    await row.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).click();
    await lidia.getByRole("dialog", { name: "Activate – Helpdesk Admin-Group" }).getByLabel("Reason").waitFor();
    assert.ok(chunks.held.some((c) => c.startsWith("activate_pane")), chunks.held.join(" "));
    assert.deepEqual(lidia.problems, []);

    // The groups list needs no chunk at all; Drift does, and a failed fetch is said, with Try again.
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    await megan.getByRole("table", { name: "Groups managed by PIM" }).waitFor();
    const groups = await holdChunks(megan, 1);
    await megan.reload();
    await megan.getByRole("table", { name: "Groups managed by PIM" }).getByRole("row", { name: /Helpdesk Admin-Group/ }).waitFor();
    assert.deepEqual(groups.held, []);
    groups.release();
    await megan.getByRole("button", { name: "Drift" }).click();
    const alert = megan.getByRole("alert").filter({ hasText: "The code for Drift could not be fetched." });
    await alert.waitFor();
    await alert.getByRole("button", { name: "Try again" }).click();
    await megan.getByRole("dialog", { name: "Settings drift" }).waitFor();
    assert.ok(groups.held.filter((c) => c.startsWith("drift")).length >= 2, groups.held.join(" "));

    // The review email's page: the review shows with its people's form held back, then the form.
    const review = await helpdeskReview(stack, "Form held review");
    const diego = await signedInPage(stack, "Diego Siciliani", {}, "/no/such/page");
    const form = await holdChunks(diego);
    await diego.goto(`${stack.appUrl}/my/reviews/${review}`);
    await diego.getByRole("heading", { level: 2, name: "Form held review" }).waitFor();
    await diego.getByRole("status").filter({ hasText: "Loading the people to review…" }).waitFor();
    // Named chunks only: chunk_N are the code two split points share, fetched with either.
    assert.deepEqual(form.held.map((c) => c.replace(/\.wasm$/, "")).filter((c) => !/^chunk_\d+$/.test(c)), ["review_form"]);
    form.release();
    await diego.getByRole("radio", { name: "Approve" }).first().waitFor();
    await diego.getByRole("button", { name: "Submit" }).waitFor();
    assert.equal(await diego.getByText("Loading the people to review…").count(), 0);
    assert.deepEqual(diego.problems, []);
    // The approval page: tests/e2e/approvals.test.mjs (the request shows before Approve's code).
  });

  test("the groups list opens a group in its own module, each menu item a chunk; the reviewer's list is a chunk, the reviews list none", async () => {
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    const list = megan.getByRole("table", { name: "Groups managed by PIM" });
    await list.getByRole("row", { name: /Helpdesk Admin-Group/ }).waitFor();
    const modules = wasmLog(megan);
    const chunks = await holdChunks(megan);
    await list.getByRole("link", { name: "Helpdesk Admin-Group" }).click();
    await megan.getByRole("status").filter({ hasText: "Loading this page…" }).waitFor();
    chunks.release();
    await megan.getByRole("list", { name: "Microsoft Entra roles", exact: true }).getByRole("listitem").first().waitFor();
    assert.equal(new URL(megan.url()).pathname, `/groups/${GROUP}`);
    const menu = megan.getByRole("navigation", { name: "Group" });
    await menu.getByRole("link", { name: "Assignments" }).click();
    await megan.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Lidia Holloway/ }).waitFor();
    await menu.getByRole("link", { name: "Settings" }).click();
    await megan.getByRole("link", { name: "Member", exact: true }).click();
    await megan.getByRole("heading", { level: 1, name: "Role setting details - Member" }).waitFor();
    await menu.getByRole("link", { name: "History" }).click();
    await megan.getByRole("table", { name: "Periods" }).waitFor();
    assert.deepEqual(modules, [], "no page load, no second module");
    const named = (prefix) => chunks.held.filter((c) => c.startsWith(prefix)).length;
    for (const c of ["group_blade", "group_overview", "group_assignments", "group_role_settings", "group_history"]) assert.equal(named(c), 1, `${c}: ${chunks.held.join(" ")}`);

    // A reviewer's pages are a module of their own, with none of the administrator's review code,
    // whose own code is the page a review email opens: the list of reviews is a chunk. The
    // administrator's list is the reviews module's own and waits for none.
    const reviews = await holdChunks(megan);
    const fetched = wasmLog(megan);
    await megan.goto(`${stack.appUrl}/my/reviews`);
    await megan.getByRole("status").filter({ hasText: "Loading this page…" }).waitFor();
    assert.deepEqual(reviews.held.map((c) => c.replace(/\.wasm$/, "")).filter((c) => !/^chunk_\d+$/.test(c)), ["my_reviews_page"]);
    reviews.release();
    await megan.getByRole("heading", { level: 1, name: "Review access" }).waitFor();
    const admin = await holdChunks(megan);
    await megan.goto(`${stack.appUrl}/reviews`);
    await megan.getByRole("heading", { level: 1, name: "Access reviews" }).waitFor();
    await megan.getByRole("link", { name: "New access review" }).waitFor();
    assert.deepEqual(fetched, ["bundle-reviewer", "bundle-reviews"]);
    assert.deepEqual(admin.held, []);
    admin.release();
    assert.deepEqual(megan.problems, []);
  });

  test("a page fetched on demand reads Graph while its code downloads, and reads it once", async () => {
    // Audit, a link to the Audit page, is the one menu item with no chunk.
    const megan = await signedInPage(stack, "Megan Bowen", {}, `/groups/${GROUP}/audit`);
    await megan.getByRole("link", { name: "Open this group's PIM activity in Audit" }).waitFor();
    const requests = async (since) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());
    const reads = { Overview: "eligibilityScheduleInstances?", Assignments: "eligibilitySchedules?", History: "eligibilityScheduleRequests?" };
    for (const [item, chunk, table] of [["Overview", "group_overview", "Eligible"], ["Assignments", "group_assignments", "Eligible assignments"], ["History", "group_history", "Periods"]]) {
      const chunks = await holdChunks(megan);
      const mark = (await requests(0)).total;
      await megan.getByRole("navigation", { name: "Group" }).getByRole("link", { name: item }).click();
      // The tab's code is held back, and its reads have gone all the same.
      for (let i = 0; i < 100 && !chunks.held.some((c) => c.startsWith(chunk)); i++) await megan.waitForTimeout(100);
      assert.ok(chunks.held.some((c) => c.startsWith(chunk)), chunks.held.join(" "));
      const path = reads[item];
      const sent = async () => (await requests(mark)).value.filter((r) => r.inBatch && r.url.includes(path) && r.url.includes(GROUP));
      for (let i = 0; i < 100 && (await sent()).length === 0; i++) await megan.waitForTimeout(100);
      assert.equal((await sent()).length, 1, `${item}: read while its chunk is held`);
      chunks.release();
      await megan.getByRole("table", { name: table, exact: true }).waitFor();
      // The tab took those answers: nothing was read a second time.
      assert.equal((await sent()).length, 1, `${item}: read once`);
    }
    assert.deepEqual(megan.problems, []);
  });

  test("sign-in's last step and the check behind / come in chunks; a failed fetch is said and signing in again works", async () => {
    const page = await newPage(stack);
    // The first chunk fetched fails; the rest go through.
    const chunks = await holdChunks(page, 1);
    chunks.release();
    await page.goto(`${stack.appUrl}/`);
    await page.getByRole("button", { name: /^Lidia Holloway/ }).click();
    await page.getByRole("heading", { level: 1, name: "Sign-in failed" }).waitFor();
    assert.match(await page.getByRole("alert").textContent(), /could not be fetched/);
    assert.ok(!new URL(page.url()).search.includes("code="), "the code left the address bar");
    await page.getByRole("button", { name: "Sign in again" }).click();
    await page.getByRole("button", { name: /^Lidia Holloway/ }).click();
    // Lidia holds no admin role: / is My roles for her, once the check's chunk has answered.
    await page.getByRole("heading", { level: 1, name: "My roles | Groups" }).waitFor();
    await page.getByRole("table", { name: "Eligible assignments" }).getByRole("row", { name: /Helpdesk Admin-Group/ }).waitFor();
    const named = chunks.held.map((c) => c.replace(/\.wasm$/, "")).filter((c) => ["sign_in_redeem", "home_check"].includes(c));
    assert.deepEqual(named, ["sign_in_redeem", "sign_in_redeem", "home_check"]);
    // The one failed fetch (the network's error and the loader's rejection) is the only complaint.
    assert.deepEqual(page.problems.filter((p) => !/ERR_CONNECTION_RESET|^TypeError: Failed to fetch/.test(p)), []);
  });

  test("a link into another bundle opens its page, and Back returns", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/my/groups");
    await page.getByRole("heading", { level: 1, name: "My roles | Groups" }).waitFor();
    const log = wasmLog(page);
    const nav = page.getByRole("navigation", { name: "Privileged Identity Management" });
    await nav.getByRole("link", { name: "Groups", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Privileged Identity Management | Groups" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/groups");
    // Within a bundle the router stays in the page; into another, one module is fetched.
    await nav.getByRole("link", { name: "Audit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Audit", exact: true }).waitFor();
    assert.deepEqual(log, ["bundle-groups"]);
    await page.goBack();
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "My roles | Groups" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/my/groups");
    assert.deepEqual(page.problems, []);
  });

  test("signing in from a group's page comes back in that page's bundle only", async () => {
    const page = await newPage(stack);
    await page.goto(`${stack.appUrl}/groups/${GROUP}/assignments`);
    // Listening before the click: Playwright's click waits for the navigation it starts, by
    // which time the app may have fetched its module already.
    const log = wasmLog(page);
    await page.getByRole("button", { name: /^Megan Bowen/ }).click();
    await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
    await page.getByRole("heading", { level: 1, name: "Helpdesk Admin-Group" }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/groups/${GROUP}/assignments`);
    assert.deepEqual(log, ["bundle-groups"]);
    assert.deepEqual(page.problems, []);
  });

  /** A tab signed in where no page is (so it holds sign-in's token only), on a slow network. */
  async function slowTab(person) {
    const page = await signedInPage(stack, person, {}, "/no/such/page");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    return page;
  }

  /** When the page's token, first batch and module came, from the browser's own timings. */
  const timings = (page) => page.evaluate(() => performance.getEntriesByType("resource")
    .map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })));

  test("a page of another tier gets its token while its module downloads, and its first reads go once with it", async () => {
    // The review email's page (the reviews tier) for a review Diego owns the group of.
    const review = await helpdeskReview(stack, "Early token review");
    const page = await slowTab("Diego Siciliani");
    const since = (await log(stack)).total;
    await page.goto(`${stack.appUrl}/my/reviews/${review}`);
    await page.getByRole("heading", { level: 2, name: "Early token review" }).waitFor();
    const decisions = (await log(stack, since)).value.filter((r) => r.url.includes("/decisions/filterByCurrentUser"));
    assert.equal(decisions.length, 1, "the reviewer's decisions are read once");
    assert.ok(decisions[0].inBatch, "by the loader's batch");
    const t = await timings(page);
    const module = t.find((r) => /bundle-reviewer-[0-9a-f]{16}_bg\.wasm$/.test(r.name));
    const tokens = t.filter((r) => r.name.endsWith("/oauth2/v2.0/token"));
    const batch = t.find((r) => r.name.endsWith("/$batch"));
    assert.equal(tokens.length, 1, "one token request: the loader's, which the module then holds");
    assert.ok(tokens[0].end <= batch.start && batch.start < module.end,
      `token by ${tokens[0].end} ms, batch sent at ${batch.start} ms, module by ${module.end} ms`);
    const kept = await page.evaluate(() => Object.keys(JSON.parse(sessionStorage.getItem("pim.auth.tokens")).entries));
    assert.ok(kept.some((k) => k.includes("accessreview.readwrite.all")), `the reviews tier's token is kept: ${kept}`);
    assert.equal(await page.getByRole("alert").count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test("the groups list's first reads (PIM's managed groups, then their names) leave while its module downloads", async () => {
    const page = await slowTab("Megan Bowen");
    const since = (await log(stack)).total;
    await page.goto(`${stack.appUrl}/groups`);
    await page.getByRole("table", { name: "Groups managed by PIM" }).getByRole("link", { name: "Helpdesk Admin-Group" }).waitFor();
    const reads = (await log(stack, since)).value;
    const listed = reads.filter((r) => r.url.includes("/privilegedAccess/group/resources"));
    assert.equal(listed.length, 1, "PIM's list of managed groups is read once");
    const named = reads.filter((r) => r.url.includes("/directoryObjects/getByIds"));
    assert.equal(named.length, 1, "their names are read once");
    assert.ok(listed[0].inBatch && named[0].inBatch, "by the loader's two batches");
    const t = await timings(page);
    const module = t.find((r) => /bundle-groups-[0-9a-f]{16}_bg\.wasm$/.test(r.name));
    const batches = t.filter((r) => r.name.endsWith("/$batch"));
    assert.equal(batches.length, 2);
    assert.ok(batches.every((b) => b.start < module.end), `the batches left at ${batches.map((b) => b.start)} ms, before the module came at ${module.end} ms`);
    assert.deepEqual(page.problems, []);
  });

  test("an entry page's first reads leave with config.json while its module downloads, and are read once; a part refused is read again by the page", async () => {
    const page = await signedInPage(stack, "Lidia Holloway", {}, "/no/such/page");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 });
    const log = async (since) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());
    const mine = (l) => l.value.filter((r) => r.inBatch && r.url.includes("eligibilityScheduleInstances/filterByCurrentUser"));
    let since = (await log(0)).total;
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).waitFor();
    assert.equal(mine(await log(since)).length, 1, "My roles' first batch is sent once");
    const timing = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })));
    const batch = timing.find((r) => r.name.endsWith("/$batch"));
    const module = timing.find((r) => /bundle-me-[0-9a-f]{16}_bg\.wasm$/.test(r.name));
    assert.ok(batch.start < module.end, `the batch left at ${batch.start} ms, before the module came at ${module.end} ms`);
    assert.equal(timing.filter((r) => r.name.endsWith("/config.json")).length, 1, "config.json is fetched once");
    assert.equal(await page.evaluate(() => window.pimEarly), undefined, "the answer was taken");
    // One part refused: the whole early answer is left, and the page reads its batch itself.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/eligibilityScheduleInstances/*", kind: "error", status: 403, count: 1 }) });
    since = (await log(0)).total;
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).waitFor();
    assert.equal(mine(await log(since)).length, 2, "sent by the loader, refused, and read again by the page");
    assert.equal(await page.getByRole("alert").count(), 0, "no error shown for the loader's refused read");
    assert.deepEqual(page.problems, []);
  });
});
