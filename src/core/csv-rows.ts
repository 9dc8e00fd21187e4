/**
 * Where a CSV file's rows end. Papaparse takes one line end for the whole
 * file (it guesses CRLF, LF or CR from the first ones), so a file that
 * mixes them, edited in two programs or joined from two files, had rows run
 * together: "A\nB" became one name. Line breaks inside quoted fields are
 * text, not row ends, and are left as they are.
 */

export type LineEnd = '\r\n' | '\n' | '\r';

/** Where a row can end, or a quoted field (and its line breaks) begin. */
const SPECIAL = /["\r\n]/g;

/** The text with every row end made `\n`, and the line end to give papaparse. */
export function oneRowEnd(text: string): { text: string; newline: LineEnd | undefined } {
  const ends = rowEnds(text);
  const kinds = new Set(ends.map(([, end]) => end));
  if (kinds.size <= 1) return { text, newline: [...kinds][0] };
  const pieces: string[] = [];
  let from = 0;
  for (const [at, end] of ends) {
    pieces.push(text.slice(from, at), '\n');
    from = at + end.length;
  }
  pieces.push(text.slice(from));
  return { text: pieces.join(''), newline: '\n' };
}

/**
 * Each row end (its position and characters) outside quoted fields, read as
 * papaparse reads them: a field is quoted when it starts with a quote, and a
 * doubled quote inside it is a quote. An unclosed quote ends the search
 * (papaparse reports it).
 */
function rowEnds(text: string): [number, LineEnd][] {
  const ends: [number, LineEnd][] = [];
  const special = new RegExp(SPECIAL);
  for (let i = 0; ;) {
    special.lastIndex = i;
    const found = special.exec(text);
    if (!found) return ends;
    i = found.index;
    const c = found[0];
    if (c === '"') {
      // A quote that does not start a field is a character like any other.
      const before = text[i - 1];
      if (i > 0 && before !== ',' && before !== '\r' && before !== '\n') {
        i++;
        continue;
      }
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && text[close + 1] === '"') close = text.indexOf('"', close + 2);
      if (close === -1) return ends;
      i = close + 1;
    } else {
      const end: LineEnd = c === '\r' && text[i + 1] === '\n' ? '\r\n' : (c as LineEnd);
      ends.push([i, end]);
      i += end.length;
    }
  }
}
