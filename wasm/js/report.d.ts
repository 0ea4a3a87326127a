// clusterplan/report: the design's documents, as text. `Design` and the errors are the main entry's.
import type { Dag, Design } from "./index.js";

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

/** A file for `importFrom`: its name (for messages) and its bytes, or its text. */
export interface ImportFile {
  name: string;
  data: string | Uint8Array | ArrayBuffer;
}

/** Something an import assumed (the files do not say) or left out (clusterplan does not model it). */
export interface ImportNote {
  file: string;
  kind: "assumed" | "left-out";
  message: string;
}

/**
 * Reads a DAG from elsewhere (`clusterplan import --from`): `"calculator"`, the Role Requirements
 * Calculator's CSV files (DAGInfo.csv, MailboxDatabases.csv, MailboxDatabaseCopies.csv, Servers.csv), or
 * `"ems"`, the one document the collector writes from a running DAG. `dag` names the DAG when the files
 * hold several. Throws a `ClusterplanError` whose paths name the file and the line or JSON path.
 */
export function importFrom(
  kind: "calculator" | "ems",
  files: ImportFile[],
  dag?: string,
): { design: Dag.Scenario; notes: ImportNote[] };



/**
 * What differs between a planned DAG and a running one (`clusterplan diff PLAN RUNNING`): each design a
 * scenario or its JSON text (a running DAG's most often `importFrom("ems", …).design`). Members, sites,
 * witnesses, copies, preferences, lag, settings and live state, and both designs' failure modes side by side;
 * `same` when nothing differs. Throws a `ClusterplanError` for a design that does not load, or a 2003 cluster.
 */
export function diff(plan: Design, running: Design): Dag.Drift;
