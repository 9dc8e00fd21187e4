/**
 * Messages from the background to a tab's content script (the other way
 * from protocol.ts): the keyboard commands, which the browser delivers to the
 * background. Their shortcuts are declared in the manifest (wxt.config.ts), so
 * users can rebind them in the browser's settings.
 */
export const COMMANDS = ['next-mention', 'previous-mention', 'toggle-marks'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CommandMessage {
  type: 'backstory-command';
  command: Command;
}

export function isCommandMessage(message: unknown): message is CommandMessage {
  const m = message as Partial<CommandMessage> | null;
  return m?.type === 'backstory-command' && (COMMANDS as readonly unknown[]).includes(m.command);
}
