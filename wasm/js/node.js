// The package's entry in Node: loads the WebAssembly module synchronously from beside this file, so
// `import { validate } from "clusterplan"` is ready to call.
import { readFileSync } from "node:fs";
import { initSync } from "./index.js";

initSync(readFileSync(new URL("./engine_bg.wasm", import.meta.url)));

export * from "./index.js";
