// Where cargo builds this workspace, as cargo reports it (CARGO_TARGET_DIR, a configuration's
// build.target-dir, or target/), and the command-line tool built there: what the Node tests run.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

export const targetDir = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], { cwd: root, encoding: "utf8" }),
).target_directory;

/** The command-line tool of a profile (`debug`, `release`). */
export const cliBinary = (profile = "debug") => join(targetDir, profile, "clusterplan");
