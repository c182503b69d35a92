// Lint rules: typescript-eslint's recommended set, the layout's import directions and no import cycles.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Chat platforms stay in src/transports: the kernel, commands and features never see them.
const PLATFORM_FREE = ['src/core', 'commands', 'src/ptg', 'src/store', 'src/triage', 'src/schedule', 'src/meetings', 'src/render'];
const FEATURES = ['commands', 'src/ptg', 'src/triage', 'src/schedule'];
// The metrics library is the web site's: the rest counts through core/metrics.ts's MetricsSink.
const PROM_CLIENT = { name: 'prom-client', message: 'count through the MetricsSink (core/metrics.ts); prom-client is src/web only' };
const ENV = { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'read process.env only in config.ts' };
const SDK_PATCHES = 'src/transports/matrix/sdk-patches.ts';
const SDK_MESSAGE = 'load matrix-bot-sdk only through src/transports/matrix/sdk-patches.ts (types are fine)';
const SDK_DYNAMIC = [
  { selector: 'ImportExpression[source.value=/^matrix-bot-sdk/]', message: SDK_MESSAGE },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^matrix-bot-sdk/]", message: SDK_MESSAGE },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tests/fixtures/', 'tests/eval/corpus/', 'stubs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      // Without a TypeScript parser for imported files, no-cycle silently sees no imports.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      // Runtime cycles; type-only cycles are caught by tests/unit/architecture.test.ts.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The file budget: about 300 lines of code, comments and blank lines not counted.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // With verbatimModuleSyntax an import kept for a type would load its module at run time.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Sanitizers and IRC formatting match control characters on purpose.
      'no-control-regex': 'off',
      // One-line loops write `(a, b)` statement sequences on purpose.
      '@typescript-eslint/no-unused-expressions': 'off',
      // It flags `let x = default; try { x = … } catch {}`, whose default is the fallback.
      'no-useless-assignment': 'off',
    },
  },
  {
    // The loopback fakes mirror a whole protocol each; they may be longer.
    files: ['tests/helpers/fake-*.ts'],
    rules: { 'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }] },
  },
  {
    // The matrix-bot-sdk boundary reaches into an untyped SDK (issue 14 item 7).
    files: ['src/transports/matrix/**/*.ts', 'tests/unit/transports/matrix/sdk-*.ts', 'tests/integration/matrix/fixtures/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: PLATFORM_FREE.map((d) => `${d}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...['irc-framework', 'matrix-bot-sdk'].map((name) => ({ name, message: 'chat platforms stay in src/transports' })), PROM_CLIENT],
          patterns: [{ regex: 'transports/', message: 'chat platforms stay in src/transports' }],
        },
      ],
    },
  },
  {
    files: ['src/transports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [PROM_CLIENT] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [{ target: './src/transports', from: FEATURES.map((d) => `./${d}`), message: 'transports know no command or feature' }],
        },
      ],
    },
  },
  {
    // The store is the database, the key-value state and the migrations: a leaf.
    files: ['src/store/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [{ target: './src/store', from: './', except: ['./src/store', './node_modules'], message: 'src/store imports only itself and packages' }],
        },
      ],
    },
  },
  {
    // config.ts composes each folder's own config section and knows no feature internals.
    files: ['src/config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.(?!/errors\\.ts$)(?!.*/config\\.ts$)', message: "config.ts imports only the sections' config.ts and errors.ts" }],
        },
      ],
    },
  },
  // process.env is read in config.ts only; matrix-bot-sdk is loaded (beyond types) only by
  // sdk-patches.ts, since any other value import would load the SDK's full index before the
  // patches and undo the lean load and the request replacement without an error.
  {
    files: ['src/**/*.ts', 'commands/**/*.ts'],
    ignores: ['**/config.ts', SDK_PATCHES],
    rules: { 'no-restricted-syntax': ['error', ENV, ...SDK_DYNAMIC] },
  },
  { files: ['src/**/config.ts'], rules: { 'no-restricted-syntax': ['error', ...SDK_DYNAMIC] } },
  { files: [SDK_PATCHES], rules: { 'no-restricted-syntax': ['error', ENV] } },
  {
    files: ['src/**/*.ts'],
    ignores: [SDK_PATCHES],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^matrix-bot-sdk', allowTypeImports: true, message: SDK_MESSAGE }],
        },
      ],
    },
  },
  prettier,
);
