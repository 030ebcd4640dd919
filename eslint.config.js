// `npm run lint` (with knip and prettier). Type-aware: the rules that matter most here are the promise
// rules, since an un-awaited send or database write loses its error, or crashes the process when it rejects.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The no-unsafe-* rules, for code where `any` comes from outside and says nothing about a bug. */
const noUnsafeAnyOff = Object.fromEntries(
  ['assignment', 'member-access', 'argument', 'call', 'return'].map((what) => [
    `@typescript-eslint/no-unsafe-${what}`,
    'off',
  ]),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // tsconfig.json includes src, adapters, migrations, test, bench and vitest.config.ts; the plain
        // JavaScript files sit outside it and get a default project of their own.
        projectService: { allowDefaultProject: ['eslint.config.js', 'src/start.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union must name every member or say what the rest do with `default`.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // The code already marks deliberately unused parameters and rest-siblings with a leading underscore.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    rules: {
      // Off: async methods with no await are how the in-memory stores and fakes implement
      // promise-returning ports (about 300 of them); `async` there keeps a throw a rejection, which is
      // what the callers expect, so the rule would only ask for noise.
      '@typescript-eslint/require-await': 'off',
      // A caught value is rethrown or passed on as it came; wrapping it would hide what was thrown.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Migrations are frozen in time on Kysely<any> and never import the app's schema types, and so is
    // the code that runs them.
    files: ['migrations/**', 'src/db/migrate.ts', 'src/db/pglite-dialect.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // vitest types its asymmetric matchers (expect.any, expect.objectContaining, ...) and JSON.parse as
    // any, so these would flag nearly every expectation that uses one and find nothing wrong.
    files: ['test/**'],
    rules: noUnsafeAnyOff,
  },
  {
    // Plain JavaScript has no types for the no-unsafe-* rules to check against.
    files: ['**/*.js', '**/*.mjs'],
    rules: noUnsafeAnyOff,
  },
);
