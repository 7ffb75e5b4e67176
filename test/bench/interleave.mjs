// Interleaved rounds, shared by the server benchmarks: each contender is measured once per round,
// in rotating order, so drift and GC hit all alike; the result is one statistic over the rounds.
// BENCH_ROUNDS and BENCH_ROUND_MS set the rounds and their length; BENCH_STAT=min reports each
// contender's fastest round (other processes only ever add time, so on a busy machine the minimum
// is the least disturbed measurement).

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const TARGET_ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 120);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const FASTEST = process.env.BENCH_STAT === 'min';
const STATISTIC = FASTEST ? (values) => Math.min(...values) : median;

/** How the reported figure is taken, for a table's heading. */
export const STATISTIC_NAME = FASTEST ? 'Fastest' : 'Median';

/**
 * `contenders` are [name, run] pairs; `timeBatch(run, iterations)` resolves to ns per call.
 * Resolves to a Map from name to ns per call.
 */
export async function compareInterleaved(contenders, timeBatch) {
  const batches = new Map();
  for (const [name, run] of contenders) {
    await timeBatch(run, 2000); // Warm up the JIT.
    const probe = await timeBatch(run, 2000);
    batches.set(name, Math.max(200, Math.round((TARGET_ROUND_MS * 1e6) / probe)));
  }
  const samples = new Map(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const [name, run] of order) {
      globalThis.gc?.();
      samples.get(name).push(await timeBatch(run, batches.get(name)));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, STATISTIC(values)]));
}
