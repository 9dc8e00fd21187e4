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

/** The popup asks the active tab what it mentions. */
export interface SummaryRequest {
  type: 'backstory-summary';
}

export interface PageSummary {
  host: string;
  /** False when the site is switched off (nothing is marked). */
  enabled: boolean;
  /** The entities marked on the page, with how many marks each, most first. */
  entities: { id: string; count: number }[];
}

/** The popup asks the tab to show an entity's first mention and open its card. */
export interface ShowEntityRequest {
  type: 'backstory-show-entity';
  id: string;
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return (message as Partial<SummaryRequest> | null)?.type === 'backstory-summary';
}

export function isShowEntityRequest(message: unknown): message is ShowEntityRequest {
  const m = message as Partial<ShowEntityRequest> | null;
  return m?.type === 'backstory-show-entity' && typeof m.id === 'string';
}

/** A context-menu action on the text the reader selected. */
export const SELECTION_ACTIONS = ['add-note', 'add-alias'] as const;
export type SelectionAction = (typeof SELECTION_ACTIONS)[number];

export interface SelectionRequest {
  type: 'backstory-selection';
  action: SelectionAction;
  text: string;
}

export function isSelectionRequest(message: unknown): message is SelectionRequest {
  const m = message as Partial<SelectionRequest> | null;
  return (
    m?.type === 'backstory-selection' &&
    (SELECTION_ACTIONS as readonly unknown[]).includes(m.action) &&
    typeof m.text === 'string'
  );
}
