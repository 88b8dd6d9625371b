/** A progress bar for long work, on stderr and only when it is a terminal (CI logs stay clean). */
import { Presets, SingleBar } from "cli-progress";

export interface Progress {
  increment(): void;
  stop(): void;
}

export function progressBar(label: string, total: number, enabled = true): Progress {
  if (!enabled || !process.stderr.isTTY || total < 2) return { increment() {}, stop() {} };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}
