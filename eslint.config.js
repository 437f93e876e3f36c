// Lint configuration. The layer rules below are DESIGN.md §1 made executable: an import that crosses
// a layer the wrong way is an error, so the build fails instead of the architecture drifting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNodeBuiltins = { paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ and renderer/ run everywhere: no Node built-ins.' })) };
const layer = (patterns) => patterns.map(([group, message]) => ({ group, message }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/', 'renderer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noNodeBuiltins,
        patterns: layer([
          [['**/main/**', '**/main'], 'shared/ must not import main/.'],
          [['**/renderer/**', '**/renderer'], 'shared/ must not import renderer/.'],
          [['electron', 'electron/*'], 'shared/ must not import electron.'],
        ]),
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noNodeBuiltins,
        patterns: layer([
          [['**/main/**', '**/main'], 'renderer/ talks to main/ only through the contract client.'],
          [['electron', 'electron/*'], 'renderer/ must not import electron.'],
        ]),
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: layer([
          [['electron', 'electron/*'], 'Only main/electron/ may import electron.'],
          [['**/renderer/**', '**/renderer'], 'main/ must not import renderer/.'],
        ]),
      }],
    },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: layer([
          [['electron', 'electron/*'], 'The engine runs identically everywhere: no electron.'],
          [['fastify', 'fastify/*', 'commander', '**/cli/**', '**/server/**', '**/api/**', '**/electron/**'], 'The engine imports no HTTP framework, CLI or service code.'],
          [['**/renderer/**', '**/renderer'], 'main/ must not import renderer/.'],
        ]),
      }],
    },
  },
  // The blocks below repeat the electron and renderer groups of `main/**`: for one file the last
  // matching block's options replace the earlier ones, they do not add up. `shared/api` and
  // `shared/credentials` are the contract and stay allowed (hence the `!` lines).
  {
    // The one outgoing HTTP client (DESIGN.md §11) sits below everything that sends through it.
    files: ['main/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: layer([
          [['electron', 'electron/*'], 'Only main/electron/ may import electron.'],
          [['**/renderer/**', '**/renderer'], 'main/ must not import renderer/.'],
          [
            ['**/engine/**', '**/credentials/**', '!**/shared/credentials/**', '**/api/**', '!**/shared/api/**', '**/cli/**', '**/server/**', '**/electron/**'],
            'main/http is the bottom layer of outgoing HTTP: it imports no engine, credentials, service, CLI, server or Electron code; callers pass what it needs.',
          ],
        ]),
      }],
    },
  },
  {
    // Credentials are used by the engine, so they must not use it back (no loop).
    files: ['main/credentials/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: layer([
          [['electron', 'electron/*'], 'Only main/electron/ may import electron.'],
          [['**/renderer/**', '**/renderer'], 'main/ must not import renderer/.'],
          [['**/engine/**'], 'Credentials sit below the engine: send HTTP through main/http and raise HttpFailure, not NodeError.'],
          [['**/api/**', '!**/shared/api/**', '**/cli/**', '**/server/**', '**/electron/**'], 'Credentials import no service, CLI, server or Electron code.'],
        ]),
      }],
    },
  },
  {
    // The service implements the contract once; the transports and the command call it, never the reverse.
    files: ['main/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: layer([
          [['electron', 'electron/*'], 'Only main/electron/ may import electron.'],
          [['**/renderer/**', '**/renderer'], 'main/ must not import renderer/.'],
          [['**/server/**', '**/electron/**', '**/cli/**'], 'main/api is called by the transports and the CLI: it imports no server, Electron or CLI code.'],
        ]),
      }],
    },
  },
);
