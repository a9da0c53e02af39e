import { defineConfig } from 'vite';

// Built into target/classes/anycalltaxi-web, which the Maven module packages; `npm run dev` proxies the API to a local stack.
export default defineConfig({
  base: '/',
  build: { outDir: 'target/classes/anycalltaxi-web', emptyOutDir: true, assetsInlineLimit: 0 },
  server: { proxy: Object.fromEntries(['/auth', '/members', '/calls', '/trips', '/shared', '/taxis', '/drivers',
    '/operations', '/events', '/console'].map(path => [path, 'http://127.0.0.1:8088'])) },
});
