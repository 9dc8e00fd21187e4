/**
 * Writes src/core/char-class-table.ts: the character class (char-class.ts)
 * of every BMP code unit, as runs, from the regular expressions there. Run
 * it (`npx tsx scripts/char-class-table.ts`) when those change;
 * char-class.test.ts fails until the table matches them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify, encodeRuns } from '../src/core/char-class';

const classes = new Uint8Array(0x10000);
for (let c = 0; c < classes.length; c++) classes[c] = classify(c);
const out = resolve(import.meta.dirname, '../src/core/char-class-table.ts');
writeFileSync(
  out,
  `/**
 * The character class of every BMP code unit, as runs (char-class.ts
 * \`decodeRuns\`). Written by scripts/char-class-table.ts from the regular
 * expressions in char-class.ts; char-class.test.ts holds it to them.
 */
export const BMP_CLASS_RUNS =
  '${encodeRuns(classes)}';
`,
);
console.log(`wrote ${out}`);
