import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Each test starts its own browser; two at once is what two cores carry.
  workers: 2,
  fullyParallel: true,
  timeout: 90_000,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
