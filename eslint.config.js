import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['out/**', 'src/language/generated/**', 'src/language/std/std-files.generated.ts', 'src/compiler/meso-json.generated.ts', 'src/cli/*.generated.ts', 'node_modules/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['scripts/**/*.{js,mjs,cjs}'],
        languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable' } },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    },
    {
        rules: {
            '@typescript-eslint/no-non-null-assertion': 'off',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
        }
    }
);
