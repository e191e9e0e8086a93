// Electron main: one window, a sandboxed isolated renderer served from app://taizhang/, the
// core in a worker thread (electron/api/host.ts), the contract's operations over IPC with the
// sender checked on every call, native file dialogs, Chinese menus, one instance only.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALLOWED_PERMISSIONS,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  SECURITY_HEADERS,
  isAppUrl,
  windowOptions,
} from './security';
import { menuTemplate } from './menu';
import { startServiceWorker, type ServiceClient } from '../api/host';
import { safeName } from '../api/files';
import { IPC_NAVIGATE, IPC_PLATFORM, IPC_PREFIX, IPC_PROGRESS, OP_NAMES } from '../api/ops.std';
import type { FileRef } from '../api/contract';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEV_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const RENDERER_DIR = path.join(here, '../renderer');
const MAX_UPLOAD = 200 * 1024 * 1024;

// the ledger lives in the per-user data folder, the same one the CLI uses (electron/cli/paths.ts)
app.setPath('userData', path.join(app.getPath('appData'), 'taizhang'));

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

// one window only: a second start focuses the first
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((e) => {
      dialog.showErrorBox('台账工作台无法启动', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}

let win: BrowserWindow | null = null;
let service: ServiceClient | null = null;
const granted = new Set<string>();

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** app://taizhang/… → files of the built renderer, with the security headers; nothing else. */
function registerProtocol(): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const url = new URL(req.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(RENDERER_DIR, '.' + rel);
    if (!file.startsWith(RENDERER_DIR + path.sep)) return new Response('forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          ...SECURITY_HEADERS,
          'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** No remote content, no permissions, nothing but our own origin. */
function lockDownSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, permission, cb) => cb(ALLOWED_PERMISSIONS.has(permission)));
  s.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
  s.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] },
    (details, cb) => {
      // development only: the vite dev server and its HMR socket on the same host and port
      const dev =
        DEV_URL &&
        new URL(DEV_URL).host === new URL(details.url).host &&
        /^(http|ws):$/.test(new URL(details.url).protocol);
      cb({ cancel: !dev });
    },
  );
  s.on('will-download', (e) => e.preventDefault());
}

/** Every IPC call must come from our window's main frame showing our own page. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    !!win &&
    event.sender === win.webContents &&
    !!frame &&
    frame === win.webContents.mainFrame &&
    isAppUrl(frame.url, DEV_URL)
  );
}

function refused(): never {
  throw new Error('拒绝了来自未知页面的请求。');
}

function grant(p: string): string {
  const abs = path.resolve(p);
  granted.add(abs);
  service?.grant(abs);
  return abs;
}

function registerIpc(workDir: string): void {
  for (const op of OP_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${op}`, async (event, msg: { input?: unknown; job?: unknown }) => {
      if (!trusted(event)) refused();
      const job = typeof msg?.job === 'string' ? msg.job.slice(0, 64) : undefined;
      const sender = event.sender;
      return service!.call(
        op,
        msg?.input ?? {},
        job
          ? (done, total, message) => {
              if (!sender.isDestroyed()) sender.send(IPC_PROGRESS, { job, op, done, total, message });
            }
          : undefined,
        job,
      );
    });
  }
  const filters = (exts: unknown) => {
    const list = Array.isArray(exts)
      ? exts.filter((e): e is string => typeof e === 'string' && /^[a-z0-9]{1,8}$/i.test(e))
      : [];
    return list.length
      ? [{ name: list.map((e) => e.toUpperCase()).join('、') + ' 文件', extensions: list }]
      : [];
  };
  ipcMain.handle(
    IPC_PLATFORM.pickFiles,
    async (event, o: { title?: string; extensions?: string[]; multiple?: boolean }) => {
      if (!trusted(event)) refused();
      const r = await dialog.showOpenDialog(win!, {
        title: String(o?.title ?? '选择文件'),
        filters: filters(o?.extensions),
        properties: o?.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      });
      return r.canceled ? [] : r.filePaths.map((p): FileRef => ({ path: grant(p), name: path.basename(p) }));
    },
  );
  ipcMain.handle(IPC_PLATFORM.pickFolder, async (event, o: { title?: string }) => {
    if (!trusted(event)) refused();
    const r = await dialog.showOpenDialog(win!, {
      title: String(o?.title ?? '选择文件夹'),
      properties: ['openDirectory', 'createDirectory'],
    });
    return r.canceled || !r.filePaths[0] ? null : grant(r.filePaths[0]);
  });
  ipcMain.handle(
    IPC_PLATFORM.saveFile,
    async (event, o: { title?: string; defaultName?: string; extensions?: string[] }) => {
      if (!trusted(event)) refused();
      const r = await dialog.showSaveDialog(win!, {
        title: String(o?.title ?? '保存'),
        defaultPath: path.join(app.getPath('documents'), safeName(String(o?.defaultName ?? '文件'))),
        filters: filters(o?.extensions),
      });
      return r.canceled || !r.filePath ? null : grant(r.filePath);
    },
  );
  // dropped files: the renderer has their bytes, not their paths (sandbox); keep a copy
  ipcMain.handle(IPC_PLATFORM.upload, async (event, name: unknown, bytes: unknown) => {
    if (!trusted(event)) refused();
    if (!(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) throw new Error('文件内容无效。');
    const data =
      bytes instanceof ArrayBuffer
        ? new Uint8Array(bytes)
        : new Uint8Array((bytes as ArrayBufferView).buffer);
    if (data.byteLength > MAX_UPLOAD)
      throw new Error(`文件“${String(name)}”过大（超过 ${MAX_UPLOAD / 1048576} MB）。`);
    const dir = path.join(workDir, 'uploads', randomUUID());
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, safeName(String(name)));
    await writeFile(file, data);
    return { path: file, name: path.basename(file) } satisfies FileRef;
  });
  ipcMain.handle(IPC_PLATFORM.showItem, (event, p: unknown) => {
    if (!trusted(event)) refused();
    const abs = path.resolve(String(p));
    if (granted.has(abs) || [...granted].some((g) => abs.startsWith(g + path.sep)))
      shell.showItemInFolder(abs);
  });
}

function createWindow(): BrowserWindow {
  const preload = path.join(here, '../preload/index.cjs');
  const w = new BrowserWindow(windowOptions(preload));
  const wc = w.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  // the app is one page with #/routes (in-page navigation): any real navigation is refused
  wc.on('will-navigate', (e, url) => {
    if (!(DEV_URL && isAppUrl(url, DEV_URL))) e.preventDefault();
  });
  wc.on('will-redirect', (e, url) => {
    if (!isAppUrl(url, DEV_URL)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.on('will-frame-navigate', (e) => {
    if (!isAppUrl(e.url, DEV_URL)) e.preventDefault();
  });
  w.once('ready-to-show', () => w.show());
  void w.loadURL(DEV_URL ?? `${APP_ORIGIN}/index.html`);
  return w;
}

async function start(): Promise<void> {
  app.setAppUserModelId('cn.gov.taizhang.workbench');
  const userData = app.getPath('userData');
  const dbPath = process.env.TAIZHANG_DB ?? path.join(userData, 'ledger.sqlite');
  const workDir = path.join(app.getPath('temp'), `taizhang-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  // better-sqlite3 built for Electron's ABI (npm run rebuild:electron), beside node_modules' Node build
  process.env.TAIZHANG_SQLITE_NATIVE ??= app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(
        app.getAppPath(),
        'out',
        'native',
        `${process.platform}-${process.arch}`,
        'better_sqlite3.node',
      );
  if (!existsSync(process.env.TAIZHANG_SQLITE_NATIVE)) {
    throw new Error(
      `找不到 Electron 版的 SQLite 模块：${process.env.TAIZHANG_SQLITE_NATIVE}\n开发环境请先运行 npm run rebuild:electron。`,
    );
  }
  // the packaged app ships templates/ (bulletin, reminder, submission) as resources
  process.env.TAIZHANG_TEMPLATES ??= app.isPackaged
    ? path.join(process.resourcesPath, 'templates')
    : path.join(app.getAppPath(), 'templates');

  service = await startServiceWorker({
    dbPath,
    shell: 'electron',
    workDir,
    version: app.getVersion(),
    workerScript: path.join(here, 'worker.js'),
  });
  registerProtocol();
  lockDownSession();
  registerIpc(workDir);
  win = createWindow();
  win.on('closed', () => {
    win = null;
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(() => win, {
        navigate: (route) => win?.webContents.send(IPC_NAVIGATE, route),
        openDataFolder: () => void shell.openPath(path.dirname(dbPath)),
        about: () =>
          void dialog.showMessageBox(win!, {
            type: 'info',
            title: '关于台账工作台',
            message: `台账工作台 ${app.getVersion()}`,
            detail: `生态环境攻坚任务台账、县区报送与进展通报。\n台账文件：${dbPath}\n本程序不连接网络。`,
          }),
      }),
    ),
  );

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void service?.close();
    rmSync(workDir, { recursive: true, force: true });
  });
  // nothing may create another webContents of its own accord
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}
