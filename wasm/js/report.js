// clusterplan/report: the design's documents, a module of their own so a page that only plans does not
// download the report writers, the drawings and the deployment scripts. In a browser (or a worker)
// `await init()` once first; in Node the entry report-node.js has already done it when the import resolves.
import * as documents from "./documents.js";
import { loader } from "./loader.js";

const entry = loader("clusterplan/report", documents);
const loaded = entry.loaded;

/** Loads the documents' WebAssembly module: by default `documents_bg.wasm` beside this file. Calling it again does nothing. */
export const init = entry.init;

/** Loads the documents' WebAssembly module from its bytes or a compiled `WebAssembly.Module`, synchronously. */
export const initSync = entry.initSync;

export function report(design, format) {
  return loaded("report").report(design, format);
}

export function exportTo(design, to) {
  return loaded("exportTo").exportTo(design, to);
}

export function importFrom(kind, files, dag) {
  return loaded("importFrom").importFrom(kind, files, dag);
}

export function diff(plan, running) {
  return loaded("diff").diff(plan, running);
}
