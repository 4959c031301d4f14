// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint/module-boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'web/test-results/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // One owner per table, modules in layers: scripts/eslint/module-boundaries.mjs. Unit tests beside the code too.
    files: ['src/**/*.ts'],
    plugins: { local: boundaries },
    rules: { 'local/module-boundaries': 'error', 'local/repository-manager': 'error' },
  },
);
