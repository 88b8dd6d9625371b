#!/usr/bin/env node
/**
 * attt: the command line. Thin by design: it parses flags, calls the parts and sets
 * exit codes (0 ok, 1 findings, 2 bad input, 3 internal error).
 */
import { runAttt } from "./program.js";

// `attt plan list | head -1`: the reader has gone, which is not an error of ours.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });

await runAttt(process.argv);
