/**
 * An independent reference for the matching rules (DESIGN.md section 4),
 * written plainly and slowly from the rules themselves, sharing no code with
 * the extension's matcher: the dev-page tests compare the marks the extension
 * draws with the mentions this finds in the same page text.
 *
 * The page side (`READ_BLOCKS`) reads the top document's text the way a reader
 * sees it: text nodes outside the excluded elements, cut into blocks at block
 * elements and `<br>`, each node with whether it is rendered. The Node side
 * folds each block, finds every surface form with word edges and the capitals
 * rule, and keeps the leftmost, then longest, never overlapping.
 */

export interface PageBlock {
  /** The block's text nodes, in order: their text, and whether each is rendered. */
  nodes: { text: string; visible: boolean }[];
}

/**
 * Runs in the page (as a string: the test runner's helpers for function
 * names do not exist there). Block elements are HTML's elements rendered as
 * blocks by default, plus list items, table cells and rows, and `<br>`;
 * pictures and buttons also keep the words on either side apart.
 * Rendered = the text has a box and its element's computed visibility is
 * `visible` (`checkVisibility({ visibilityProperty: true })` agrees on every
 * dev page in both browsers).
 *
 * Decided where rule 5 is open: a block edge is an element of a block kind,
 * not whatever the page's CSS displays as a block. Rule 5 names element kinds
 * (paragraphs, list items, table cells, headings, `<br>`), and the extension
 * reads the page without computing styles. The price, measured: with edges
 * taken from computed `display` instead, msn has one more visible "Obama" and
 * one more "Reuters" (Taboola titles where a `display: block` span ends with
 * no white space before the next one: "...bulliesReuters TV"); no other dev
 * page changes.
 */
export const READ_BLOCKS = `(() => {
  const EXCLUDED = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input',
    'select', 'code', 'pre', 'svg']);
  const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption',
    'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
    'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
    'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody',
    'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'button', 'img']);
  const blocks = [];
  let current = { nodes: [] };
  const cut = () => {
    if (current.nodes.length) blocks.push(current);
    current = { nodes: [] };
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (!child.data) continue;
        const range = document.createRange();
        range.selectNodeContents(child);
        const boxes = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
        const visible = boxes.length > 0 && getComputedStyle(child.parentElement).visibility === 'visible';
        current.nodes.push({ text: child.data, visible });
      } else if (child.nodeType === 1) {
        const name = child.localName;
        if (EXCLUDED.has(name)) { cut(); continue; }
        const editable = child.getAttribute('contenteditable');
        if (editable !== null && editable !== 'false') { cut(); continue; }
        const block = BLOCK.has(name);
        if (block) cut();
        walk(child);
        if (block) cut();
      }
    }
  };
  walk(document.body);
  cut();
  return blocks;
})()`;

export interface ReferenceForm {
  text: string;
  /** The capitals rule: 2 to 5 capital letters match their exact case only. */
  exact: boolean;
}

/** A mention the reference found: the folded form it matched. */
export interface ReferenceMention {
  form: string;
  visible: boolean;
  /** The block's text around the mention, to show where a count differs. */
  context: string;
}

const APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2018']);
const DASHES = new Set(['-', '\u2010', '\u2011', '\u2013', '\u2014']);
const IGNORED = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
const NO_SPACE_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

/** Folds one character; '' when it is ignored. */
function foldChar(ch: string): string {
  if (IGNORED.has(ch)) return '';
  if (/\s/u.test(ch)) return ' ';
  if (APOSTROPHES.has(ch)) return "'";
  if (DASHES.has(ch)) return '-';
  if (ch === 'ı' || ch === 'İ') return 'i';
  const lower = ch.toLowerCase().replace('ß', 'ss').replace('ς', 'σ');
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Folded text, and for each folded character the index of the original it came from. */
export function referenceFold(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const out = foldChar(ch);
    for (const c of out) {
      if (c === ' ' && folded.endsWith(' ')) continue;
      folded += c;
      from.push(i);
    }
    i += ch.length;
  }
  return { folded, from };
}

export function referenceForm(text: string): ReferenceForm {
  return { text: text.trim(), exact: /^\p{Lu}{2,5}$/u.test(text.trim()) };
}

function edgeHolds(before: string | undefined, first: string): boolean {
  if (before === undefined || !WORD.test(before)) return true;
  return NO_SPACE_SCRIPTS.test(before) || NO_SPACE_SCRIPTS.test(first);
}

/** The mentions of `forms` in the blocks of one page, by the rules. */
export function referenceMentions(blocks: PageBlock[], forms: ReferenceForm[]): ReferenceMention[] {
  const folded = forms.map((f) => ({ ...f, key: referenceFold(f.text).folded.trim() }));
  const out: ReferenceMention[] = [];
  for (const block of blocks) {
    const original = block.nodes.map((n) => n.text).join('');
    // Which node each original character belongs to.
    const nodeOf: number[] = [];
    block.nodes.forEach((n, k) => {
      for (let c = 0; c < n.text.length; c++) nodeOf.push(k);
    });
    const { folded: text, from } = referenceFold(original);
    const found: { start: number; end: number; form: string }[] = [];
    for (const form of folded) {
      if (!form.key) continue;
      for (let at = text.indexOf(form.key); at >= 0; at = text.indexOf(form.key, at + 1)) {
        const end = at + form.key.length;
        if (!edgeHolds(text[at - 1], text[at]!) || !edgeHolds(text[end], text[end - 1]!)) continue;
        if (form.exact) {
          const span = [...original.slice(from[at], from[end - 1]! + 1)];
          if (span.filter((ch) => !IGNORED.has(ch)).join('') !== form.text) continue;
        }
        found.push({ start: at, end, form: form.key });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    for (const m of found) {
      if (m.start < lastEnd) continue;
      lastEnd = m.end;
      const start = from[m.start]!;
      const end = from[m.end - 1]! + 1;
      const before = original.slice(Math.max(0, start - 40), start);
      const context = `${before}[${original.slice(start, end)}]${original.slice(end, end + 40)}`;
      out.push({
        form: m.form,
        visible: block.nodes[nodeOf[start]!]!.visible,
        context: context.replace(/\s+/g, ' '),
      });
    }
  }
  return out;
}

/** Counts per folded form: the comparison the tests make. */
export function countByForm(forms: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of forms.sort()) counts[f] = (counts[f] ?? 0) + 1;
  return counts;
}
