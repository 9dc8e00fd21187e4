/**
 * What the fuzz tests (`*.fuzz.test.ts`) share: how many runs and which seed,
 * and text made of the characters that break parsers.
 *
 * Each property has a fixed seed and a few runs, so `npx vitest run` is the
 * same every time and quick; a failure prints its seed and path. Locally:
 *   FUZZ_RUNS=5000 npx vitest run fuzz --testTimeout=0
 *       many more runs per property (no time limit: they take minutes)
 *   FUZZ_SEED=random npx vitest run fuzz
 *       a new seed for each property (printed on failure)
 *   FUZZ_SEED=123 FUZZ_PATH="4:1:0" npx vitest run fuzz -t 'name'
 *       replays one failure as fast-check printed it
 * A failure found this way is fixed, and its shrunk input kept as a plain test
 * beside the code ("regressions found by the fuzz tests").
 */
import fc from 'fast-check';

/** Parameters for one property: its own seed in CI, the environment's when asked. */
export function fuzzParams<T>(seed: number, runs = 100): fc.Parameters<T> {
  const env = process.env;
  const chosen =
    env.FUZZ_SEED === 'random'
      ? (Math.random() * 2 ** 31) | 0
      : env.FUZZ_SEED
        ? Number(env.FUZZ_SEED)
        : seed;
  return {
    numRuns: Number(env.FUZZ_RUNS) || runs,
    seed: chosen,
    ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH, endOnFailure: true } : {}),
  };
}

/**
 * Characters that have broken text handling somewhere: line ends, quotes and
 * separators of CSV and of the alias lists, formula starts, NUL, the byte
 * order mark, right-to-left marks and text, combining marks, zero-width and
 * non-breaking spaces, letters that fold (İ ı ß), an emoji (a surrogate
 * pair) and lone surrogates.
 */
const TRICKY = [
  '\u0000',
  '\uFEFF',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '"',
  ',',
  ';',
  '|',
  '\\',
  "'",
  '=',
  '+',
  '-',
  '@',
  '{',
  '}',
  '[',
  ']',
  ':',
  '<',
  '\u00A0',
  '\u200B',
  '\u200F',
  '\u202E',
  '\u2028',
  '\u0301',
  '\u05E7',
  '\u0639',
  '\u0130',
  '\u0131',
  '\u00DF',
  '\u{1F600}',
  '\uD800',
  '\uDFFF',
];

const piece = (tricky: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...tricky) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );

/** One piece of any text: a tricky character, ASCII, any code point or any grapheme. */
export const unit: fc.Arbitrary<string> = piece(TRICKY);
/** The same, but whole characters only (no lone surrogate): what a note may hold. */
const wholeUnit = piece(TRICKY.filter((c) => !/^[\uD800-\uDFFF]$/.test(c)));

/** Any text of up to `max` pieces, lone surrogates included. */
export const anyText = (max = 20, min = 0) => fc.string({ unit, minLength: min, maxLength: max });

/** Unicode text of up to `max` pieces: any, but for lone surrogates. */
export const text = (max = 20, min = 0) =>
  fc.string({ unit: wholeUnit, minLength: min, maxLength: max });

/** Text with something besides white space in it, as a name must have. */
export const someText = (max = 20) =>
  fc
    .tuple(text(max), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), text(max))
    .map(([a, b, c]) => a + b + c)
    .filter((s) => s.trim().length > 0);

/** `s` cut to `length` UTF-16 units, or padded with `pad`, never ending in half a character. */
export const sized = (s: string, length: number, pad = 'y') => {
  const cut = s.padEnd(length, pad).slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? `${cut.slice(0, -1)}${pad}` : cut;
};

/**
 * Text of exactly `length` UTF-16 units once trimmed (a limit counts those):
 * random pieces, cut or padded with letters. White space may surround it.
 */
export const exactText = (length: number) =>
  fc
    .tuple(text(8), fc.constantFrom('', ' ', '\n', '\t '), fc.constantFrom('', ' ', '\r\n'))
    .map(([start, before, after]) => `${before}${sized(`x${start}`, length - 1)}z${after}`);

/** A length at `limit`, one under or one past it. */
export const near = (limit: number) => fc.integer({ min: -1, max: 1 }).map((d) => limit + d);

/** Random JSON text: a value of any shape, or a pack cut short or with a character changed. */
export const jsonJunk = (validText: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    anyText(60),
    fc
      .tuple(validText, fc.nat(), fc.nat())
      .map(([text, cut, at]) => text.slice(0, cut % (text.length + 1)) + text.slice(at)),
    fc.tuple(validText, fc.nat(), unit).map(([text, at, piece]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + piece + text.slice(i + 1);
    }),
    fc.constantFrom('', '\uFEFF', 'null', '[]', '{}', '{"format":"backstory-pack"}', '1e400'),
  );
