import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['./scripts/build/polyfill.cjs'],
        testTimeout: 20_000
    }
});
