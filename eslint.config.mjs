// Lint, with the layering rules that keep the house in order:
// src-shared speaks to everyone, so it imports nothing environment-specific;
// src-main/core is plain Node, so the app works without Electron (browser mode, CLI, tests);
// the renderer reaches the main side only through the contract.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['scripts/**/*.{ts,mjs}', 'test/bench/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'knex', 'fastify', 'react', 'antd', ...nodeBuiltins].map((name) => ({ name, message: 'src-shared must stay free of Node, DOM, Electron and framework imports.' })),
        patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', '**/src-server/**'], message: 'src-shared depends on nothing of ours.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/cli.ts', 'src-main/web-host.ts', 'src-main/electron-launcher.ts', 'src-server/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only src-main/shell and preload may import electron: core must run in plain Node.' }],
        patterns: [{ group: ['**/src-renderer/**', '**/shell/**'], message: 'Core code must not depend on the UI or the Electron shell.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts', 'src-renderer/staff/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeBuiltins].map((name) => ({ name, message: 'The renderer runs sandboxed: it talks to main only through window.api / the HTTP client.' })),
        patterns: [{ group: ['**/src-main/**', '**/src-server/**'], message: 'The renderer reaches the main side only through the contract.' }],
      }],
    },
  },
);
