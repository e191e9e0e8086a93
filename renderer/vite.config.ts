// The renderer's build, shared by electron-vite (electron.vite.config.ts) and by the web
// bridge, the end-to-end tests and the UI bench (which build it with vite directly).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { CSP_DIRECTIVES } from '../electron/main/security';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RENDERER_ROOT = here;
export const RENDERER_OUT = path.resolve(here, '../out/renderer');

/** The built index.html carries the CSP as a meta tag as well (frame-ancestors only works as a header). */
function cspMeta(): Plugin {
  const content = Object.entries(CSP_DIRECTIVES)
    .filter(([k]) => k !== 'frame-ancestors')
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
  return {
    name: 'taizhang-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' },
    ],
  };
}

export function rendererConfig(outDir = RENDERER_OUT): UserConfig {
  return {
    root: here,
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      sourcemap: false,
      minify: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: { input: path.join(here, 'index.html') },
    },
    server: { host: '127.0.0.1' },
  };
}

export default rendererConfig();
