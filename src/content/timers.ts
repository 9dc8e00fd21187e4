/** A timer that is cancelled when `signal` aborts, so nothing fires after the script is torn down. */
export class Timer {
  private id: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.cancel(), { once: true });
  }

  start(ms: number, fn: () => void): void {
    this.cancel();
    if (this.signal.aborted) return;
    this.id = setTimeout(() => {
      this.id = undefined;
      fn();
    }, ms);
  }

  cancel(): void {
    if (this.id !== undefined) clearTimeout(this.id);
    this.id = undefined;
  }

  get pending(): boolean {
    return this.id !== undefined;
  }
}
