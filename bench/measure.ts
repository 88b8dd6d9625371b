/** Timing and memory figures for one benchmark process. */
export async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  report(label, `${(ms / 1000).toFixed(2)} s`);
  return result;
}

export function report(label: string, value: string | number): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

/** Peak resident memory of this process so far. */
export function peakMemory(): string {
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
}
