// Benchmark: `/my/groups` for a user eligible for 50 groups (Patti, large tenant), with the
// emulator adding 100 ms to every request that crosses the network (a `$batch` pays it once).
// Prints the Graph round trips and the milliseconds (measured in the page) to the first painted
// row and to the rows' activation requirements.
import { startStack, signIn, newPage } from "../tests/e2e/harness.mjs";

const stack = await startStack({ tenant: "large", binary: "target/release/entra-emulator" });
try {
  const page = await newPage(stack);
  // Start on a page that calls Graph for nothing, so the figures are the blade's alone.
  await signIn(page, stack, "Patti Fernandez", "/groups/new");
  await fetch(`${stack.emulatorUrl}/_emulator/faults`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: "/v1.0/*", kind: "latency", latencyMs: 100, topLevelOnly: true }),
  });
  const log = async (since = 0) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());
  const before = (await log()).total;
  // A mutation observer in the page notes when the first row and the last requirement appear,
  // in ms since the navigation started (My roles is its own bundle: the page loads anew).
  await page.addInitScript(() => {
    const w = window;
    w.__marks = { t0: 0 };
    new MutationObserver(() => {
      const now = performance.now();
      if (!w.__marks.row && document.querySelector("table tbody tr input[type=checkbox]")) {
        w.__marks.row = now;
        w.__marks.rowAt = Date.now();
      }
      if (w.__marks.row && !w.__marks.settled && document.body && !document.body.innerText.includes("Reading the settings")) w.__marks.settled = now;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("link", { name: "My roles" }).click();
  await page.waitForFunction(() => window.__marks?.settled, null, { timeout: 60_000 });
  const m = await page.evaluate(() => window.__marks);
  const entries = (await log(before)).value.filter((r) => !r.inBatch);
  const rows = (await page.getByRole("table", { name: "Eligible assignments" }).getByRole("row").count()) - 1;
  console.log(`my_groups_rows ${rows}`);
  // Round trips the emulator had answered when the first row appeared (its log is stamped at the end).
  console.log(`my_groups_round_trips_first_paint ${entries.filter((r) => Date.parse(r.dateTime) <= m.rowAt).length}`);
  console.log(`my_groups_ms_first_row ${Math.round(m.row - m.t0)}`);
  console.log(`my_groups_round_trips_total ${entries.length}`);
  console.log(`my_groups_ms_requirements_shown ${Math.round(m.settled - m.t0)}`);
} finally {
  await stack.stop();
}
