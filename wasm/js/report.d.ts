// clusterplan/report: the design's documents, as text. `Design` and the errors are the main entry's.
import type { Design } from "./index.js";

export type { ClusterplanError, Design } from "./index.js";

/** Loads the documents' WebAssembly module (in browsers and workers, before any call); by default from beside report.js. */
export function init(module?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the documents' WebAssembly module from its bytes or a compiled module, synchronously. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** The design's report (`clusterplan report`): a standalone HTML page with its print stylesheet, or Markdown. */
export function report(design: Design, format?: "html" | "markdown"): string;
/** What `clusterplan export --to` writes: a DAG's Exchange Management Shell commands, a 2003 cluster's
 *  cluster.exe commands, the IP plan as CSV, or the diagram as SVG. */
export function exportTo(design: Design, to: "powershell" | "cluster-exe" | "csv" | "svg"): string;
/** A DAG as the Role Requirements Calculator's files, which its scripts (CreateDAG.ps1, CreateMBDatabases.ps1,
 *  CreateMBDatabaseCopies.ps1) accept; `notes` say what the files cannot hold. */
export function exportTo(design: Design, to: "calculator"): { files: { name: string; text: string }[]; notes: string[] };
