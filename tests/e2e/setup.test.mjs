// Story S9: the setup command registers pim-groups in a tenant that never had it (the emulator's
// "fresh" demo tenant), the app signs in with the config.json it wrote, asks an end user for the
// user tier only, and asks for the admin tier on the groups list with Grant access.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { newPage, screenshot, signIn, startStack, violations } from "./harness.mjs";

const SETUP = "target/debug/pim-groups-setup";
const USER_TIER = 11;

describe("setup: into a real tenant", () => {
  let stack, out;
  const control = (path, method = "GET", body) =>
    fetch(`${stack.emulatorUrl}/_emulator/${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : { "x-emulator-control": "1" },
      body: body ? JSON.stringify(body) : undefined,
    });
  const state = async () => (await control("state")).json();
  const pimApps = async () => (await state()).applications.filter((a) => a.displayName === "pim-groups");
  const writes = async () =>
    (await (await control("requests")).json()).value.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url}`);

  /** Runs the setup command as `person`, entering its device code in the browser; resolves to its outcome. */
  async function setup(person, args) {
    const child = spawn(SETUP, [
      "--tenant", "contoso.onmicrosoft.com", "--url", `${stack.appUrl}/`,
      "--login", stack.emulatorUrl, "--graph", `${stack.emulatorUrl}/v1.0`, "--out", join(out, "config.json"), ...args,
    ], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    const exited = new Promise((ok) => child.once("exit", (code) => ok(code)));
    for await (const line of createInterface({ input: child.stdout })) {
      stdout += `${line}\n`;
      const m = line.match(/open (\S+) in any browser and enter the code (\S+)/);
      if (!m) continue;
      const page = await newPage(stack);
      await page.goto(m[1]);
      await page.getByRole("textbox", { name: "Code" }).fill(m[2]);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
      const heading = page.getByRole("heading", { level: 1, name: /Permissions requested|You're signed in/ });
      await heading.waitFor();
      if ((await heading.textContent()) === "Permissions requested") {
        await page.getByRole("checkbox", { name: "Consent on behalf of your organization" }).check();
        await page.getByRole("button", { name: "Accept" }).click();
      }
      await page.getByRole("heading", { name: "You're signed in" }).waitFor();
      await page.context().close();
    }
    return { code: await exited, stdout, stderr };
  }

  before(async () => {
    stack = await startStack({ tenant: "fresh" });
    out = mkdtempSync(join(tmpdir(), "pim-setup-"));
    await control("device-interval", "POST", { seconds: 1 });
  });
  after(() => stack?.stop());

  test("a dry run writes nothing, a run registers exactly the single-page app and its consent, a second run changes nothing", async () => {
    const dry = await setup("Megan Bowen", ["--tiers", "user", "--consent", "--dry-run"]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would send: POST \/applications \{/);
    assert.match(dry.stdout, /would send: POST \/oauth2PermissionGrants/);
    assert.deepEqual(await pimApps(), []);
    assert.deepEqual((await writes()).filter((w) => w.includes("/v1.0/")), [], "a dry run sends no Graph write");
    assert.throws(() => readFileSync(join(out, "config.json")), "no config.json written");

    const run = await setup("Megan Bowen", ["--tiers", "user", "--consent"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /created app registration 'pim-groups'/);
    const [app] = await pimApps();
    assert.deepEqual(app.spa.redirectUris, [`${stack.appUrl}/`]);
    assert.deepEqual(app.web.redirectUris, []);
    assert.deepEqual(app.publicClient.redirectUris, []);
    assert.equal(app.signInAudience, "AzureADMyOrg");
    assert.equal(app.requiredResourceAccess.length, 1);
    assert.equal(app.requiredResourceAccess[0].resourceAccess.length, 3 + USER_TIER);
    const s = await state();
    const sp = s.servicePrincipals.find((p) => p.appId === app.appId);
    const grants = s.oauth2PermissionGrants.filter((g) => g.clientId === sp.id);
    assert.equal(grants.length, 1);
    assert.equal(grants[0].consentType, "AllPrincipals");
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.equal(config.clientId, app.appId);
    assert.equal(config.tenantId, "9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f");
    assert.deepEqual(Object.keys(config.tiers), ["user"]);
    assert.deepEqual(grants[0].scope.split(" ").sort(), ["openid", "profile", "offline_access", ...config.tiers.user].sort());

    await control("requests", "DELETE");
    const again = await setup("Megan Bowen", ["--tiers", "user", "--consent"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change/);
    assert.deepEqual((await writes()).filter((w) => w.includes("/v1.0/")), [], "a second run sends no Graph write");
    assert.deepEqual(await pimApps(), [app]);
  });

  test("a refused write is reported with its request id and nothing half-done; an admin adds the other tiers", async () => {
    const lidia = await setup("Lidia Holloway", []);
    assert.equal(lidia.code, 1);
    assert.match(lidia.stderr, /setup stopped while updating the app registration: HTTP 403 Authorization_RequestDenied: Insufficient privileges to complete the operation\. \(request id [0-9a-f-]{36}/);
    assert.match(lidia.stderr, /Nothing was changed\./);
    assert.equal((await pimApps())[0].requiredResourceAccess[0].resourceAccess.length, 3 + USER_TIER);

    // Megan registers every tier's permissions but consents to none beyond the user's: admins
    // are asked in the app, the first time they open an admin page.
    const megan = await setup("Megan Bowen", []);
    assert.equal(megan.code, 0, megan.stderr);
    assert.match(megan.stdout, /updated the app registration: Microsoft Graph permissions added: Group\.ReadWrite\.All/);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.deepEqual(Object.keys(config.tiers).sort(), ["admin", "audit", "reviews", "user"]);
  });

  test("the app signs in with what setup wrote, asks an end user for the user tier only, and an admin grants the admin tier in one sign-in", async () => {
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    stack.setConfig(config);
    // bypassCSP only lets axe's script in for the accessibility check.
    const page = await newPage(stack, { bypassCSP: true });
    const asked = [];
    page.on("request", (r) => { if (r.url().includes("/oauth2/v2.0/authorize")) asked.push(new URL(r.url()).searchParams.get("scope")); });
    await signIn(page, stack, "Lidia Holloway", "/my/groups");
    await page.getByRole("heading", { name: "My roles | Groups", level: 1 }).waitFor();
    await page.getByRole("table").first().waitFor();
    const scopes = asked[0].split(" ");
    assert.equal(scopes.length, 3 + USER_TIER, scopes.join(" "));
    assert.ok(!scopes.some((x) => /ReadWrite\.Directory|Group\.ReadWrite|AuditLog|AccessReview/.test(x)));

    // Lidia may not consent to the admin tier: the page says so plainly, with Entra's code.
    await page.goto(`${stack.appUrl}/groups`);
    const bar = page.getByRole("region", { name: "This page needs more permissions" });
    await bar.waitFor();
    assert.match(await bar.textContent(), /RoleManagement\.ReadWrite\.Directory/);
    // Her session at Entra is still open: no account picker, straight back with the refusal.
    await bar.getByRole("button", { name: "Grant access" }).click();
    await page.getByRole("alert").filter({ hasText: "cannot grant them yourself" }).waitFor();
    assert.match(await bar.textContent(), /AADSTS65001/);
    assert.equal(new URL(page.url()).pathname, "/groups");
    assert.deepEqual(await violations(page), []);
    await page.context().close();

    // Megan (Privileged Role Administrator) grants it for the organisation, and is back on the list.
    const admin = await newPage(stack);
    await signIn(admin, stack, "Megan Bowen", "/groups");
    const megansBar = admin.getByRole("region", { name: "This page needs more permissions" });
    await megansBar.getByRole("button", { name: "Grant access" }).click();
    await admin.getByRole("heading", { name: "Permissions requested" }).waitFor();
    await screenshot(admin, "setup-consent");
    await admin.getByRole("button", { name: "Accept" }).click();
    await admin.getByRole("table", { name: "Groups managed by PIM" }).waitFor();
    assert.equal(new URL(admin.url()).pathname, "/groups");
    const s = await state();
    const [app] = s.applications.filter((a) => a.displayName === "pim-groups");
    const sp = s.servicePrincipals.find((p) => p.appId === app.appId);
    const all = s.oauth2PermissionGrants.find((g) => g.clientId === sp.id && g.consentType === "AllPrincipals");
    assert.ok(all.scope.split(" ").includes("RoleManagement.ReadWrite.Directory"), all.scope);
    // The one console line is the browser's note of the token endpoint's expected 400 (no consent
    // yet) to the silent request; nothing else went wrong.
    assert.deepEqual(admin.problems.filter((p) => !p.includes("status of 400 (Bad Request)")), []);
    await admin.context().close();
  });

  test("--multi-tenant registers for any organisation; the app signs in through organizations, names the tenant, and refuses tenants not allowed", async () => {
    const run = await setup("Megan Bowen", ["--multi-tenant"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await pimApps())[0].signInAudience, "AzureADMultipleOrgs");
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.equal(config.tenantId, "organizations");
    assert.equal(config.authority, `${stack.emulatorUrl}/organizations`);
    stack.setConfig(config);
    const page = await newPage(stack);
    await signIn(page, stack, "Lidia Holloway", "/my/groups");
    await page.getByText("contoso.onmicrosoft.com", { exact: true }).waitFor();
    await page.context().close();

    stack.setConfig({ ...config, allowedTenants: ["00000000-0000-0000-0000-000000000001"] });
    const other = await newPage(stack);
    await other.goto(`${stack.appUrl}/my/groups`);
    await other.getByRole("button", { name: /^Lidia Holloway/ }).click();
    await other.getByRole("alert").filter({ hasText: "not open to your organisation" }).waitFor();
    await other.context().close();
  });
});
