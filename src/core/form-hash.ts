/**
 * The form table's hash (form-table.ts): two 32-bit lanes fed one UTF-16
 * code unit at a time, so a scan extends the hash of a candidate by one
 * unit per step, and a finishing mix that crosses the lanes into one 64-bit
 * key (`hi`, `lo`), as cyrb53 does (core/hash53.ts).
 *
 * Each step (xor, odd multiply, xorshift) is a bijection of the lane for a
 * given unit, and the xorshift brings the product's high bits down: without
 * it a lane's low k bits would depend only on the units' low k bits (a
 * multiply carries upward only), and two CJK characters 4,096 apart would
 * agree in the low 12 bits of both lanes. Not a defence against chosen
 * collisions: the table is built by the worker from the reader's own forms,
 * and `buildFormTable` changes the seed if two of them ever collide.
 */

/** The lanes' start for `seed`. */
export const laneStart1 = (seed: number): number => (0xdeadbeef ^ seed) | 0;
export const laneStart2 = (seed: number): number => (0x41c6ce57 ^ seed) | 0;

/** One unit into lane 1. */
export function step1(h: number, c: number): number {
  h = Math.imul(h ^ c, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** One unit into lane 2 (another multiplier and shift, so the lanes do not agree). */
export function step2(h: number, c: number): number {
  h = Math.imul(h ^ c, 0x85ebca77);
  return h ^ (h >>> 13);
}

/** The key's high word, from the two lanes. */
export function finishHi(h1: number, h2: number): number {
  const a = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return a >>> 0;
}

/** The key's low word, from the two lanes (after `finishHi`'s mix of lane 1). */
export function finishLo(h1: number, h2: number): number {
  const a = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  const b = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return b >>> 0;
}

/** The 64-bit key of a whole string, as [hi, lo] (exact-case texts; tests). */
export function hashText(text: string, seed: number): [number, number] {
  let h1 = laneStart1(seed);
  let h2 = laneStart2(seed);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = step1(h1, c);
    h2 = step2(h2, c);
  }
  return [finishHi(h1, h2), finishLo(h1, h2)];
}
