import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests share real resources (network namespaces, an sshd on loopback): files run one at a time.
    fileParallelism: false,
    // The CLI tests run dist/bundle: rebuilt first when src/ is newer.
    globalSetup: ['./test/support/build-first.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
