// Lint, with the layering rules that keep the house in order (docs/architecture.md, "Rooms and the rule"):
// src-shared speaks to everyone, so it imports nothing environment-specific and nothing of ours;
// src-node is Node code both apps use, so it imports only src-shared;
// the desktop (src-main) and the server (src-server) each import src-shared and src-node, never each other;
// src-main/core is plain Node, so the app works without Electron (browser mode, CLI, tests);
// the renderer reaches the main side only through the contract (src-shared).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** Import patterns that reach into one of our rooms (top-level folders), from anywhere in the tree. */
const room = (...names) => names.map((name) => `**/${name}/**`);
const noElectron = { name: 'electron', message: 'Only src-main/shell and preload may import electron: the rest must run in plain Node.' };
const desktopCore = ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/cli.ts', 'src-main/web-host.ts', 'src-main/electron-launcher.ts', 'migrations/desktop/**/*.ts'];

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
        patterns: [{ group: [...room('src-main', 'src-node', 'src-server', 'src-renderer'), '**/migrations/**'], message: 'src-shared depends on nothing of ours.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src-node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: [...room('src-main', 'src-server', 'src-renderer'), '**/migrations/**'], message: 'src-node serves both apps: it imports src-shared only, never the desktop, the server or the UI.' }],
      }],
    },
  },
  {
    // The desktop's plain-Node part: runs without Electron (browser mode, CLI, tests).
    files: desktopCore,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: [...room('src-renderer'), '**/shell/**'], message: 'Core code must not depend on the UI or the Electron shell.' },
          { group: room('src-server'), message: 'The desktop never imports the server (shared code goes to src-node or src-shared).' },
        ],
      }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'migrations/desktop/**/*.ts'],
    ignores: desktopCore,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: room('src-renderer'), message: 'The desktop reaches the UI only through the contract.' },
          { group: room('src-server'), message: 'The desktop never imports the server (shared code goes to src-node or src-shared).' },
        ],
      }],
    },
  },
  {
    files: ['src-server/**/*.ts', 'migrations/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: room('src-main'), message: 'The server never imports the desktop (shared code goes to src-node or src-shared).' },
          // '../desktop': a server migration naming a desktop one by its sibling folder.
          { group: [...room('src-renderer'), '**/migrations/desktop/**', '../desktop', '../desktop/**'], message: 'The server depends on src-shared and src-node only.' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/vite.config.ts', 'src-renderer/staff/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeBuiltins].map((name) => ({ name, message: 'The renderer runs sandboxed: it talks to main only through window.api / the HTTP client.' })),
        patterns: [{ group: room('src-main', 'src-node', 'src-server'), message: 'The renderer reaches the main side only through the contract.' }],
      }],
    },
  },
);
