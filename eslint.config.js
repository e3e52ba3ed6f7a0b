// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * Node built-ins under both spellings, so `fs` cannot sneak in where `node:fs` is banned. Bare names
 * go in `paths` (exact match): as patterns they would also match local files such as `./events`.
 */
const nodeBuiltins = ['node:*', ...builtinModules];
const banned = (groups, message) => {
  const [names] = groups;
  const exact = names.filter((n) => !n.includes('*') && !n.startsWith('!'));
  const globs = names.filter((n) => n.includes('*') || n.startsWith('!'));
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: exact.map((name) => ({ name, message })),
        patterns: globs.length > 0 ? [{ group: globs, message }] : [],
      },
    ],
  };
};

/**
 * The dependency table of docs/architecture.md §2, one block per folder. A violation is a lint
 * error, and `npm run lint` runs with zero warnings allowed.
 */
const layers = [
  {
    files: ['shared/**/*.ts'],
    rules: banned(
      [['electron', 'react', 'react-dom', ...nodeBuiltins, '**/electron/**', '**/renderer/**']],
      'shared/ is environment-neutral: no electron, node:*, DOM, React, electron/ or renderer/.',
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: banned(
      [
        [
          'electron',
          'electron-store',
          '**/main/**',
          '**/preload/**',
          '**/host/**',
          '**/renderer/**',
          '**/simulator/**',
        ],
      ],
      'electron/core is Electron-free and host-agnostic: it may use shared/, node:* and Node packages only.',
    ),
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: banned(
      [['electron', 'electron-store', '**/main/**', '**/preload/**', '**/renderer/**']],
      'electron/host runs without Electron: it may use shared/ and electron/core only.',
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: banned(
      [['**/renderer/**', '**/host/**', '**/simulator/**']],
      'electron/main must not import renderer/, host/ or simulator/.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // A regex, because gitignore-style globs cannot re-include a path below an excluded `..`.
          patterns: [
            {
              regex: '^(?!electron$|(\\.\\./)+shared/contract(/[\\w-]+)?$)',
              message:
                'The preload only bridges the contract: it may import electron and shared/contract, nothing else.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/simulator/**/*.ts'],
    rules: banned(
      [
        [
          'electron',
          'electron-store',
          '**/shared/**',
          '**/core/**',
          '**/main/**',
          '**/host/**',
          '**/renderer/**',
        ],
      ],
      'The simulator is an independent implementation of protocol.md: it must not reuse the app code it tests.',
    ),
  },
  {
    // The headless host's composition root also wires the demo launcher (host -> demo -> simulator).
    files: ['electron/host/cli.ts'],
    rules: banned(
      [['electron', 'electron-store', '**/main/**', '**/preload/**', '**/renderer/**']],
      'electron/host runs without Electron.',
    ),
  },
  {
    files: ['electron/demo/**/*.ts'],
    rules: banned(
      [['electron', 'electron-store', '**/main/**', '**/preload/**', '**/renderer/**']],
      'electron/demo composes the headless host and the simulator; it runs without Electron.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: banned(
      [['electron', 'electron-store', ...nodeBuiltins, '**/electron/**']],
      'The renderer is an untrusted page: no electron, node:* or electron/ imports; talk to the core through src/api.',
    ),
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: [
      'scripts/**',
      'electron/simulator/cli.ts',
      'electron/host/cli.ts',
      'electron/demo/cli.ts',
      'test/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...layers,
);
