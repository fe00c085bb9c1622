// Serves the built app (dist/) the way a production static host does: SPA fallback to index.html,
// the security headers of staticwebapp.config.json, the build's precompressed twins (.br, .gz)
// chosen by Accept-Encoding, `Cache-Control: public, max-age=31536000, immutable` on the
// content-hashed files and `no-cache` (revalidated by ETag) on index.html, config.json and the
// rest; index.html and config.json are compressed as they are sent, as a host does. Given an
// emulator origin, it serves a config.json pointing at it and lets the Content-Security-Policy
// connect there instead of Microsoft's hosts.
//   node scripts/serve.mjs --dir dist --port 8080 [--emulator http://127.0.0.1:8081]
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { isHashed } from "./build/compress.mjs";

export const IMMUTABLE = "public, max-age=31536000, immutable";

/** The encoding to send of those the client accepts: brotli before gzip, never one it refused. */
export function encodingFor(accept = "") {
  const q = (name) => {
    const m = new RegExp(`(?:^|,)\\s*${name}\\s*(?:;\\s*q=([0-9.]+))?\\s*(?:,|$)`).exec(accept);
    return m ? Number(m[1] ?? 1) : 0;
  };
  if (q("br") > 0) return "br";
  if (q("gzip") > 0) return "gzip";
  return null;
}

const MIME = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain",
};
const PROD_HOSTS = "https://login.microsoftonline.com https://graph.microsoft.com";

/** The app's config.json with its authority, Graph and redirect URI moved to the given origins. */
export function configFor(base, appOrigin, emulatorOrigin) {
  const tenant = base.tenantId;
  return {
    ...base,
    authority: `${emulatorOrigin}/${tenant}`,
    graphBaseUrl: `${emulatorOrigin}/v1.0`,
    redirectUri: `${appOrigin}/`,
  };
}

/** `csp` (or a page carrying it) with Microsoft's two hosts replaced by `origins`. */
export function withConnectSrc(csp, origins) {
  return csp.replace(PROD_HOSTS, origins.join(" "));
}

/** Starts the server; resolves to { url, port, close, setEmulator, setConfig }. Port 0 picks a free one. */
export function startAppServer({ dir = "dist", port = 8080, host = "127.0.0.1", emulator } = {}) {
  const root = resolve(dir);
  const swa = JSON.parse(readFileSync(join(root, "staticwebapp.config.json"), "utf8"));
  const baseConfig = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  let emulatorOrigin = emulator?.replace(/\/$/, "");
  let appOrigin = "";
  // A config.json given whole (the setup command's), served as it is.
  let givenConfig = null;

  const headers = () => {
    const h = { ...swa.globalHeaders };
    delete h["Strict-Transport-Security"]; // meaningless over plain http on loopback
    if (emulatorOrigin) h["Content-Security-Policy"] = withConnectSrc(h["Content-Security-Policy"], [emulatorOrigin]);
    return h;
  };
  const send = (res, status, type, body, extra = {}) => {
    res.writeHead(status, { ...headers(), "Content-Type": type, ...extra });
    res.end(body);
  };
  // A page made as it is sent (index.html, config.json): compressed now, revalidated by its ETag.
  const sendFresh = (req, res, type, text) => {
    const body = Buffer.from(text);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    const extra = { "Cache-Control": "no-cache", ETag: etag, Vary: "Accept-Encoding" };
    if (req.headers["if-none-match"] === etag) return send(res, 304, type, undefined, extra);
    const enc = encodingFor(req.headers["accept-encoding"]);
    if (enc === "br") return send(res, 200, type, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }), { ...extra, "Content-Encoding": "br" });
    if (enc === "gzip") return send(res, 200, type, gzipSync(body), { ...extra, "Content-Encoding": "gzip" });
    return send(res, 200, type, body, extra);
  };
  // A file of the build: a hashed one is immutable and sent as its precompressed twin if asked.
  const sendFile = (req, res, file) => {
    const type = MIME[extname(file)] ?? "application/octet-stream";
    const name = file.slice(file.lastIndexOf(sep) + 1);
    if (!isHashed(name)) {
      const stat = statSync(file);
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const extra = { "Cache-Control": "no-cache", ETag: etag };
      if (req.headers["if-none-match"] === etag) return send(res, 304, type, undefined, extra);
      return send(res, 200, type, readFileSync(file), extra);
    }
    const extra = { "Cache-Control": IMMUTABLE, Vary: "Accept-Encoding" };
    const enc = encodingFor(req.headers["accept-encoding"]);
    const twin = enc && `${file}.${enc === "br" ? "br" : "gz"}`;
    if (twin && existsSync(twin)) return send(res, 200, type, readFileSync(twin), { ...extra, "Content-Encoding": enc });
    return send(res, 200, type, readFileSync(file), extra);
  };

  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(res, 400, MIME[".txt"], "bad request");
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, MIME[".txt"], "method not allowed");
    if (path === "/config.json") {
      const cfg = givenConfig ?? (emulatorOrigin ? configFor(baseConfig, appOrigin, emulatorOrigin) : baseConfig);
      return sendFresh(req, res, MIME[".json"], JSON.stringify(cfg, null, 2));
    }
    const file = normalize(join(root, path));
    const inside = file === root || file.startsWith(root + sep);
    if (inside && existsSync(file) && statSync(file).isFile() && !file.endsWith("index.html")) {
      return sendFile(req, res, file);
    }
    if (extname(path) && !path.endsWith(".html")) return send(res, 404, MIME[".txt"], "not found");
    // Every route of the single-page app gets index.html (the host's navigation fallback).
    let html = readFileSync(join(root, "index.html"), "utf8");
    if (emulatorOrigin) html = withConnectSrc(html, [emulatorOrigin]);
    sendFresh(req, res, MIME[".html"], html);
  });

  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      appOrigin = `http://${host}:${actual}`;
      ok({
        url: `${appOrigin}/`,
        port: actual,
        setEmulator: (origin) => { emulatorOrigin = origin.replace(/\/$/, ""); },
        setConfig: (config) => { givenConfig = config; },
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const s = await startAppServer({ dir: arg("dir", "dist"), port: Number(arg("port", 8080)), emulator: arg("emulator") });
  console.log(`app server listening on ${s.url}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
