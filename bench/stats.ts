// Small helpers so every benchmark prints its figures the same way, beside its baseline.

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

export function summarize(samplesMs: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export function row(label: string, figures: Record<string, string>): void {
  const cells = Object.entries(figures).map(([key, value]) => `${key} ${value}`);
  process.stdout.write(`  ${label.padEnd(52)} ${cells.join('   ')}\n`);
}
