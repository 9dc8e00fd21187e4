import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageMatches } from '../core/page-match';
import { BackgroundError } from '../messaging/client';
import { askBackground } from './matching';

const FOUND: PageMatches = { entities: [{ id: 'gantz', kind: 'person' }], matches: [0, 5, 0] };
const putOff = () => new BackgroundError('pageMatch was put off', 'superseded');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('askBackground', () => {
  it('sends a piece the background put off again, quietly, until it is matched', async () => {
    const ask = vi
      .fn<(text: string) => Promise<PageMatches>>()
      .mockRejectedValueOnce(putOff())
      .mockRejectedValueOnce(putOff())
      .mockResolvedValue(FOUND);
    const answer = askBackground('Gantz', () => true, ask);
    await vi.runAllTimersAsync();
    expect(await answer).toEqual(FOUND);
    expect(ask).toHaveBeenCalledTimes(3);
    expect(ask).toHaveBeenLastCalledWith('Gantz');
  });

  it('stops asking once the scan no longer wants the answer', async () => {
    let wanted = true;
    const ask = vi.fn<(text: string) => Promise<PageMatches>>().mockImplementation(() => {
      wanted = false;
      return Promise.reject(putOff());
    });
    const answer = askBackground('Gantz', () => wanted, ask);
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ entities: [], matches: [] });
    expect(ask).toHaveBeenCalledOnce();
  });

  it('passes on any other failure (the control: only a put-off piece is asked again)', async () => {
    const ask = vi
      .fn<(text: string) => Promise<PageMatches>>()
      .mockRejectedValue(new BackgroundError('pageMatch was refused: the request is not valid'));
    const answer = askBackground('Gantz', () => true, ask);
    await expect(answer).rejects.toThrow(/not valid/);
    expect(ask).toHaveBeenCalledOnce();
  });
});
