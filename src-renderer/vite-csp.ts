import type { Plugin } from 'vite';

/**
 * The built page carries its own CSP as defence in depth (the hosts send one too). Only on build:
 * the dev server needs an inline script for React Fast Refresh. Shared by the desktop and staff builds.
 */
export function contentSecurityPolicyMeta(policy: string): Plugin {
  return {
    name: 'skills-desk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
        injectTo: 'head-prepend',
      },
    ],
  };
}
