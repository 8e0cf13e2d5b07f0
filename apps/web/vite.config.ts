import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build` runs `vite build apps/web`: the root is this folder, the output apps/web/dist, which the API
// serves at / (apps/api/src/web/web.module.ts). No inline script is emitted, so Helmet's CSP (script-src 'self')
// holds; `npm run dev:web` proxies the API of `npm start` for development.
export default defineConfig({
  plugins: [react()],
  // The domain's vocabulary (apps/web/src/domain/vocabulary.ts) through the library's entry point, as in tsconfig.json.
  resolve: {
    alias: { '@sen/case-domain': fileURLToPath(new URL('../../libs/case-domain/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The supervisor's, analyst's, disaster and admin pages are split into their own chunks (React.lazy). The chart
    // library (recharts, with d3 and redux inside: about 450 kB, 130 kB gzipped) lands in a chunk that only the
    // dashboard and indicator pages load; the entry chunk (React, the router, both catalogues) does not import it.
    chunkSizeWarningLimit: 460,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/admin': 'http://127.0.0.1:3000' },
  },
});
