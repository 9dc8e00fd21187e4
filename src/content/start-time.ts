/**
 * When the content script's modules began to run, in test builds: the
 * entry imports this module first and it imports nothing, so its top level
 * runs before any other module's (ES modules run in import order). The bench
 * counts the modules' start as our own time (task-timing.ts,
 * `timedModulesStart`); user builds keep 0 and time nothing.
 */
export const startedAt = __BACKSTORY_E2E__ ? performance.now() : 0;
