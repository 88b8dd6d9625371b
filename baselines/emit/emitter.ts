/**
 * What an OS emitter gives back for one bundle: its files (relative to the bundle
 * folder) and the ones that must be executable.
 */
import type { BundleSpec } from "../bundle-spec.js";

export interface EmitContext {
  /** e.g. "attt-kit 0.1.0": written into scripts and manifests. */
  generator: string;
  /** A fixed time for files that need one (taken from the inventory's asOf, never the clock). */
  generatedAt: string;
  /** sha256 of the bundle's resolved settings: the audit reports it so evidence names what it checked. */
  bundleHash: string;
}

export interface EmittedBundle {
  files: Map<string, string | Uint8Array>;
  executables: Set<string>;
}

export type Emitter = (spec: BundleSpec, ctx: EmitContext) => EmittedBundle;
