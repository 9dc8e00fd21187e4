/**
 * A failure whose message is already in the reader's language. The database
 * throws it when it refuses a write (a limit, a note changed elsewhere), and
 * the background passes its message on as it is (`src/background/failure.ts`).
 * It lives in core so the database need not import the background's error
 * text, and carries no words of its own: the thrower localises them.
 */
export class ReaderError extends Error {
  override name = 'ReaderError';
}
