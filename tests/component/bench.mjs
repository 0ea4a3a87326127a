// The component's analyze against the native CLI's, median of 7 runs each, alternating: every row of a
// 16-node 2003 design, and the summary of the largest real DAG; and the gzip size of each entry as a page
// loads it: the planning engine, and the documents. Usage (scripts/bench-component builds the inputs):
//   node tests/component/bench.mjs PACKAGE_DIR CLI DESIGN.json DAG.json
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const [packageDir, cli, designFile, dagFile] = process.argv.slice(2);
const { analyze } = await import(pathToFileURL(join(packageDir, "node.js")).href);
const design = readFileSync(designFile, "utf8");
const dag = readFileSync(dagFile, "utf8");

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (run) => {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const native = [];
const component = [];
let rows = 0;
const nativeDag = [];
const componentDag = [];
let sets = 0;
for (let i = 0; i < 7; i++) {
  native.push(time(() => execFileSync(cli, ["analyze", designFile], { maxBuffer: 1 << 30 })));
  component.push(time(() => (rows = analyze(design).rows.length)));
  nativeDag.push(time(() => execFileSync(cli, ["analyze", "--summary", dagFile])));
  componentDag.push(time(() => (sets = analyze(dag, { summary: true }).summary.combinations)));
}
const gzip = (files) => files.reduce((sum, file) => sum + gzipSync(readFileSync(join(packageDir, file)), { level: 9 }).length, 0);
const engine = ["engine_bg.wasm", "engine.js", "index.js", "loader.js", "worker.js"];
const documents = ["documents_bg.wasm", "documents.js", "report.js", "loader.js"];
const files = readdirSync(packageDir).length;
const [n, c] = [median(native), median(component)];
const [nd, cd] = [median(nativeDag), median(componentDag)];
console.log(`| measure | value |
|---|---|
| analyze, 16 nodes 15 active / 1 passive, ${rows} rows: native CLI (process, JSON written) | ${n.toFixed(0)} ms |
| the same, component in Node (${process.version}; objects returned) | ${c.toFixed(0)} ms (${(c / n).toFixed(2)}× native; goal ≤ 1.5×) |
| analyze --summary, a DAG of 16 members × 500 databases, ${sets} server sets: native CLI (process) | ${nd.toFixed(0)} ms (goal ≤ 300 ms) |
| the same, component in Node | ${cd.toFixed(0)} ms (${(cd / nd).toFixed(2)}× native; goal ≤ 1.5×) |
| package, the engine (\`clusterplan\`): ${engine.join(" + ")}, gzip -9 | ${(gzip(engine) / 1024).toFixed(1)} KB (goal ≤ 250 KB) |
| package, the documents (\`clusterplan/report\`): ${documents.join(" + ")}, gzip -9 (${files} files in the package) | ${(gzip(documents) / 1024).toFixed(1)} KB |`);
