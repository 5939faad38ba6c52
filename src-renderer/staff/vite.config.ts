import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyMeta } from '../vite-csp';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/staff', import.meta.url));

/** As the desktop page's; the server sends a stricter one as a header (src-server/staff/staff-ui.ts). */
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

/**
 * The staff web UI, served by the provincial server under /staff/. `SKILLS_DESK_SERVER` (for example
 * http://127.0.0.1:8470) lets the dev server forward the API to a running `skills-desk server`.
 */
const devServer = process.env.SKILLS_DESK_SERVER;

export default defineConfig({
  root,
  base: '/staff/',
  plugins: [react(), contentSecurityPolicyMeta(CONTENT_SECURITY_POLICY)],
  build: {
    outDir,
    emptyOutDir: true,
    // Staff open it over the province's network once per session and it is cached after: one antd chunk is fine.
    chunkSizeWarningLimit: 1600,
  },
  server: devServer ? { proxy: { '/api': devServer } } : undefined,
});
