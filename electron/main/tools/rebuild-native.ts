// `npm run rebuild:electron [-- --arch arm64]`: better-sqlite3 compiled for Electron's ABI,
// in a folder of its own (out/native/<platform>-<arch>/), never in node_modules — the tests
// and the CLI keep using node_modules' Node build. Electron main points better-sqlite3 at it
// through TAIZHANG_SQLITE_NATIVE (see electron/main/sqlite-electron.ts); electron-builder ships
// it as resources/native/better_sqlite3.node. Needs the network once (Electron headers or a
// prebuilt binary) on the build machine, never at run time.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuild } from '@electron/rebuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const arch = arg('arch', process.arch);
const platform = arg('platform', process.platform);
const electronVersion = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version as string;
const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
  version: string;
};

export const nativeDir = (p = platform, a = arch) => path.join(root, 'out/native', `${p}-${a}`);
const dir = nativeDir();
const mod = path.join(dir, 'node_modules/better-sqlite3');
const stampFile = path.join(dir, 'built.json');
const stamp = JSON.stringify({ electronVersion, arch, platform, sqlite: pkg.version });
if (
  !argv.includes('--force') &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  existsSync(path.join(dir, 'better_sqlite3.node'))
) {
  console.log(`better-sqlite3 已是 Electron ${electronVersion}（${platform}-${arch}）版本：${dir}`);
  process.exit(0);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(path.dirname(mod), { recursive: true });
cpSync(path.join(root, 'node_modules/better-sqlite3'), mod, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});
writeFileSync(
  path.join(dir, 'package.json'),
  JSON.stringify(
    { name: 'taizhang-native', private: true, dependencies: { 'better-sqlite3': pkg.version } },
    null,
    1,
  ),
);

console.log(
  `为 Electron ${electronVersion}（${platform}-${arch}）编译 better-sqlite3 ${pkg.version} → ${dir}`,
);
await rebuild({
  buildPath: dir,
  electronVersion,
  arch,
  platform: platform as NodeJS.Platform,
  onlyModules: ['better-sqlite3'],
  force: true,
  mode: 'sequential',
});
const node = path.join(mod, 'build/Release/better_sqlite3.node');
if (!existsSync(node)) {
  console.error(`编译失败：没有生成 ${node}`);
  process.exit(1);
}
const flat = path.join(dir, 'better_sqlite3.node');
cpSync(node, flat);
writeFileSync(stampFile, stamp);
console.log(`完成：${flat}`);
