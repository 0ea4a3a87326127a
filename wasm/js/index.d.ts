// The component's API. The report and scenario types are generated from the engine (types.d.ts).
import type { Cluster, Dag, Shared } from "./types.js";

export type { Cluster, Dag, Shared };

/** A scenario of either family, as an object or its JSON text (what `clusterplan preset ID` prints). */
export type Design = Cluster.Scenario | Dag.Scenario | string;

/** What the command line's flags carry. Each verb reads what applies to it. */
export interface Options {
  /** Time of day at 0 s on the virtual clock, `HH:MM` (`--clock`; 2003 clusters). */
  clock?: string;
  /** Hour of day, 0-23, untimed events happen at (`--hour`; 2003 clusters). */
  hour?: number;
  /** The most nodes or servers failing at once (`--max-failures`; default: all). */
  maxFailures?: number;
  /** The summary only, without a row per failure set (`--summary`). */
  summary?: boolean;
  /** Subnets, `NETWORK=CIDR` or `CIDR` (`--subnet`; 2003 clusters). */
  subnets?: string[];
  /** Usable addresses left free at the start of each subnet (`--reserve`). */
  reserve?: number;
}

/** One problem with an input: where (`groups[2].owner`, `events[1]`, `subnets`) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** What every verb throws for an input it cannot use. Findings about a design are data, never thrown. */
export interface ClusterplanError extends Error {
  name: "ClusterplanError";
  code: "load" | "event" | "arguments" | "too-large";
  errors: Problem[];
  /** For `too-large`: the largest `maxFailures` that fits, or `null`. */
  fits?: number | null;
  /** For `too-large`: whether `summary: true` would fit. */
  summaryFits?: boolean;
}

/** The engine's version, as `clusterplan --version` prints it. */
export const version: string;

/** Loads the WebAssembly module (in browsers and workers, before any verb); by default from beside index.js. */
export function init(module?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the WebAssembly module from its bytes or a compiled module, synchronously. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** Checks a design against every rule of its family (`clusterplan validate`). */
export function validate(design: Design): Cluster.Validation | Dag.Validation;
/** Applies events to the healthy design and reports the outcome (`clusterplan simulate`). */
export function simulate(design: Design, events?: string[], options?: Options): Cluster.Outcome | Dag.Outcome;
/** How events unfold second by second (`clusterplan simulate --timeline`): a 2003 cluster's or a DAG's. */
export function timeline(design: Design, events?: string[], options?: Options): Cluster.Timeline | Dag.Timeline;
/**
 * The design as it stands at a time of the script (`"21s"`, `"10min"`), and the steps told then: what the
 * planner's player shows at that time (`clusterplan simulate --at`).
 */
export function moment(design: Design, events: string[], at: string, options?: Options): Cluster.Moment | Dag.Moment;
/** Fails every set of up to `maxFailures` nodes or servers at once (`clusterplan analyze`). */
export function analyze(
  design: Design,
  options?: Options,
  progress?: (done: number, total: number) => void,
): Cluster.MatrixReport | Dag.MatrixReport;
/** Counts and assigns the static IP addresses (`clusterplan ips`). */
export function ips(design: Design, options?: Options): Cluster.IpPlan | Dag.IpPlan;
/** Every built-in preset's id (`clusterplan presets`). */
export function presets(): string[];
/** A preset's scenario (`clusterplan preset ID`). */
export function preset(id: string): Cluster.Scenario | Dag.Scenario;
/** Every rule with its id, severity and source (`clusterplan rules`). */
export function rules(): Shared.Rules;
/** The JSON Schema of a scenario format (`clusterplan schema [dag]`). */
export function schema(kind?: "cluster" | "dag"): Record<string, unknown>;

/** `analyze` in a module worker: progress as it goes; aborting `signal` stops it (an `AbortError`). */
export function analyzeInWorker(
  design: Design,
  options?: Options,
  control?: {
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    /** Where worker.js is served, when not beside index.js. */
    workerUrl?: string | URL;
  },
): Promise<Cluster.MatrixReport | Dag.MatrixReport>;
