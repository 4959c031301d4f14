import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('./m', import.meta.url));

/**
 * The cadre's phone app: its own entry (m/index.html), base /m/ and output web/dist/m, so the service worker's
 * scope and precache list are the phone app only and its JavaScript budget is its own (≤ 200 KB gzip first load,
 * docs/architecture.md "Scale targets"). Built after the console (which empties web/dist) by `npm run build -w web`.
 */
export default defineConfig({
  root,
  base: '/m/',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // A registerSW.js file rather than an inline script: the CSP allows no inline script.
      injectRegister: 'script-defer',
      filename: 'sw.js',
      includeAssets: ['icon.svg', 'icon-192.png'],
      manifest: {
        id: '/m/',
        name: '大兴寨移民安置 · 包户干部',
        short_name: '移民包户',
        description: '包户干部的包保户、走访、意愿、问题反映，无网络也能用，联网后自动同步。',
        lang: 'zh-CN',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f5f5f5',
        theme_color: '#1677ff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell and every screen's chunk: after one online start the app opens with no network.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m(\/|$)/],
        // The API is never answered from a cache: the phone's data lives in IndexedDB, the outbox decides.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/m', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
