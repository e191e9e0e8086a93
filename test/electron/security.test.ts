// The window's security settings, read under plain Node from the module main uses, plus the
// main process source for the handlers that cannot be expressed as options.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ALLOWED_PERMISSIONS,
  CSP,
  CSP_DIRECTIVES,
  SECURITY_HEADERS,
  isAppUrl,
  webPreferences,
  windowOptions,
} from '../../electron/main/security';
import { ROOT, buildRenderer } from '../e2e/harness';

// The source is matched with its layout flattened, so a formatter's line breaks do not matter.
const main = readFileSync(path.join(ROOT, 'electron/main/index.ts'), 'utf8')
  .replace(/\s+/g, ' ')
  .replace(/\( /g, '(')
  .replace(/ \)/g, ')');
const preload = readFileSync(path.join(ROOT, 'electron/preload/index.ts'), 'utf8');

describe('BrowserWindow options', () => {
  const opts = windowOptions('/x/preload.cjs');
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(opts.webPreferences.preload).toBe('/x/preload.cjs');
    expect(webPreferences('/x/preload.cjs')).toEqual(opts.webPreferences);
  });
  it('main builds its window from these options and the preload is one CommonJS bundle', () => {
    expect(main).toMatch(/new BrowserWindow\(windowOptions\(preload\)\)/);
    expect(main).toMatch(/preload\/index\.cjs/);
    expect(main).not.toMatch(
      /nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/,
    );
  });
});

describe('Content-Security-Policy', () => {
  it('allows nothing remote, no inline script or style, no eval', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['style-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['base-uri']).toBe("'none'");
    expect(CSP_DIRECTIVES['frame-ancestors']).toBe("'none'");
    expect(CSP_DIRECTIVES['form-action']).toBe("'none'");
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
  it('is sent by the app:// protocol handler and written into the built index.html', async () => {
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(main).toMatch(/\.\.\.SECURITY_HEADERS/);
    const out = await buildRenderer('renderer-security');
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    expect(meta).toBeDefined();
    expect(meta).toContain("default-src 'none'");
    expect(meta).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/https?:\/\//);
  });
});

describe('navigation, windows, permissions, remote content', () => {
  it('denies new windows and blocks navigation and webviews', () => {
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(main).toMatch(/'will-navigate'[^\n]*preventDefault/);
    expect(main).toMatch(/'will-attach-webview', \(e\) => e\.preventDefault\(\)/);
    expect(main).toMatch(/web-contents-created/);
  });
  it('grants no permissions and cancels http(s)/ws requests', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(main).toMatch(/setPermissionRequestHandler/);
    expect(main).toMatch(/onBeforeRequest\(\{ urls: \['http:\/\/\*\/\*', 'https:\/\/\*\/\*'/);
  });
  it('serves the UI from app://taizhang, never file://', () => {
    expect(main).toMatch(/registerSchemesAsPrivileged/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    expect(isAppUrl('app://taizhang/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });
  it('keeps one instance and the database in the user data folder', () => {
    expect(main).toMatch(/app\.requestSingleInstanceLock\(\)/);
    expect(main).toMatch(/second-instance/);
    expect(main).toMatch(/getPath\('userData'\)[\s\S]*ledger\.sqlite/);
  });
  it('checks the sender frame of every IPC call', () => {
    const handlers = main.match(/ipcMain\.handle\(/g) ?? [];
    const checks = main.match(/if \(!trusted\(event\)\) refused\(\);/g) ?? [];
    expect(handlers.length).toBeGreaterThanOrEqual(6);
    expect(checks.length).toBe(handlers.length);
    expect(main).toMatch(/event\.senderFrame/);
    expect(main).toMatch(/frame === win\.webContents\.mainFrame && isAppUrl\(frame\.url/);
  });
  it('preload exposes narrow functions through contextBridge, never ipcRenderer itself', () => {
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('taizhang'/);
    const exposed = preload.slice(preload.indexOf('exposeInMainWorld'));
    expect(exposed).not.toMatch(/ipcRenderer[,\s}]*\)?\s*[,}]\s*$/m);
    expect(exposed).not.toMatch(/:\s*ipcRenderer\b(?!\.)/);
    expect(exposed).not.toMatch(/send:\s*\(|invoke:\s*\(/);
  });
  it('has Chinese menus', () => {
    const menu = readFileSync(path.join(ROOT, 'electron/main/menu.ts'), 'utf8');
    for (const label of ['文件', '编辑', '查看', '帮助', '导入方案…', '退出'])
      expect(menu).toContain(`'${label}'`);
  });
});
