// The portal shell: navigation, headings, deep links, narrow screens, themes, configuration
// errors and the Content-Security-Policy, in headless Chromium against the built app.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { newPage, screenshot, signedInPage, startStack } from "./harness.mjs";

const NAV = [
  ["Overview", "/overview", "Overview"],
  ["My roles", "/my/groups", "My roles | Groups"],
  ["My requests", "/my/requests", "My requests"],
  ["Approve requests", "/approvals", "Approve requests"],
  ["Groups", "/groups", "Privileged Identity Management | Groups"],
  ["Audit", "/audit", "Audit"],
  ["Check setup", "/setup", "Check setup"],
];

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const h1 = (page) => page.getByRole("heading", { level: 1 });

describe("shell", () => {
  test("every link of the left navigation opens its blade with its h1", async () => {
    const page = await signedInPage(stack);
    await assert.doesNotReject(h1(page).waitFor());
    const nav = page.getByRole("navigation", { name: "Privileged Identity Management" });
    for (const [label, path, heading] of NAV) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.waitForURL(`${stack.appUrl}${path}`);
      // The URL changes a moment before the new blade is drawn: wait for its heading, then count.
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      assert.equal(await h1(page).count(), 1);
      assert.equal((await h1(page).textContent()).trim(), heading);
      const current = nav.getByRole("link", { name: label, exact: true });
      assert.equal(await current.getAttribute("aria-current"), "page");
      await screenshot(page, `shell${path.replaceAll("/", "-")}`);
    }
    assert.deepEqual(page.problems, []);
  });

  test("/ opens the Overview for an administrator of PIM and My roles for everyone else", async () => {
    const megan = await signedInPage(stack, "Megan Bowen", {}, "/");
    await megan.waitForURL(`${stack.appUrl}/overview`);
    await megan.getByRole("heading", { level: 1, name: "Overview", exact: true }).waitFor();
    const lidia = await signedInPage(stack, "Lidia Holloway", {}, "/");
    await lidia.getByRole("heading", { level: 1, name: "My roles | Groups", exact: true }).waitFor();
    assert.equal(new URL(lidia.url()).pathname, "/");
    assert.deepEqual([...megan.problems, ...lidia.problems], []);
  });

  test("deep links open every blade of the UI, with a breadcrumb", async () => {
    const page = await signedInPage(stack);
    const g = "347ea741-b4c8-4d9e-8111-87902089734f";
    const cases = [
      ["/groups/discover", "Discover groups"],
      ["/groups/new", "New group"],
      [`/groups/${g}`, "Helpdesk Admin-Group"],
      [`/groups/${g}/assignments`, "Helpdesk Admin-Group"],
      [`/groups/${g}/settings`, "Helpdesk Admin-Group"],
      [`/groups/${g}/settings/member`, "Role setting details - Member"],
      [`/groups/${g}/settings/owner`, "Role setting details - Owner"],
      ["/approvals/f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555", "Approval request"],
      ["/no/such/page", "Page not found"],
    ];
    for (const [path, heading] of cases) {
      await page.goto(`${stack.appUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      assert.equal(await h1(page).count(), 1, path);
      const crumb = page.getByRole("navigation", { name: "Breadcrumb" });
      assert.ok((await crumb.getByRole("listitem").count()) >= 2, path);
    }
    await page.goto(`${stack.appUrl}/groups/${g}/settings`);
    await page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Assignments" }).click();
    await page.waitForURL(`${stack.appUrl}/groups/${g}/assignments`);
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("link", { name: "Owner", exact: true }).click();
    assert.equal((await h1(page).textContent()).trim(), "Role setting details - Owner");
    assert.deepEqual(page.problems, []);
  });

  test("at 375 px the navigation folds behind a menu and nothing scrolls sideways", async () => {
    const page = await signedInPage(stack, "Megan Bowen", { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, "/my/groups");
    await h1(page).waitFor();
    const nav = page.getByRole("navigation", { name: "Privileged Identity Management" });
    assert.equal(await nav.isVisible(), false);
    const menu = page.getByRole("button", { name: "Menu" });
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await screenshot(page, "shell-375-closed");
    await menu.click();
    assert.equal(await nav.isVisible(), true);
    await screenshot(page, "shell-375-open");
    await nav.getByRole("link", { name: "Groups", exact: true }).click();
    await page.waitForURL(`${stack.appUrl}/groups`);
    assert.equal(await nav.isVisible(), false, "navigating closes the menu");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });

  test("the theme follows the system's dark setting", async () => {
    const page = await signedInPage(stack, "Megan Bowen", { colorScheme: "dark" }, "/groups");
    await h1(page).waitFor();
    // The Fluent tokens switch with the system: the blade's surface and text really change colour.
    const colours = () => page.locator(".pim-app").evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.backgroundColor, s.color];
    });
    assert.deepEqual(await colours(), ["rgb(41, 41, 41)", "rgb(255, 255, 255)"]);
    await screenshot(page, "shell-dark");
    await page.emulateMedia({ colorScheme: "light" });
    assert.deepEqual(await colours(), ["rgb(255, 255, 255)", "rgb(36, 36, 36)"]);
  });

  test("buttons and fields look like Fluent's: commands are subtle, a disabled button looks it, fields share one width", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    const bar = page.getByRole("toolbar", { name: "Commands" });
    const style = (locator, ...names) => locator.evaluate((el, names) => names.map((n) => getComputedStyle(el)[n]), names);
    // A command, link or button, is subtle: no fill and no border until hovered, in the regular weight.
    for (const command of [bar.getByRole("link", { name: "Discover groups" }), bar.getByRole("button", { name: "Refresh" })]) {
      assert.deepEqual(await style(command, "backgroundColor", "borderTopColor", "fontWeight", "minHeight"), ["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)", "400", "32px"]);
    }
    // The search field is one of the family's widths, not the page's (about 1,000 px before).
    const search = await page.getByLabel("Search by group name or ID").boundingBox();
    assert.equal(Math.round(search.width), 480);
    // My roles: Activate selected is disabled until a row is chosen, and looks it.
    const lidia = await signedInPage(stack, "Lidia Holloway", {}, "/my/groups");
    const activate = lidia.getByRole("button", { name: "Activate selected" });
    await activate.waitFor();
    const look = () => activate.evaluate((b) => [b.disabled, getComputedStyle(b).cursor, getComputedStyle(b).color]);
    assert.deepEqual(await look(), [true, "not-allowed", "rgb(189, 189, 189)"]);
    await lidia.getByRole("checkbox", { name: /^Select / }).first().check();
    // Enabled once the row is chosen and its settings are read.
    for (let i = 0; i < 100 && (await look())[0]; i++) await lidia.waitForTimeout(100);
    assert.deepEqual(await look(), [false, "pointer", "rgb(36, 36, 36)"]);
    // A primary button is the brand's colour.
    await activate.click();
    const submit = lidia.getByRole("dialog").getByRole("button", { name: "Activate" });
    assert.deepEqual(await style(submit, "backgroundColor", "color"), ["rgb(15, 108, 189)", "rgb(255, 255, 255)"]);
    await screenshot(lidia, "look-activate-pane");
  });

  test("notices and errors are Fluent message bars with their intent's icon, in light, dark and high contrast", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/approvals/not*an*id");
    const alert = page.getByRole("alert").filter({ hasText: "This link does not name a valid" });
    await alert.waitFor();
    const icon = () => alert.evaluate((el) => {
      const s = getComputedStyle(el, "::before");
      return [s.maskImage || s.webkitMaskImage, s.backgroundColor, getComputedStyle(el).color];
    });
    // The icon is Fluent's own error icon (npm's @fluentui/svg-icons), shipped in the stylesheet.
    const svg = readFileSync(new URL("../../node_modules/@fluentui/svg-icons/icons/error_circle_16_filled.svg", import.meta.url), "utf8");
    const path = /\sd="([^"]+)"/.exec(svg)[1];
    const [mask, fill] = await icon();
    assert.match(mask, /^url\("data:image\/svg\+xml,/);
    assert.ok(decodeURIComponent(mask).includes(path), mask);
    assert.equal(fill, "rgb(177, 14, 28)", "the danger intent's colour");
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal((await icon())[1], "rgb(220, 98, 109)", "dark theme's danger colour");
    // High contrast: the icon takes the system's text colour instead of vanishing with the fill.
    await page.emulateMedia({ colorScheme: "light", forcedColors: "active" });
    const [, forced, text] = await icon();
    assert.notEqual(forced, "rgba(0, 0, 0, 0)");
    assert.equal(forced, text);
    // And no stripe down the navigation: a link's transparent border is not drawn in the text's colour.
    const link = page.getByRole("navigation", { name: "Privileged Identity Management" }).getByRole("link", { name: "Groups", exact: true });
    const [border, colour] = await link.evaluate((a) => [getComputedStyle(a).borderLeftColor, getComputedStyle(a).color]);
    assert.notEqual(border, colour);
    await screenshot(page, "forced-colors-alert");
  });

  test("a page that is loading shows a skeleton under its loading line, which stands still when motion is reduced", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/groups");
    // The audit log's first page held back 4 s, so the Audit page's loading line shows.
    await fetch(`${stack.emulatorUrl}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "*/auditLogs/directoryAudits", kind: "latency", latencyMs: 4000, count: 1 }) });
    await page.goto(`${stack.appUrl}/audit`);
    const loading = page.getByRole("status").filter({ hasText: "Reading the audit log…" });
    await loading.waitFor();
    const skeleton = () => loading.evaluate((el) => {
      const s = getComputedStyle(el, "::after");
      return [s.content, s.height, s.animationName, s.backgroundImage.includes("repeating-linear-gradient")];
    });
    assert.deepEqual(await skeleton(), ['""', "112px", "pim-shimmer", true]);
    await screenshot(page, "loading-skeleton");
    await page.emulateMedia({ reducedMotion: "reduce" });
    assert.deepEqual(await skeleton(), ['""', "112px", "none", true]);
    await loading.waitFor({ state: "detached", timeout: 15_000 });
  });

  test("an empty list says what to do next, and that command is on the page", async () => {
    const page = await signedInPage(stack, "Megan Bowen", {}, "/reviews");
    const table = page.getByRole("table", { name: "Access reviews" });
    await table.getByRole("cell", { name: "No access reviews yet. Select New access review to start one." }).waitFor();
    await page.getByRole("link", { name: "New access review" }).waitFor();
  });

  test("a missing or malformed config.json names the bad field", async () => {
    const page = await newPage(stack);
    const good = await (await fetch(`${stack.appUrl}/config.json`)).json();
    const { clientId, ...noClient } = good;
    await page.route("**/config.json", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(noClient) }));
    await page.goto(`${stack.appUrl}/my/groups`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /clientId/);
    await page.unroute("**/config.json");
    await page.route("**/config.json", (r) => r.fulfill({ status: 404, body: "no" }));
    await page.reload();
    await alert.waitFor();
    assert.match(await alert.textContent(), /HTTP 404/);
    await screenshot(page, "config-error");
  });

  test("the app is served with a strict Content-Security-Policy and breaks none of it", async () => {
    const page = await signedInPage(stack);
    const response = await page.goto(`${stack.appUrl}/audit`);
    const csp = response.headers()["content-security-policy"];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
    assert.match(csp, /style-src 'self';/);
    assert.match(csp, new RegExp(`connect-src 'self' ${stack.emulatorUrl}`));
    assert.match(csp, /frame-ancestors 'none'/);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(meta, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    await h1(page).waitFor();
    assert.deepEqual(page.problems, [], "no CSP violation or script error");
  });
});
