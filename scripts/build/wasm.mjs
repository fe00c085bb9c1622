// Trunk post-build hook step: builds the bundles (pages.json's list, from Bundle in src/pages.rs)
// and splits each at its `#[wasm_split]` points, so a page downloads its first screen's code and
// fetches the rest (a pane, another tab) when it is first opened.
//
// Trunk 0.21 runs wasm-bindgen straight after cargo, with no step between them for a splitter,
// so it builds no Rust here (index.html has no rel="rust" link). Per bundle:
//   cargo build (one call for all six; .cargo/config.toml keeps the relocations the splitter reads)
//   wasm-exports.mjs: the module stops exporting other bundles' split functions
//   wasm-split-cli: the main module, a chunk per split point and __wasm_split.js that loads them
//   wasm-bindgen --keep-lld-exports: the main module's glue; the chunks import its table and memory
//   wasm-opt -Oz on the main module and on each chunk; terser on the JavaScript (release builds)
// Files are named <bundle>-<hash>: the glue (.js), its module (_bg.wasm), the loader (.split.js)
// and the chunks (<bundle>-<hash>-<chunk>.wasm); one <meta name="pim-bundle"> per bundle names
// the first two for the loader in index.html.
//
// Nothing is done twice: a bundle whose module, tools and settings were all seen before is
// copied from target/build-cache/bundles (keyed on their hashes), and a wasm-opt run whose input
// was seen before from target/build-cache/opt. A rebuild with nothing changed is a copy; an edit
// to one blade re-splits the bundles whose module it changed and re-optimises only the parts
// whose bytes changed.
import { execFileSync, execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { minify } from "terser";
import { dropUnusedSplitExports } from "./wasm-exports.mjs";

const run = promisify(execFile);
const TABLE = JSON.parse(readFileSync(new URL("./pages.json", import.meta.url), "utf8"));
// PIM_BUNDLES (names, comma-separated) builds others instead: the one-module experiment's `all`.
const BUNDLES = (process.env.PIM_BUNDLES?.split(",") ?? TABLE.bundles).map((b) => `bundle-${b}`);
// wasm-bindgen's glue uses an externref table and bulk memory; npm's binaryen 132 (not Debian's).
// --converge and the two strips: 0.7 KB brotli less on the groups list's module.
const WASM_OPT = ["-Oz", "--converge", "--strip-producers", "--strip-target-features", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types"];

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("wasm: TRUNK_STAGING_DIR is not set");
const base = process.env.TRUNK_PUBLIC_URL ?? "/";
const release = (process.env.TRUNK_PROFILE ?? "release") === "release";
const started = Date.now();

const cargo = ["build", "--target", "wasm32-unknown-unknown", "-p", "pim-groups", ...BUNDLES.flatMap((b) => ["--bin", b])];
// The experiment's bundle needs its feature; its own target dir keeps the app's build untouched.
if (process.env.PIM_FEATURES) cargo.push("--features", process.env.PIM_FEATURES, "--target-dir", "target/experiment");
if (release) cargo.push("--release");
execFileSync("cargo", cargo, { stdio: "inherit" });
const built = join(process.env.PIM_FEATURES ? "target/experiment" : "target", "wasm32-unknown-unknown", release ? "release" : "debug");

const work = join("target", "split");
const cache = join("target", "build-cache");

const sha = (...parts) => {
  const h = createHash("sha256");
  parts.forEach((p) => h.update(p));
  return h.digest("hex");
};
/** The tool's own bytes: a reinstalled tool of another version changes every key. */
const toolHash = (tool) => {
  const path = execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
  return sha(readFileSync(path));
};
// What every step's output depends on besides its input: the tools, their flags, these scripts.
const SETTINGS = sha(
  ["wasm-split-cli", "wasm-bindgen", "wasm-opt"].map(toolHash).join(),
  JSON.stringify(WASM_OPT), String(release),
  readFileSync(new URL("./wasm.mjs", import.meta.url)),
  readFileSync(new URL("./wasm-exports.mjs", import.meta.url)),
  readFileSync("package-lock.json"),
);
const counts = { bundles: 0, opt: 0 };

/** The script minified in release builds (Trunk minified only its one main app's glue). */
async function small(js) {
  if (!release) return js;
  const { code } = await minify(js, { module: true, ecma: 2020 });
  return code;
}

/** Puts the bundle's files in the staging dir (from the cache when seen before); returns its <meta>. */
async function bundle(name) {
  const input = readFileSync(join(built, `${name}.wasm`));
  const kept = join(cache, "bundles", `${name}-${sha(SETTINGS, input).slice(0, 32)}`);
  if (!existsSync(join(kept, "files.json"))) {
    const staged = `${kept}.tmp`;
    rmSync(staged, { recursive: true, force: true });
    mkdirSync(staged, { recursive: true });
    const files = await split(name, input, staged);
    writeFileSync(join(staged, "files.json"), JSON.stringify(files));
    rmSync(kept, { recursive: true, force: true });
    renameSync(staged, kept);
    counts.bundles += 1;
  }
  const files = JSON.parse(readFileSync(join(kept, "files.json"), "utf8"));
  files.forEach((f) => copyFileSync(join(kept, f), join(dir, f)));
  return `<meta name="pim-bundle" content="${base}${files[0]} ${base}${files[1]}">`;
}

/** Splits, binds and optimises one bundle's module into `into`; returns the file names. */
async function split(name, input, into) {
  const out = join(work, name);
  rmSync(out, { recursive: true, force: true });
  const bg = join(out, "bindgen");
  mkdirSync(bg, { recursive: true });
  const { wasm: own } = dropUnusedSplitExports(input);
  writeFileSync(join(bg, "own.wasm"), own);
  await run("wasm-split-cli", [join(bg, "own.wasm"), out, "--out-name", name]);
  await run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-dir", bg, join(out, `${name}.wasm`)]);
  const chunks = readdirSync(out).filter((f) => f.endsWith(".wasm") && f !== `${name}.wasm`).sort();
  const optimise = async (from, to) => {
    if (!release) return writeFileSync(to, readFileSync(from));
    const kept = join(cache, "opt", `${sha(SETTINGS, readFileSync(from))}.wasm`);
    if (!existsSync(kept)) {
      mkdirSync(join(cache, "opt"), { recursive: true });
      await run("wasm-opt", [...WASM_OPT, "-o", `${kept}.tmp`, from]);
      renameSync(`${kept}.tmp`, kept);
      counts.opt += 1;
    }
    copyFileSync(kept, to);
  };
  await optimise(join(bg, `${name}_bg.wasm`), join(out, "main.wasm"));
  for (const c of chunks) await optimise(join(out, c), join(out, `opt-${c}`));

  let glue = readFileSync(join(bg, `${name}.js`), "utf8");
  let loader = readFileSync(join(out, "__wasm_split.js"), "utf8");
  const wasm = readFileSync(join(out, "main.wasm"));
  const chunkData = chunks.map((c) => readFileSync(join(out, `opt-${c}`)));
  // One hash for the four kinds of file: the loader and the glue name each other, so neither
  // can be named after its own content; together they depend only on what is hashed here.
  const h = createHash("sha256").update(glue).update(loader).update(wasm);
  chunkData.forEach((d) => h.update(d));
  const stem = `${name}-${h.digest("hex").slice(0, 16)}`;

  const replace = (text, from, to) => {
    if (!text.includes(from)) throw new Error(`wasm: ${name}: "${from}" not found where it is rewritten`);
    return text.split(from).join(to);
  };
  const files = [`${stem}.js`, `${stem}_bg.wasm`];
  // A bundle without split points has no loader to import.
  if (chunks.length > 0) {
    // The import statement only: the same string names the wasm module's imports in the glue.
    glue = replace(glue, 'from "./__wasm_split.js"', `from "./${stem}.split.js"`);
    loader = replace(loader, `"./${name}.js"`, `"./${stem}.js"`);
    chunks.forEach((c, i) => {
      const file = `${stem}-${c.replace(/^split_/, "")}`;
      loader = replace(loader, `"./${c}"`, `"./${file}"`);
      writeFileSync(join(into, file), chunkData[i]);
      files.push(file);
    });
    writeFileSync(join(into, `${stem}.split.js`), await small(loader));
    files.push(`${stem}.split.js`);
  }
  writeFileSync(join(into, `${stem}.js`), await small(glue));
  writeFileSync(join(into, `${stem}_bg.wasm`), wasm);
  console.log(`wasm: ${name}: main ${wasm.length} bytes, ${chunks.length} chunks ${chunkData.reduce((t, d) => t + d.length, 0)} bytes`);
  return files;
}

// Two at a time: the machine has two cores and wasm-opt uses one.
const metas = [];
for (let i = 0; i < BUNDLES.length; i += 2) {
  metas.push(...(await Promise.all(BUNDLES.slice(i, i + 2).map(bundle))));
}
const index = join(dir, "index.html");
const html = readFileSync(index, "utf8");
if (!html.includes("</head>")) throw new Error("wasm: no </head> in index.html");
writeFileSync(index, html.replace("</head>", `${metas.join("")}</head>`));
console.log(`wasm: ${BUNDLES.length} bundles named in index.html, ${counts.bundles} of them split anew and ${counts.opt} wasm-opt runs (the rest from ${cache}) (${Math.round((Date.now() - started) / 1000)}s)`);
