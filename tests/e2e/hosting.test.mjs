// The documented hosting, proven (issue 31): Debian's nginx runs the README's configuration (its
// TLS lines aside, the CSP of dist/_headers pasted in as the README says, Microsoft's hosts moved
// to the emulator's origin as for every test) in front of a copy of dist/, and the app is used
// through it in Chromium: the headers, the precompressed encodings, immutable caching, the SPA
// fallback and the CSP.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, newPage, signIn, startEmulator } from "./harness.mjs";
import { configFor, withConnectSrc } from "../../scripts/serve.mjs";

let stack, nginx, work;

/** The README's nginx block, as an administrator would paste it. */
function readmeBlock() {
  const readme = readFileSync("README.md", "utf8");
  const block = /On \*\*nginx\*\*[\s\S]*?```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, "the README has an nginx block");
  return block;
}

const freePort = () => new Promise((ok) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
});

/** GET `path` with these request headers: status, headers and the raw (still encoded) body. */
const raw = (path, headers = {}) => new Promise((ok, fail) => {
  const req = request(`${stack.appUrl}${path}`, { headers }, (res) => {
    const parts = [];
    res.on("data", (d) => parts.push(d));
    res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
  });
  req.on("error", fail);
  req.end();
});

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pim-nginx-"));
  chmodSync(work, 0o755); // nginx's workers run as another user, who reads the site

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator(appUrl, "demo", "target/debug/entra-emulator");
  stack = { appUrl, emulatorUrl: emulator.url, emulator };
  // The site: dist/ as built, with the deployment's config.json and the emulator's origin.
  const site = join(work, "site");
  cpSync("dist", site, { recursive: true });
  writeFileSync(join(site, "config.json"), JSON.stringify(configFor(JSON.parse(readFileSync("dist/config.json", "utf8")), appUrl, emulator.url)));
  writeFileSync(join(site, "index.html"), withConnectSrc(readFileSync("dist/index.html", "utf8"), [emulator.url]));
  const csp = /Content-Security-Policy: (.*)/.exec(readFileSync("dist/_headers", "utf8"))[1];
  const server = readmeBlock()
    .replace(/^\s*listen .*$/m, `  listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_.*$/gm, "")
    .replace(/^(\s*root )\S+;/m, `$1${site};`)
    .replace("<the value in dist/_headers>", withConnectSrc(csp, [emulator.url]));
  writeFileSync(join(work, "nginx.conf"), `
daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
${server}
}
`);
  const said = [];
  // Debian's prefix, where modules-enabled/ finds the brotli module; every other path is ours.
  nginx = spawn("/usr/sbin/nginx", ["-p", "/usr/share/nginx/", "-e", join(work, "error.log"), "-c", join(work, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  nginx.stderr.on("data", (d) => said.push(String(d)));
  let up = false;
  for (let i = 0; i < 50 && !up; i += 1) {
    up = await fetch(`${appUrl}/config.json`).then(() => true, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(up, `nginx did not start: ${said.join("")}`);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  stack.browser = browser;
});

after(async () => {
  await stack?.browser?.close();
  stack?.emulator.child.kill();
  nginx?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

const SECURITY = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "strict-transport-security", "cross-origin-opener-policy", "permissions-policy"];
const hashed = () => {
  const html = readFileSync("dist/index.html", "utf8");
  const module = /bundle-me-[0-9a-f]{16}_bg\.wasm/.exec(html)?.[0];
  assert.ok(module, "index.html names My roles' module");
  return module;
};

describe("nginx with the README's configuration", () => {
  test("a page of the app: index.html, revalidated, compressed as sent, with every security header", async () => {
    const page = await raw("/groups/347ea741-b4c8-4d9e-8111-87902089734f/settings", { "accept-encoding": "br, gzip" });
    assert.equal(page.status, 200);
    assert.equal(page.headers["cache-control"], "no-cache");
    assert.equal(page.headers["content-encoding"], "gzip", "no stale twin of index.html: the host compresses it");
    assert.match(gunzipSync(page.body).toString(), /<meta name="pim-bundle"/);
    for (const h of SECURITY) assert.ok(page.headers[h], `${h} on the page`);
    assert.match(page.headers["content-security-policy"], new RegExp(`connect-src 'self' ${stack.emulatorUrl}`));
    const again = await raw("/", { "if-none-match": page.headers.etag });
    assert.equal(again.status, 304, "revalidated by its ETag");
    const config = await raw("/config.json");
    assert.equal(config.headers["cache-control"], "no-cache");
    assert.equal(JSON.parse(config.body).graphBaseUrl, `${stack.emulatorUrl}/v1.0`);
  });

  test("a hashed module: immutable, its brotli or gzip twin as the client accepts, and a missing file is a 404 with the headers", async () => {
    const module = hashed();
    const bytes = readFileSync(join("dist", module));
    const br = await raw(`/${module}`, { "accept-encoding": "gzip, deflate, br" });
    assert.equal(br.status, 200);
    assert.equal(br.headers["content-type"], "application/wasm");
    assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(br.headers["content-encoding"], "br");
    assert.ok(br.body.length < bytes.length / 2, `brotli ${br.body.length} of ${bytes.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), bytes);
    const gz = await raw(`/${module}`, { "accept-encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.deepEqual(gunzipSync(gz.body), bytes);
    const missing = await raw("/bundle-me-0000000000000000.js");
    assert.equal(missing.status, 404, "a missing file is not the page");
    for (const h of SECURITY) assert.ok(missing.headers[h], `${h} on a 404`);
  });

  test("Lidia's My roles works under the CSP, and her return visit takes the module from the cache", async () => {
    const page = await newPage(stack);
    await signIn(page, stack, "Lidia Holloway", "/my/groups");
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).waitFor();
    await page.goto(`${stack.appUrl}/my/groups`);
    await page.getByRole("button", { name: "Activate Helpdesk Admin-Group (Member)" }).waitFor();
    const module = hashed();
    const fetched = await page.evaluate((m) => performance.getEntriesByType("resource").filter((r) => r.name.endsWith(m)).map((r) => r.transferSize), module);
    assert.deepEqual(fetched, [0], "the module came from the cache, nothing transferred");
    assert.deepEqual(page.problems, [], "no CSP violation, no failed load");
  });
});
