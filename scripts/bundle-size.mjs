// Prints the raw, gzip and brotli size of every file of the built bundle and the totals; the
// last line, `total_brotli_bytes N`, is for scripts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    statSync(p).isDirectory() ? walk(p) : files.push(p);
  }
};
walk(dir);
files.sort();

const rows = files.map((f) => {
  const data = readFileSync(f);
  return {
    file: relative(dir, f),
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (v, n) => String(v).padStart(n);
console.log(`${"file".padEnd(48)} ${pad("raw", 10)} ${pad("gzip", 10)} ${pad("brotli", 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(48)} ${pad(r.raw, 10)} ${pad(r.gzip, 10)} ${pad(r.brotli, 10)}`);
console.log(`${"total".padEnd(48)} ${pad(total.raw, 10)} ${pad(total.gzip, 10)} ${pad(total.brotli, 10)}`);
console.log(`total_gzip_bytes ${total.gzip}`);
// Before the portal kit (issue 12), measured on 9b4f28d with this script: kept to show what the
// kit and the write rules cost until issue 14 trims the bundle.
const BEFORE_BROTLI = 595224;
console.log(`total_brotli_bytes_before ${BEFORE_BROTLI} (9b4f28d)`);
console.log(`total_brotli_bytes_change ${total.brotli - BEFORE_BROTLI}`);
console.log(`total_brotli_bytes ${total.brotli}`);
