// What a browser downloads (brotli bytes, as a static host serves them) for each entry page's
// first visit and for an administrator's session of three pages (the groups list, the Overview,
// a group's role settings), worked out from the built files: the page and its styles, the module
// the loader picks, and each chunk a page needs with the shared chunks its loader fetches with it
// (read from the module's .split.js). `node scripts/session-bytes.mjs dist` for the six modules;
// `--one DIR` for the one-module experiment built into DIR (`make experiment-one-module`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET_PAGE = 250_000;
const BUDGET_SESSION = 550_000;
const size = new Map();
const brotli = (file) => {
  if (!size.has(file)) {
    const q = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
    size.set(file, brotliCompressSync(readFileSync(file), q).length);
  }
  return size.get(file);
};

/** A module of `dir` by bundle name: its files and, per split point, the chunk files it fetches. */
function module(dir, bundle) {
  const stem = readdirSync(dir).find((f) => f.startsWith(`bundle-${bundle}-`) && f.endsWith("_bg.wasm"))?.replace("_bg.wasm", "");
  if (!stem) throw new Error(`no bundle-${bundle} in ${dir}`);
  const own = [`${stem}.js`, `${stem}_bg.wasm`, `${stem}.split.js`].map((f) => join(dir, f));
  const loader = readFileSync(join(dir, `${stem}.split.js`), "utf8");
  // Each loader entry: `NAME=…fetch(new URL("./FILE",…)…},[DEPS])`, NAME a variable or an export.
  const entries = new Map();
  const re = /(?:export const __wasm_split_load_(\w+)|([\w$]+))=[\w$]+\((?:[\w$]+\()?\(\)=>\{const [\w$]+=fetch\(new URL\("\.\/([^"]+)"/g;
  for (const m of loader.matchAll(re)) {
    const deps = /\},\[([^\]]*)\]/.exec(loader.slice(m.index))[1].split(",").filter(Boolean);
    entries.set(m[1] ? `load:${m[1]}` : m[2], { file: join(dir, m[3]), deps });
  }
  const chunk = (name) => {
    const e = entries.get(`load:${name}`);
    if (!e) throw new Error(`bundle-${bundle} has no chunk ${name}`);
    return [e.file, ...e.deps.map((d) => entries.get(d).file)];
  };
  return { own, chunk };
}

const page = (dir) => readdirSync(dir).filter((f) => f === "index.html" || f === "config.json" || f.endsWith(".css")).map((f) => join(dir, f));
const bytes = (files) => [...new Set(files)].reduce((t, f) => t + brotli(f), 0);
const verdict = (n, budget) => `${n} (${n <= budget ? "within" : "over"} the budget of ${budget})`;

const dist = process.argv[2] ?? "dist";
const oneAt = process.argv.indexOf("--one");
if (oneAt < 0) {
  const groups = module(dist, "groups");
  // The Overview and a group's settings are chunks of the groups module: moving to them loads no
  // page and no second module. The way to a role's settings from the list passes the group's
  // blade and its Overview, so those count too.
  const session = [...page(dist), ...groups.own, ...groups.chunk("overview_page"), ...["group_blade", "group_overview", "group_role_settings"].flatMap(groups.chunk)];
  const n = bytes(session);
  console.log(`session_admin_3_pages_brotli_bytes ${verdict(n, BUDGET_SESSION)}`);
} else {
  const one = module(process.argv[oneAt + 1], "all");
  const entry = { approval_page: ["one_approval"], my_groups: ["one_my_groups"], groups: ["one_groups"], reviews: ["one_review_access"] };
  for (const [name, chunks] of Object.entries(entry)) {
    const n = bytes([...page(dist), ...one.own, ...chunks.flatMap(one.chunk)]);
    console.log(`one_module_first_load_brotli_bytes_${name} ${verdict(n, BUDGET_PAGE)}`);
  }
  const n = bytes([...page(dist), ...one.own, ...["one_groups", "one_overview", "one_group", "group_role_settings"].flatMap(one.chunk)]);
  console.log(`one_module_session_admin_3_pages_brotli_bytes ${verdict(n, BUDGET_SESSION)}`);
}
