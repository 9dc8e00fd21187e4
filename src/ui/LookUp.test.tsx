/**
 * The look-up's steps as the reader sees them: a labelled button, the
 * candidates as buttons described by their descriptions with "None of
 * these", the question before a note is replaced, and messages announced.
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LookUp, LookUpStep, type LookUpStepState } from './LookUp';

const none = () => {};
const render = (step: LookUpStepState) =>
  renderToString(<LookUpStep step={step} onPick={none} onFinish={none} onClose={none} />);

describe('Look up', () => {
  it('is a button, with a title saying what is sent and when', () => {
    const html = renderToString(<LookUp name="NATO" note="" onFill={none} />);
    expect(html).toContain('<button type="button" class="lookup-button"');
    expect(html).toContain('>Look up</button>');
    expect(html).toContain('only the name is sent');
  });

  it('lists the candidates as buttons, each described, in a labelled list, with None of these', () => {
    const html = render({
      kind: 'pick',
      name: 'NATO',
      candidates: [
        { id: 'Q7184', label: 'NATO', description: 'military alliance', url: 'x' },
        { id: 'Q1', label: 'No description', description: '', url: 'y' },
      ],
    });
    expect(html).toContain('aria-labelledby="lookup-candidates-label"');
    expect(html).toContain('id="lookup-candidates-label">Wikidata items for “NATO”');
    expect(html).toContain('aria-describedby="lookup-Q7184"');
    expect(html).toContain('id="lookup-Q7184" class="hint">military alliance');
    expect(html).not.toContain('aria-describedby="lookup-Q1"');
    expect(html).toContain('>None of these</button>');
  });

  it('asks before replacing the reader’s note', () => {
    const html = render({
      kind: 'confirm',
      fill: { prefill: { id: 'Q1', name: 'A', aliases: [], kind: 'other', links: [] } },
    });
    expect(html).toContain('role="group"');
    expect(html).toContain('Replace it with the Wikipedia summary?');
    expect(html).toContain('>Replace my note</button>');
    expect(html).toContain('>Keep my note</button>');
  });

  it('announces what happened: a refusal as an alert, progress as a status', () => {
    expect(render({ kind: 'message', text: 'Refused.', alert: true })).toContain('role="alert"');
    expect(render({ kind: 'message', text: 'Filled.' })).toContain('role="status"');
    expect(render({ kind: 'busy', text: 'Looking…' })).toContain('aria-busy="true"');
    expect(render({ kind: 'idle' })).toBe('');
  });
});
