// clusterplan/report in Node: loads the documents' WebAssembly module synchronously from beside this file,
// so `import { report } from "clusterplan/report"` is ready to call.
import { readFileSync } from "node:fs";
import { initSync } from "./report.js";

initSync(readFileSync(new URL("./documents_bg.wasm", import.meta.url)));

export * from "./report.js";
