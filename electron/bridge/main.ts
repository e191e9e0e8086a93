// `npm run serve`: the workbench in a browser on this PC.
//   npm run serve -- [--db 台账文件] [--port 8731] [--static out/renderer]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBridge } from './server';
import { defaultDbPath } from '../cli/paths';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = path.resolve(flag('static') ?? path.join(root, 'out/renderer'));
if (!existsSync(path.join(staticDir, 'index.html'))) {
  console.error(
    `找不到界面文件 ${staticDir}/index.html。请先运行 npm run build:renderer（或 npm run build）。`,
  );
  process.exit(2);
}
const bridge = await startBridge({
  dbPath: path.resolve(flag('db') ?? process.env.TAIZHANG_DB ?? defaultDbPath()),
  staticDir,
  port: Number(flag('port') ?? 0),
  today: flag('today'),
  log: args.includes('--verbose') ? (l) => console.error(l) : undefined,
});
console.log(`台账工作台已在本机启动，请在浏览器中打开：\n${bridge.loginUrl}`);
const stop = () => {
  void bridge.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
