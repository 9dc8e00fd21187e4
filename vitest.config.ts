import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto', 'src/test-setup/i18n.ts'],
    // Some tests check and write thousands of entities: a ceiling for a slow, loaded machine,
    // not the 5 s default. Speed is the bench's business.
    testTimeout: 180_000,
  },
});
