import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests build the real book and run Java validators and Chromium.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // In CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.cache/vitest-report.json' },
  },
});
