import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they test. Renderer tests opt into a DOM with
// `// @vitest-environment happy-dom` at the top of the file; everything else runs in Node.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bin/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
