/**
 * Renders a note's Markdown as Preact elements, never through innerHTML:
 * raw HTML in a note shows as its literal text, and only http(s) links
 * become links (opened in a new tab, without access to the opener).
 *
 * Whatever the note, in bounded time: marked's lexer is quadratic on some
 * inputs (100,000 characters of `_a` take seconds) and recursive (3 KB of
 * `>` overflow the stack), so a note over MARKDOWN_MAX_CHARS, nested deeper
 * than MARKDOWN_MAX_DEPTH, or that fails to parse or draw shows as its plain
 * text, which loses nothing the author wrote.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { Component, type ComponentChildren } from 'preact';
import { isWebUrl } from '../core/entity';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the character references a Markdown author may write (`&amp;`, `&#8212;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function inline(tokens: readonly Token[] | undefined): ComponentChildren[] {
  return (tokens ?? []).map((t, i) => renderInline(t, i));
}

function renderInline(token: Token, key: number): ComponentChildren {
  switch (token.type) {
    case 'strong':
      return <strong key={key}>{inline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{inline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{inline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{decodeEntities((token as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      if (!isWebUrl(link.href)) return <span key={key}>{inline(link.tokens)}</span>;
      return (
        <a
          key={key}
          href={link.href}
          target="_blank"
          rel="noopener noreferrer"
          title={link.title ?? undefined}
        >
          {inline(link.tokens)}
        </a>
      );
    }
    case 'image':
      // No remote images in a card: they would tell a server what is being read.
      return <span key={key}>{(token as Tokens.Image).text}</span>;
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? <span key={key}>{inline(text.tokens)}</span> : decodeEntities(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    default:
      // html and anything unknown: shown as the literal text the author typed.
      return token.raw;
  }
}

function renderBlock(token: Token, key: number): ComponentChildren {
  switch (token.type) {
    case 'paragraph':
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case 'heading': {
      // Headings inside a card are just strong lines: the card has its own title.
      return (
        <p key={key} class="md-heading">
          <strong>{inline((token as Tokens.Heading).tokens)}</strong>
        </p>
      );
    }
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, i) => <li key={i}>{blocks(item.tokens)}</li>);
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{blocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case 'hr':
      return <hr key={key} />;
    case 'space':
      return null;
    case 'text': {
      const text = token as Tokens.Text;
      return <span key={key}>{text.tokens ? inline(text.tokens) : decodeEntities(text.text)}</span>;
    }
    default:
      return <p key={key}>{token.raw}</p>;
  }
}

function blocks(tokens: readonly Token[]): ComponentChildren[] {
  return tokens.map((t, i) => renderBlock(t, i));
}

/** Above this many characters a note shows as plain text (the lexer's worst case is about 0.1 s here). */
export const MARKDOWN_MAX_CHARS = 6_000;
/** Nesting (quotes in lists in quotes...) deeper than this shows as plain text. */
export const MARKDOWN_MAX_DEPTH = 12;

/** How deep the tokens nest, walked without recursion. */
function depthOf(tokens: readonly Token[]): number {
  let deepest = 0;
  const stack: [readonly Token[], number][] = [[tokens, 1]];
  while (stack.length) {
    const [list, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MARKDOWN_MAX_DEPTH) break;
    for (const token of list) {
      const children = (token as { tokens?: Token[] }).tokens;
      if (children?.length) stack.push([children, depth + 1]);
      const items = (token as { items?: { tokens: Token[] }[] }).items;
      for (const item of items ?? []) stack.push([item.tokens, depth + 1]);
    }
  }
  return deepest;
}

/** The tokens of a note that may be drawn as Markdown, or null to show it as plain text. */
function tokensOf(source: string): Token[] | null {
  if (source.length > MARKDOWN_MAX_CHARS) return null;
  try {
    const tokens = Lexer.lex(source, { gfm: true });
    return depthOf(tokens) > MARKDOWN_MAX_DEPTH ? null : tokens;
  } catch {
    // A stack overflow or a bug in the lexer: the note is still the reader's to read.
    return null;
  }
}

function PlainText({ source }: { source: string }) {
  return <div class="md md-plain">{source}</div>;
}

/** Shows the plain text if drawing the Markdown throws. */
class Fallback extends Component<
  { source: string; children: ComponentChildren },
  { failed: boolean }
> {
  override state = { failed: false };
  static override getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <PlainText source={this.props.source} /> : this.props.children;
  }
}

function Rendered({ source }: { source: string }) {
  const tokens = tokensOf(source);
  return tokens ? <div class="md">{blocks(tokens)}</div> : <PlainText source={source} />;
}

export function Markdown({ source }: { source: string }) {
  return (
    <Fallback source={source}>
      <Rendered source={source} />
    </Fallback>
  );
}
