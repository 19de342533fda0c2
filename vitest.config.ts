import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests build the real book and run Java validators and Chromium.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
