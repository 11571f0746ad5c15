// ESLint (flat config) with typescript-eslint's recommended rules, run by `npm run lint` in .ci/run.
// Type-aware rules are left out on purpose: they need the whole program per file and would make lint slow on the
// 2-core CI machine; `npm run typecheck` already runs the compiler in strict mode.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The pure cores decide over values they are given: no clock (see also .dependency-cruiser.cjs). */
const PURE_CORES = ['src/routing/router.ts', 'src/pricing/normalize-price.ts', 'src/catalog/gpu-resolver.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Unused names are errors, except the deliberate `_`-prefixed ones (ignored parameters, rest siblings).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // The plugin loader loads plugin packages by name at run time: require() is its mechanism.
    files: ['src/plugins/builtin-plugins.ts', 'src/plugins/plugin-loader.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests load modules lazily, after setting the environment (require).
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Simulators read the upstream's loosely typed request bodies the way the upstream does.
    files: ['**/*.simulator.ts', '**/*.sim-jobs.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: PURE_CORES,
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'A pure core takes the time as an argument.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'A pure core takes the time as an argument.' },
      ],
    },
  },
);
