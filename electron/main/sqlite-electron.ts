// better-sqlite3 as the Electron build of the app sees it (electron.vite.config.ts aliases the
// package to this file for the main bundle only). The JavaScript is the package's own; the
// native addon is the Electron-ABI build named by TAIZHANG_SQLITE_NATIVE (made by
// `npm run rebuild:electron`, shipped in resources/native/), so node_modules keeps the Node
// build that the tests and the CLI use. Without the variable it behaves exactly like the package.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const requireCjs = createRequire(import.meta.url);
const Base = requireCjs('better-sqlite3') as typeof BetterSqlite3;
const native = process.env.TAIZHANG_SQLITE_NATIVE;

const Database = (native
  ? class ElectronDatabase extends (Base as unknown as new (
      f?: string | Buffer,
      o?: BetterSqlite3.Options,
    ) => BetterSqlite3.Database) {
      constructor(file?: string | Buffer, options: BetterSqlite3.Options = {}) {
        super(file, { nativeBinding: native, ...options });
      }
    }
  : Base) as unknown as typeof BetterSqlite3;

export default Database;
