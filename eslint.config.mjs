import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Pages take components from components/ (with their hooks and class names), helpers from
    // lib/ (dependency-cruiser's pages-take-helpers-from-lib checks the files, this the names).
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/components/**'],
              allowImportNamePattern: '^([A-Z]|use[A-Z])|Classes$',
              message: 'A helper a page needs belongs in lib/, not in a component file.',
            },
          ],
        },
      ],
    },
  },
  {
    // Small pieces (issue 16): no source file over 300 lines, every line counted (what `wc -l`
    // says). Tests and generated data (*.data.ts) may be longer.
    files: ['{app,components,lib,jobs,scripts}/**/*.{ts,tsx,mjs}'],
    ignores: ['**/*.test.ts', '**/*.data.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Functions (components too) of about 80 lines at most, counting code only: blank lines and
    // comments are free, so explaining never costs a split.
    files: ['{app,components,lib,jobs,scripts}/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.data.ts'],
    rules: {
      'max-lines-per-function': [
        'error',
        { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.build/**',
      '.data/**',
      '.bin/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
