// Attacks on the web bridge: path traversal into a sibling folder whose name starts with the
// static folder's name (the old prefix check served it), `..`, %2e%2e, encoded separators,
// backslashes and NUL; malformed percent-encodings (400, not 500 "URI malformed"); a folder
// asked for as a download (an unhandled stream 'error' used to end the process); an upload
// over the limit and one cut off mid-way (no partial file left). After every attack the
// bridge still answers, and stopping it removes its temporary folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../electron/bridge/server';

interface Res {
  status: number;
  body: string;
}
const SECRET = 'SECRET-OF-THE-SIBLING-FOLDER';

/** A request with the path written exactly as given (no client-side normalisation). */
function raw(b: Bridge, target: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const s = net.connect(b.port, '127.0.0.1', () => {
      const h = Object.entries({ Host: `127.0.0.1:${b.port}`, Connection: 'close', ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      s.write(`GET ${target} HTTP/1.1\r\n${h}\r\n\r\n`);
    });
    let data = '';
    s.on('data', (c) => (data += c.toString('utf8')));
    s.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), body: data }));
    s.on('error', reject);
  });
}

function post(
  b: Bridge,
  p: string,
  headers: Record<string, string>,
  write: (req: http.ClientRequest) => void,
): Promise<Res> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: b.port, path: p, method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    write(req);
  });
}

describe('web bridge under attack', () => {
  let b: Bridge;
  let dir: string;
  let cookie = '';
  const alive = async () => {
    const r = await raw(b, '/api/call/app.info', { Cookie: cookie });
    // 405 (GET on a POST route) is an answer: the process is up and serving
    expect(r.status).toBeGreaterThan(0);
    const s = await raw(b, '/index.html', { Cookie: cookie });
    expect(s.status).toBe(200);
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-attack-'));
    const staticDir = path.join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
    mkdirSync(path.join(dir, 'renderer-sibling'));
    writeFileSync(path.join(dir, 'renderer-sibling', 'secret.txt'), SECRET);
    writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    b = await startBridge({
      dbPath: path.join(dir, 'l.sqlite'),
      staticDir,
      inProcess: true,
      maxUpload: 1024 * 1024,
      workDir: path.join(dir, 'work'),
    });
    const r = await raw(b, `/?token=${b.token}`);
    cookie = /Set-Cookie: ([^;]+)/i.exec(r.body)![1]!;
  });
  afterAll(async () => {
    await b?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('never serves a file outside the static folder, however the path is written', async () => {
    const attacks = [
      '/..%2frenderer-sibling%2fsecret.txt',
      '/..%2Frenderer-sibling%2Fsecret.txt',
      '/%2e%2e/renderer-sibling/secret.txt',
      '/%2e%2e%2frenderer-sibling%2fsecret.txt',
      '/../renderer-sibling/secret.txt',
      '/..\\renderer-sibling\\secret.txt',
      '/..%5crenderer-sibling%5csecret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/secret.txt%00.html',
      '/%00',
    ];
    for (const a of attacks) {
      const r = await raw(b, a);
      console.log(`${a} → ${r.status}`);
      expect(r.body, a).not.toContain(SECRET);
    }
    expect((await raw(b, '/..%2frenderer-sibling%2fsecret.txt')).status).toBe(400);
    await alive();
  });

  it('a malformed percent-encoding is a 400 with a Chinese message, in a path or an upload name', async () => {
    const r = await raw(b, '/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/编码无效/);
    const up = await post(
      b,
      '/api/upload',
      { 'X-Taizhang': '1', Cookie: cookie, 'X-File-Name': '%E0%A4%A.xlsx' },
      (req) => req.end('x'),
    );
    expect(up.status).toBe(400);
    expect(up.body).toMatch(/编码无效/);
    await alive();
  });

  it('a folder asked for as a download is refused; the bridge lives on', async () => {
    const folder = path.join(b.workDir, 'downloads', 'a-folder');
    mkdirSync(folder, { recursive: true });
    for (const p of [folder, path.join(b.workDir, 'downloads'), `${folder}\0x`]) {
      const r = await raw(b, `/api/download?path=${encodeURIComponent(p)}`, { Cookie: cookie });
      console.log(`download ${JSON.stringify(p.slice(-12))} → ${r.status}`);
      expect([400, 404]).toContain(r.status);
    }
    await alive();
  });

  it('an upload over the limit and an upload cut off mid-way leave no partial file', async () => {
    const uploads = path.join(b.workDir, 'uploads');
    const files = () =>
      readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    const big = await post(
      b,
      '/api/upload',
      { 'X-Taizhang': '1', Cookie: cookie, 'X-File-Name': 'big.xlsx', 'Transfer-Encoding': 'chunked' },
      (req) => {
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = () => {
          while (sent < 3 * 1024 * 1024) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      },
    );
    console.log(`chunked 3 MB upload over a 1 MB limit → ${big.status}`);
    expect([0, 413]).toContain(big.status);
    await new Promise((r) => setTimeout(r, 200));
    expect(files()).toEqual([]);

    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: b.port,
        path: '/api/upload',
        method: 'POST',
        headers: { 'X-Taizhang': '1', Cookie: cookie, 'X-File-Name': 'cut.xlsx', 'Content-Length': '500000' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(100_000, 0x42), () => setTimeout(() => (req.destroy(), resolve()), 100));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(files()).toEqual([]);
    await alive();
  });

  it('stopping the bridge removes its temporary uploads', async () => {
    const uploads = path.join(b.workDir, 'uploads');
    expect(existsSync(uploads)).toBe(true);
    await b.close();
    expect(existsSync(uploads)).toBe(false);
  });
});
