// End-to-end harness: the built app (dist/) and the emulator on two loopback origins, and
// headless Debian Chromium driven by playwright-core. Nothing else is mocked.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";
import { startAppServer } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function startEmulator(appUrl, tenant, binary, pageSize) {
  const args = ["--port", "0", "--app-url", appUrl, "--tenant", tenant];
  if (pageSize) args.push("--page-size", String(pageSize));
  const child = spawn(binary, args, {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error("emulator did not start in 10 s")), 10_000);
    child.once("exit", (code) => fail(new Error(`emulator exited with ${code}`)));
    lines.on("line", (line) => {
      const m = line.match(/listening on (http:\/\/[^/\s]+)/);
      if (m) { clearTimeout(timer); ok({ child, url: m[1] }); }
    });
  });
}

/** Starts app server, emulator (demo tenant unless told) and browser; `stop()` ends all three. */
export async function startStack({ tenant = "demo", binary = "target/debug/entra-emulator", pageSize } = {}) {
  const app = await startAppServer({ dir: "dist", port: 0 });
  const emulator = await startEmulator(app.url.replace(/\/$/, ""), tenant, binary, pageSize);
  app.setEmulator(emulator.url);
  // Playwright gives each launch a fresh, empty profile directory of its own.
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  return {
    appUrl: app.url.replace(/\/$/, ""),
    emulatorUrl: emulator.url,
    browser,
    setConfig: app.setConfig,
    async stop() {
      await browser.close();
      emulator.child.kill();
      await app.close();
    },
  };
}

/** A new page that records console errors and CSP violations, so tests can assert there are none. */
export async function newPage(stack, options = {}) {
  const context = await stack.browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  // A failed load says only its status; the location names the resource, so a failure is findable.
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location()?.url;
    page.problems.push(/^Failed to load resource/.test(m.text()) && where ? `${m.text()} ${where}` : m.text());
  });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
}

/**
 * Holds back every chunk (`<bundle>-<hash>-<chunk>.wasm`, fetched when a pane or page first needs
 * it) until `release()`, failing the first `failFirst` of them; `held` lists the chunks asked for.
 */
export async function holdChunks(page, failFirst = 0) {
  const held = [];
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/\/bundle-[a-z]+-[0-9a-f]{16}-[a-z0-9_]+\.wasm$/, async (route) => {
    held.push(new URL(route.request().url()).pathname.replace(/^\/bundle-[a-z]+-[0-9a-f]+-/, ""));
    if (failFirst > 0) {
      failFirst -= 1;
      await route.abort("connectionreset");
      return;
    }
    await gate;
    await route.continue();
  });
  return { held, release };
}

/** Saves a PNG under target/screenshots/ for a person to look at. */
export async function screenshot(page, name) {
  mkdirSync("target/screenshots", { recursive: true });
  await page.screenshot({ path: `target/screenshots/${name}.png`, fullPage: true });
}

/** Signs `person` in through the emulator's picker, starting at `path`; returns the page. */
export async function signIn(page, stack, person, path = "/") {
  await page.goto(`${stack.appUrl}${path}`);
  await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
  await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
  await page.getByRole("button", { name: person, exact: true }).waitFor();
  return page;
}

/** A new page with `person` signed in (at My roles unless told: `/` sends admins on to Overview). */
export async function signedInPage(stack, person = "Megan Bowen", options = {}, path = "/my/groups") {
  const page = await newPage(stack, options);
  return signIn(page, stack, person, path);
}

/** Every scope of every tier in `config` (the older `scopes` list as it is). */
export function allScopes(config) {
  if (config.scopes) return config.scopes;
  const graph = Object.values(config.tiers).flat().map((s) => `https://graph.microsoft.com/${s}`);
  return [...new Set(["openid", "profile", "offline_access", ...graph])];
}

/**
 * An access token for `userId` obtained the way another client (Graph Explorer, a script) would:
 * the emulator's authorize and token endpoints with PKCE, outside the app. For changes "made
 * outside the app" that the app must then see.
 */
export async function graphToken(stack, userId) {
  const { createHash, randomBytes } = await import("node:crypto");
  const config = await (await fetch(`${stack.appUrl}/config.json`)).json();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const redirect = `${stack.appUrl}/`;
  const form = new URLSearchParams({
    client_id: config.clientId, response_type: "code", redirect_uri: redirect, scope: allScopes(config).join(" "),
    state: "outside", nonce: "outside", code_challenge: challenge, code_challenge_method: "S256",
    emu_action: "signin", emu_user: userId, emu_mfa: "1",
  });
  const authorize = await fetch(`${config.authority}/oauth2/v2.0/authorize`, { method: "POST", body: form, redirect: "manual" });
  const code = new URL(authorize.headers.get("location")).searchParams.get("code");
  if (!code) throw new Error(`no code from the authorize endpoint (HTTP ${authorize.status})`);
  const token = await fetch(`${config.authority}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { origin: stack.appUrl },
    body: new URLSearchParams({ client_id: config.clientId, grant_type: "authorization_code", code, redirect_uri: redirect, code_verifier: verifier }),
  });
  const body = await token.json();
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Serious and critical axe violations on the page as it is now, as readable lines. */
export async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

export async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** axe-clean (no serious or critical) and, on a phone, no sideways scrolling; a screenshot. */
export async function a11yCheck(page, name, width) {
  const found = await violations(page);
  assert.deepEqual(found, [], `${name} at ${width} px`);
  if (width <= 375) {
    const extra = await sideways(page);
    assert.ok(extra <= 0, `${name} scrolls sideways by ${extra} px at ${width}`);
  }
  await screenshot(page, `a11y-${name}-${width}`);
}

/** The session ends (as when a refresh token dies): the page reloads through sign-in as `person`. */
export async function sessionEnds(page, stack, person) {
  await page.evaluate(() => { sessionStorage.removeItem("pim.auth.tokens"); sessionStorage.removeItem("pim.auth.account"); });
  await page.reload();
  await page.waitForURL((u) => u.origin === stack.emulatorUrl || (u.origin === stack.appUrl && !u.search.includes("code=")));
  if (new URL(page.url()).origin === stack.emulatorUrl) {
    await page.getByRole("button", { name: new RegExp(`^${person}`) }).click();
  }
  await page.waitForURL((u) => u.origin === stack.appUrl && !u.search.includes("code="));
}
