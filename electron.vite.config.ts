// electron-vite: main (ESM, with the service worker as a second entry), preload (one sandboxed
// CommonJS bundle, nothing external) and the renderer (renderer/vite.config.ts).
// better-sqlite3 and pdfjs-dist stay external to the main bundle (native module; pdf.js's
// worker and cmaps are files) and are unpacked from the asar (see package.json "build").
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  main: {
    // the Electron build of better-sqlite3 (see electron/main/sqlite-electron.ts)
    resolve: {
      alias: [{ find: /^better-sqlite3$/, replacement: path.join(root, 'electron/main/sqlite-electron.ts') }],
    },
    build: {
      // every dependency stays in node_modules except better-sqlite3, which is aliased to the shim
      externalizeDeps: { exclude: ['better-sqlite3'], include: ['pdfjs-dist', '@napi-rs/canvas'] },
      rollupOptions: {
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          worker: path.join(root, 'electron/api/worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // out/renderer by default; `electron-vite build --outDir X` puts all three under X
  renderer: (() => {
    const r = rendererConfig();
    const { outDir: _default, ...build } = r.build ?? {};
    return { ...r, build };
  })(),
});
