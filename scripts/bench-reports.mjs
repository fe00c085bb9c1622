// Benchmark: Reports (issue 33) on the large tenant (2,500 managed groups) with 10,000 activations
// over 90 days, the emulator adding 100 ms to every Graph request that crosses the network (a
// `$batch` pays it once). Prints the Graph round trips and milliseconds from navigation to the
// first activation row and to the complete report (every group read, the audit log too), and the
// frames over 50 ms while the 10,000-row table is scrolled down and back:
// reports_round_trips_first_row, reports_ms_first_row, reports_round_trips_complete,
// reports_ms_complete, reports_rows, long_frames_reports_scroll.
import { scrollFrames } from "./scroll-frames.mjs";
import { newPage, signIn, startStack } from "../tests/e2e/harness.mjs";

const stack = await startStack({ tenant: "large", binary: "target/release/entra-emulator" });
const emulator = (path, init) => fetch(`${stack.emulatorUrl}/_emulator/${path}`, init);
const post = (path, body) => emulator(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const log = async (since = 0) => (await emulator(`requests?since=${since}`)).json();

try {
  await post("history", { days: 90, activations: 10_000 });
  for (const path of ["/v1.0/*", "/beta/*"]) {
    await post("faults", { path, kind: "latency", latencyMs: 100, topLevelOnly: true });
  }
  const page = await newPage(stack, { viewport: { width: 1280, height: 900 } });
  // Signed in on a page of the same module that reads little, so the measure is the report's.
  await signIn(page, stack, "Megan Bowen", "/reviews");
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      const table = [...document.querySelectorAll("table")].find((t) => t.querySelector("caption")?.textContent === "Activations");
      if (table?.querySelector("tbody tr td") && !table.querySelector("tbody tr td[colspan]")) {
        window.__row = performance.now();
        window.__rowAt = Date.now();
        o.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  const now = new Date((await (await emulator("clock")).json()).now ?? Date.now());
  const from = new Date(now.getTime() - 89 * 86400000).toISOString().slice(0, 10);
  const to = now.toISOString().slice(0, 10);
  const before = (await log()).total;
  await page.goto(`${stack.appUrl}/reports?from=${from}&to=${to}`);
  await page.waitForFunction(() => window.__row !== undefined, null, { timeout: 900_000 });
  const [first, firstAt] = await page.evaluate(() => [window.__row, window.__rowAt]);
  await page.getByRole("status").filter({ hasText: /^Reading/ }).waitFor({ state: "detached", timeout: 900_000 });
  const complete = await page.evaluate(() => performance.now());
  const calls = (await log(before)).value.filter((r) => !r.inBatch);
  console.log(`reports_round_trips_first_row ${calls.filter((r) => Date.parse(r.dateTime) <= firstAt).length}`);
  console.log(`reports_ms_first_row ${Math.round(first)}`);
  console.log(`reports_round_trips_complete ${calls.length}`);
  console.log(`reports_ms_complete ${Math.round(complete)}`);
  const rows = await page.evaluate(() => document.querySelector(".pim-charts svg")?.getAttribute("aria-label"));
  console.log(`reports_rows ${/: (\d+) in all/.exec(rows ?? "")?.[1] ?? "?"}`);
  const scroll = await scrollFrames(page);
  console.log(`long_frames_reports_scroll ${scroll.long} (of ${scroll.frames} frames; worst ${scroll.worst} ms)`);
} finally {
  await stack.stop();
}
