/**
 * Long work in the background in slices of SLICE_MS, with a break between
 * them so waiting messages (a search, a card, another tab) are answered,
 * and so no script runs long enough for Firefox to stop it ("Script
 * terminated by timeout", seen folding 100,000 notes of 2,000 characters
 * for search in one go).
 */
export const SLICE_MS = 25;

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `each` over `items`, pausing every SLICE_MS. */
export async function inSlices<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  let end = performance.now() + SLICE_MS;
  for (const item of items) {
    each(item);
    if (performance.now() >= end) {
      await pause();
      end = performance.now() + SLICE_MS;
    }
  }
}
