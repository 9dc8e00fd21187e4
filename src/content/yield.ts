/**
 * Gives the page's main thread back between slices of work, so no task of
 * Backstory's runs long. `scheduler.yield` where the browser has it; else a
 * message to ourselves, which (unlike setTimeout) is not clamped to 4 ms.
 */
interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** A clock for one slice: true once `ms` have passed since it was made. */
export function sliceTimer(ms = 8): () => boolean {
  const until = performance.now() + ms;
  return () => performance.now() > until;
}
