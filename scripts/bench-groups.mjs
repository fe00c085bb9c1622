// Benchmark: `/groups` on the large tenant (10,000 groups, 2,500 of them managed), with the
// emulator adding 100 ms to every Graph request that crosses the network (a `$batch` pays it once).
// Prints, for PIM's list of managed groups (beta resources + getByIds) and then for the fallback
// scan (the same page with that list refused), the Graph round trips the emulator had answered
// when the first rows appeared and the milliseconds from navigation to them:
// groups_round_trips_first_rows, groups_ms_first_rows, groups_scan_round_trips_first_rows,
// groups_scan_ms_first_rows (and the scan's total, for scale).
import { newPage, signIn, startStack } from "../tests/e2e/harness.mjs";

const stack = await startStack({ tenant: "large", binary: "target/release/entra-emulator" });
const emulator = (path, init) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, init);
const post = (path, body) => emulator(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const log = async (since = 0) => (await emulator(`requests?since=${since}`)).json();

/** Opens /groups signed in as Megan (scopes as `config` says) and measures its first rows. */
async function measure(label, withoutPimList) {
  const page = await newPage(stack);
  if (withoutPimList) {
    await page.route("**/config.json", async (route) => {
      const config = await (await route.fetch()).json();
      config.tiers.admin = config.tiers.admin.filter((s) => s !== "PrivilegedAccess.Read.AzureADGroup");
      await route.fulfill({ contentType: "application/json", body: JSON.stringify(config) });
    });
  }
  // Start on a page of the same bundle that calls Graph for nothing.
  await signIn(page, stack, "Megan Bowen", "/groups/new");
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.querySelector("table tbody tr td a")) {
        window.__rows = performance.now();
        window.__rowsAt = Date.now();
        o.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  const before = (await log()).total;
  await page.goto(`${stack.appUrl}/groups`);
  await page.waitForFunction(() => window.__rows !== undefined, null, { timeout: 600_000 });
  const [ms, at] = await page.evaluate(() => [window.__rows, window.__rowsAt]);
  const entries = (await log(before)).value.filter((r) => !r.inBatch);
  // Round trips the emulator had answered when the first rows appeared (stamped at the end).
  console.log(`${label}_round_trips_first_rows ${entries.filter((r) => Date.parse(r.dateTime) <= at).length}`);
  console.log(`${label}_ms_first_rows ${Math.round(ms)}`);
  if (withoutPimList) {
    await page.getByRole("status").filter({ hasText: /managed groups shown\.$/ }).waitFor({ timeout: 600_000 });
    console.log(`${label}_round_trips_total ${(await log(before)).value.filter((r) => !r.inBatch).length}`);
  }
  await page.context().close();
}

try {
  for (const path of ["/v1.0/*", "/beta/*"]) {
    await post("faults", { path, kind: "latency", latencyMs: 100, topLevelOnly: true });
  }
  await measure("groups", false);
  await measure("groups_scan", true);
} finally {
  await stack.stop();
}
