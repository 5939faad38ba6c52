import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { contentSecurityPolicyMeta } from './vite-csp';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** Ant Design injects its styles at run time, so inline styles stay allowed; scripts never are. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

/**
 * `SKILLS_DESK_HOST` (for example http://127.0.0.1:4321) lets the dev server forward the RPC and
 * event endpoints to a running `skills-desk web` host, so the UI can be worked on with hot reload.
 */
const devHost = process.env.SKILLS_DESK_HOST;

/**
 * The web host answers only its own Host and Origin (DNS rebinding guard), so the dev server forwards as if the
 * page had been opened from the host itself.
 */
function devProxy(target: string): ProxyOptions {
  const origin = new URL(target).origin;
  return {
    target,
    changeOrigin: true,
    configure: (proxy) => {
      proxy.on('proxyReq', (request) => {
        if (request.getHeader('origin') !== undefined) request.setHeader('origin', origin);
      });
    },
  };
}

export default defineConfig({
  root,
  // Relative asset paths: Electron loads the files from app://skills-desk/, the web host from its root.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta(CONTENT_SECURITY_POLICY)],
  build: {
    outDir,
    emptyOutDir: true,
    // Loaded from the local disk or loopback, never over a slow link: one ~1.3 MB chunk (antd) is fine.
    chunkSizeWarningLimit: 1600,
  },
  server: devHost ? { proxy: { '/rpc': devProxy(devHost), '/events': devProxy(devHost) } } : undefined,
});
