// clusterplan/report: the design's documents, a module of their own so a page that only plans does not
// download the report writers, the drawings and the deployment scripts. In a browser (or a worker)
// `await init()` once first; in Node the entry report-node.js has already done it when the import resolves.
import load, * as documents from "./documents.js";

let ready = false;

/** Loads the documents' WebAssembly module: by default `documents_bg.wasm` beside this file. Calling it again does nothing. */
export async function init(module) {
  if (!ready) {
    await load(module === undefined ? undefined : { module_or_path: module });
    ready = true;
  }
}

/** Loads the documents' WebAssembly module from its bytes or a compiled `WebAssembly.Module`, synchronously. */
export function initSync(module) {
  if (!ready) {
    documents.initSync({ module });
    ready = true;
  }
}

function loaded(verb) {
  if (!ready) {
    throw new Error(`clusterplan/report: await init() before calling ${verb}()`);
  }
  return documents;
}

export function report(design, format) {
  return loaded("report").report(design, format);
}

export function exportTo(design, to) {
  return loaded("exportTo").exportTo(design, to);
}
