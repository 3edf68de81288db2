// ESLint: JavaScript's and typescript-eslint's recommended rules, and React's rules of hooks.
// Type-aware rules are left to `tsc` (run by the test command), which already checks types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-cli/', 'release/', 'test-results/', 'playwright-report/', '.tmp/', '.test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain Node scripts (the TypeScript sources get their globals from tsc's lib settings).
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  // CommonJS scripts (the CLI's launcher: bin/*.cjs) load with require().
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: globals.node }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's signature, a rest split).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
