import { defineConfig } from 'vitest/config';

/** Runs only the field test (test/field/field.test.ts), with the long timeouts of seven books built in every format. */
export default defineConfig({
  test: {
    include: ['test/field/*.test.ts'],
    // Each book is built in three editions and three formats, then checked by Java validators and Chromium.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
