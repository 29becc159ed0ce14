import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests share real resources (network namespaces, an sshd on loopback): files run one at a time.
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
