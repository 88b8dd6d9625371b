/**
 * mulberry32: a tiny, well-known seeded 32-bit PRNG. The synthetic province and the
 * hostile-string generators use it so that the same seed always gives the same data,
 * and a failure found with a seed reproduces.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
