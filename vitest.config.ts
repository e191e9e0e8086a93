import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machines: keep workers few so PDF parsing and LibreOffice do not starve each other
    pool: 'forks',
    maxWorkers: 2,
  },
});
