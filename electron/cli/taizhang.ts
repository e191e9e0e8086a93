#!/usr/bin/env node
// Entry of the built CLI, out/cli/taizhang.mjs (the `taizhang` bin; built by build.ts at
// `npm install` and by `npm run build:cli`). Each command's code is loaded only when that
// command runs (see commands/index.ts). Source maps are written beside the bundle but not
// switched on here: Node would then parse the map of every module it loads, pdf.js's 5 MB
// ones included (0.7 s of a PDF parse). For stack traces that name the TypeScript sources
// run `node --enable-source-maps out/cli/taizhang.mjs …`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// out/cli/ and electron/cli/ are both two levels below the project: templates/ is found from
// either, as the Electron main process names its own copy (electron/main/index.ts)
process.env.TAIZHANG_TEMPLATES ??= path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates',
);

// pdf.js's worker prepared by build.ts as a script with V8's code cache (ingest/pdfjs-prepared.ts)
process.env.TAIZHANG_PDFJS_PREPARED ??= path.join(path.dirname(fileURLToPath(import.meta.url)), 'pdfjs');

const { runAsProcess } = await import('./main');
runAsProcess(process.argv.slice(2));
