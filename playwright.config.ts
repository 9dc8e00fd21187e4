import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Each test starts its own browser; two at once is what two cores carry.
  workers: 2,
  fullyParallel: true,
  // Ceilings, not estimates: a test waits for the state it needs and fails only when it
  // never comes. They leave room for a slow, loaded 2-core machine; how fast the work is
  // belongs to `npm run bench`. The 30,000-entity import sets its own, longer one.
  timeout: 5 * 60_000,
  expect: { timeout: 60_000 },
  retries: 0,
  // A failing test prints the last lines the extension logged and where its screenshots
  // are (e2e/fixtures.ts): the CI output is all there is of a machine nobody can log into.
  reporter: [['list']],
  outputDir: 'test-results',
});
