// Minifies the JavaScript glue wasm-bindgen writes for each page (Trunk minifies the styles and the page,
// not this file) and puts the new file's hash in the page's integrity attribute, which Trunk computed for
// the file as it was; drops the integrity attribute Chromium ignores (and warns about) on the wasm preload. Usage: node scripts/minify-glue.mjs DIST_DIR... (run by scripts/build-web).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const integrity = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;

for (const dir of process.argv.slice(2)) {
  const pagePath = join(dir, "index.html");
  let page = readFileSync(pagePath, "utf8");
  const glue = readdirSync(dir).filter((file) => /^clusterplan-.*\.js$/.test(file));
  if (glue.length !== 1) throw new Error(`${dir}: expected one clusterplan-*.js, found ${glue.length}`);
  const path = join(dir, glue[0]);
  const before = readFileSync(path, "utf8");
  if (!page.includes(integrity(before))) throw new Error(`${pagePath} does not carry ${glue[0]}'s hash`);
  const { code } = await minify(before, { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  page = page.replace(integrity(before), integrity(code));
  // Chromium ignores an integrity attribute on a preload "as=fetch" (the wasm's) and warns about it on every
  // load: the attribute checks nothing there, so it goes (the module is this page's own file, under its CSP).
  page = page.replace(/(<link\b[^>]*\bas="?fetch"?[^>]*?)\s+integrity="?sha384-[A-Za-z0-9+/=]+"?/, "$1");
  writeFileSync(pagePath, page);
  console.log(`${path}: ${before.length} → ${code.length} bytes`);
}
