import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'bench/node_modules/',
      'coverage/',
      'screenshots/',
      '.package-check*/',
      '.manifest-check*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: [
      'src/components/**/*.ts',
      'src/ss-*.ts',
      'src/all.ts',
      'src/index.ts',
      'src/events/**/*.ts',
    ],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/ss-*.ts', 'src/all.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: {globals: {...globals.browser, ...globals.node}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/client/**/*.ts', 'src/events/**/*.ts', 'src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/mock/**', '**/proxy/**', '**/server/**', 'node:*'],
              message: 'Browser code never imports server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/mock/**/*.ts', 'src/proxy/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*', '**/components/**'],
              message: 'Server code never imports Lit.',
            },
          ],
        },
      ],
    },
  },
);
