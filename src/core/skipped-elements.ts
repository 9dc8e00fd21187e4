/**
 * Elements whose text is never marked, by local name (lower case, as for
 * HTML, SVG and MathML alike): code, forms, media, embedded documents and
 * what a page does not show as text. The content script skips them as it
 * reads a page (src/content/text-index.ts), and the bench's HTML-to-text
 * (bench/html-text.ts) leaves them out to read pages as it does.
 */
export const SKIPPED_ELEMENTS: readonly string[] = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'svg',
  'math',
  'canvas',
  'iframe',
  'frame',
  'object',
  'video',
  'audio',
  'head',
  'title',
];
