#!/usr/bin/env node
// Entry of the built CLI, out/cli/taizhang.mjs (the `taizhang` bin; built by build.ts at
// `npm install` and by `npm run build:cli`). It stays tiny on purpose: source maps are switched
// on before the rest of the CLI is loaded, so stack traces name the TypeScript sources, and
// each command's code is loaded only when that command runs (see commands/index.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.setSourceMapsEnabled(true);
// out/cli/ and electron/cli/ are both two levels below the project: templates/ is found from
// either, as the Electron main process names its own copy (electron/main/index.ts)
process.env.TAIZHANG_TEMPLATES ??= path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates',
);

const { runAsProcess } = await import('./main');
runAsProcess(process.argv.slice(2));
