// End-to-end harness: the built app (dist/) and the emulator on two loopback origins, and
// headless Debian Chromium driven by playwright-core. Nothing else is mocked.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";
import { startAppServer } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function startEmulator(appUrl, tenant, binary, pageSize) {
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
  page.on("console", (m) => { if (m.type() === "error") page.problems.push(m.text()); });
  page.on("pageerror", (e) => page.problems.push(String(e)));
  return page;
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

/** A new page with `person` signed in. */
export async function signedInPage(stack, person = "Megan Bowen", options = {}, path = "/") {
  const page = await newPage(stack, options);
  return signIn(page, stack, person, path);
}
