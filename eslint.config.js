import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports flow one way: sandbox -> connection -> api -> labs -> app (STYLE.md).
// The sandbox imports nothing else from src/ and never React.
const zones = [
  { target: './src/sandbox', from: './src', except: ['./sandbox'], message: 'The sandbox imports nothing else from src/.' },
  { target: './src/connection', from: ['./src/api', './src/labs', './src/app', './src/study', './src/components'] },
  { target: './src/api', from: ['./src/labs', './src/app'] },
  { target: './src/study', from: ['./src/labs', './src/app'] },
  { target: './src/labs', from: ['./src/app', './src/sandbox'], message: 'Labs reach AWS through the connection layer, never the sandbox.' },
  { target: './src/components', from: ['./src/labs', './src/app'] },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-cycle': ['error', { maxDepth: 8 }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react/*'], message: 'The sandbox never imports React.' }] }],
    },
  },
  {
    // A lab's own tests may stand up the real sandbox behind the real SDK clients; the lab code itself may not.
    files: ['src/labs/**/__tests__/**'],
    rules: { 'import/no-restricted-paths': ['error', { zones: zones.filter((z) => z.target !== './src/labs').concat({ target: './src/labs', from: ['./src/app'] }) }] },
  },
  {
    // Playwright fixtures receive a callback conventionally named `use`; it is not React's use().
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/__tests__/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
