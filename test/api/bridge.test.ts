// The web bridge over HTTP: 127.0.0.1 only, a session cookie from the token, the request marker,
// uploads in, downloads out of its own folder only, progress as server-sent events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { bridgeRequest as request } from '../helpers/bridge-client';
import { SEED_TXT } from './helpers';

describe('web bridge', () => {
  let b: Bridge;
  let dir: string;
  let cookie = '';
  const api = (op: string, input: unknown, extra: Record<string, string> = {}) =>
    request(b, `/api/call/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Taizhang': '1', Cookie: cookie, ...extra },
      body: JSON.stringify({ input, job: 'j1' }),
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bridge-test-'));
    b = await startBridge({
      dbPath: path.join(dir, 'l.sqlite'),
      inProcess: true,
      checkOutputs: true,
      today: '2025-09-20',
    });
  });
  afterAll(async () => {
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie; a wrong token gets nothing', async () => {
    const bad = await request(b, '/?token=wrong');
    expect(bad.status).toBe(403);
    const r = await request(b, `/?token=${b.token}`);
    expect(r.status).toBe(303);
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0]!;
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses API calls without the cookie, the marker, or with a foreign Host', async () => {
    expect((await api('app.info', {}, { Cookie: '' })).status).toBe(401);
    expect(
      (
        await request(b, '/api/call/app.info', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect((await api('app.info', {}, { Host: 'evil.example:80' })).status).toBe(421);
    expect((await api('app.info', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const ok = await api('app.info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { shell: 'browser', tasks: 0 } });
  });

  it('reads only uploaded files and reports progress as server-sent events', async () => {
    const outside = JSON.parse((await api('plan.parse', { file: { path: SEED_TXT, name: 'x.txt' } })).body);
    expect(outside).toMatchObject({ ok: false, error: { code: 'FILE_NOT_ALLOWED' } });
    const up = JSON.parse(
      (
        await request(b, '/api/upload', {
          method: 'POST',
          headers: {
            'X-Taizhang': '1',
            Cookie: cookie,
            'X-File-Name': encodeURIComponent('../../开封方案.txt'),
          },
          body: readFileSync(SEED_TXT),
        })
      ).body,
    );
    expect(up.ok).toBe(true);
    expect(up.value.name).toBe('开封方案.txt');
    expect(up.value.path.startsWith(path.join(b.workDir, 'uploads'))).toBe(true);

    const events: string[] = [];
    const es = http.get(
      { host: '127.0.0.1', port: b.port, path: '/api/events', headers: { Cookie: cookie } },
      (res) => res.on('data', (c: Buffer) => events.push(c.toString('utf8'))),
    );
    await new Promise((r) => setTimeout(r, 100));
    const parsed = JSON.parse((await api('plan.parse', { file: up.value })).body);
    es.destroy();
    expect(parsed.ok).toBe(true);
    expect(parsed.value.document.plans).toHaveLength(4);
    expect(parsed.value.document.source.file).toBe('开封方案.txt');
    const progress = events
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    expect(progress.some((e) => e.job === 'j1' && e.op === 'plan.parse' && /开封方案/.test(e.message))).toBe(
      true,
    );
  });

  it('offers written files for download from its own folder only', async () => {
    await api('plan.import', {
      file: JSON.parse(
        (
          await request(b, '/api/upload', {
            method: 'POST',
            headers: { 'X-Taizhang': '1', Cookie: cookie, 'X-File-Name': 'seed.txt' },
            body: readFileSync(SEED_TXT),
          })
        ).body,
      ).value,
    });
    const out = JSON.parse((await api('bulletin.export', { period: '2025-08' })).body);
    expect(out.ok).toBe(true);
    const file = out.value.files[0];
    const dl = await request(b, `/api/download?path=${encodeURIComponent(file.path)}`, {
      headers: { Cookie: cookie },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(file.name)}`);
    const evil = await request(
      b,
      `/api/download?path=${encodeURIComponent(path.join(b.workDir, 'downloads/../../l.sqlite'))}`,
      { headers: { Cookie: cookie } },
    );
    expect(evil.status).toBe(404);
    const etc = await request(b, `/api/download?path=${encodeURIComponent('/etc/passwd')}`, {
      headers: { Cookie: cookie },
    });
    expect(etc.status).toBe(404);
    // a path from a save dialog is not something the browser can name
    const write = JSON.parse(
      (await api('bulletin.export', { period: '2025-08', outFile: path.join(dir, 'x.docx') })).body,
    );
    expect(write).toMatchObject({ ok: false, error: { code: 'FILE_NOT_ALLOWED' } });
  });
});
