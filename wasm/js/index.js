// clusterplan: the Exchange high-availability planning engine as WebAssembly, with the command line's
// verbs and JSON. In a browser (or a worker) `await init()` once first; in Node the package's "node"
// entry (node.js) has already done it when the import resolves.
import * as engine from "./engine.js";
import { loader } from "./loader.js";

const entry = loader("clusterplan", engine);
const loaded = entry.loaded;

/** The engine's version, as `clusterplan --version` prints it. */
export const version = "@VERSION@";

/** Loads the WebAssembly module: by default `engine_bg.wasm` beside this file. Calling it again does nothing. */
export const init = entry.init;

/** Loads the WebAssembly module from its bytes or a compiled `WebAssembly.Module`, synchronously. */
export const initSync = entry.initSync;

export function validate(design) {
  return loaded("validate").validate(design);
}

export function simulate(design, events, options) {
  return loaded("simulate").simulate(design, events, options);
}

export function timeline(design, events, options) {
  return loaded("timeline").timeline(design, events, options);
}

export function moment(design, events, at, options) {
  return loaded("moment").moment(design, events, at, options);
}

export function analyze(design, options, progress) {
  return loaded("analyze").analyze(design, options, progress);
}

export function ips(design, options) {
  return loaded("ips").ips(design, options);
}

export function presets() {
  return loaded("presets").presets();
}

export function preset(id) {
  return loaded("preset").preset(id);
}

export function rules() {
  return loaded("rules").rules();
}

export function schema(kind) {
  return loaded("schema").schema(kind);
}

/**
 * Runs `analyze` in a module worker (worker.js), off the caller's thread. `onProgress(done, total)` hears
 * how far it is; aborting `signal` stops the worker and rejects with an `AbortError`.
 */
export function analyzeInWorker(design, options, { onProgress, signal, workerUrl } = {}) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("the analysis was cancelled", "AbortError"));
      return;
    }
    // The literal `new Worker(new URL("./worker.js", import.meta.url), …)` is the form bundlers (Vite,
    // webpack, Rollup, Parcel) recognise and emit the worker for; `workerUrl` overrides it.
    const worker = workerUrl
      ? new Worker(workerUrl, { type: "module" })
      : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const finish = () => {
      signal?.removeEventListener("abort", cancel);
      worker.terminate();
    };
    const cancel = () => {
      finish();
      reject(new DOMException("the analysis was cancelled", "AbortError"));
    };
    signal?.addEventListener("abort", cancel, { once: true });
    worker.onmessage = ({ data }) => {
      if (data.progress) {
        onProgress?.(data.progress.done, data.progress.total);
        return;
      }
      finish();
      if (data.error) {
        reject(Object.assign(new Error(data.error.message), data.error));
      } else {
        resolve(data.result);
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`clusterplan: the analysis worker failed: ${event.message ?? "it could not start"}`));
    };
    worker.postMessage({ id: 0, design, options });
  });
}
