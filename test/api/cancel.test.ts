// 取消 of long work (OCR of a scan), end to end: the service cancels a running plan.parse by
// its job id (job.cancel), through the web bridge whose service runs in the worker thread
// the Electron shell uses too (host.ts → worker.ts), and the CLI stops on Ctrl-C with its
// progress on stderr. The scan: pages 2–4 of the seed rendered by pdftoppm (make-scan.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { bridgeRequest, sessionCookie } from '../helpers/bridge-client';
import { makeScan } from '../core/ingest/ocr/make-scan';
import { ROOT, testService } from './helpers';

const MINUTES = 60_000;
let dir: string;
let scan: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-cancel-'));
  scan = path.join(dir, '扫描件.pdf');
  writeFileSync(
    scan,
    await makeScan(path.join(ROOT, 'seeds/kaifeng-2025-15.pdf'), { pages: [2, 4], sealOnPage: 0 }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cancelling the OCR of a scan', () => {
  it(
    'through the service: job.cancel stops plan.parse after the page being read',
    async () => {
      const t = testService();
      try {
        const pages: string[] = [];
        const cancels: boolean[] = [];
        const r = await t.service.call(
          'plan.parse',
          { file: { path: scan, name: '扫描件.pdf' } },
          (_done, _total, message) => {
            if (!/识别扫描件/.test(message)) return;
            pages.push(message);
            void t.service.call('job.cancel', { job: 'scan-1' }).then((c) => {
              if (c.ok) cancels.push((c.value as { cancelled: boolean }).cancelled);
            });
          },
          'scan-1',
        );
        expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
        expect(!r.ok && r.error.message).toMatch(/已取消.*扫描件\.pdf/);
        expect(pages).toEqual(['正在识别扫描件“扫描件.pdf”第 1/3 页…']); // stopped inside page 2
        expect(cancels[0]).toBe(true);
        // nothing runs under that id any more; an unknown id cancels nothing
        expect(await t.call('job.cancel', { job: 'scan-1' })).toEqual({ cancelled: false });
        expect(await t.call('job.cancel', { job: 'nobody' })).toEqual({ cancelled: false });
      } finally {
        t.close();
      }
    },
    10 * MINUTES,
  );

  it(
    'through the web bridge and the worker thread: the progress stream, then 取消',
    async () => {
      const b: Bridge = await startBridge({
        dbPath: path.join(dir, 'l.sqlite'),
        checkOutputs: true,
        today: '2025-09-20',
      });
      try {
        const request = (
          p: string,
          o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
        ) => bridgeRequest(b, p, o);
        const cookie = await sessionCookie(b);
        const call = (op: string, input: unknown, job?: string) =>
          request(`/api/call/${op}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Taizhang': '1', Cookie: cookie },
            body: JSON.stringify({ input, job }),
          }).then((r) => JSON.parse(r.body));
        const up = JSON.parse(
          (
            await request('/api/upload', {
              method: 'POST',
              headers: { 'X-Taizhang': '1', Cookie: cookie, 'X-File-Name': encodeURIComponent('扫描件.pdf') },
              body: readFileSync(scan),
            })
          ).body,
        );
        let cancelled: Promise<unknown> | null = null;
        const es = http.get(
          { host: '127.0.0.1', port: b.port, path: '/api/events', headers: { Cookie: cookie } },
          (res) =>
            res.on('data', (c: Buffer) => {
              // the clerk sees 第 1/3 页 and presses 取消
              if (!cancelled && /识别扫描件.*第 1\/3 页/.test(c.toString('utf8')))
                cancelled = call('job.cancel', { job: 'j-scan' });
            }),
        );
        await new Promise((r) => setTimeout(r, 100));
        const parsed = await call('plan.parse', { file: up.value }, 'j-scan');
        es.destroy();
        expect(parsed).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
        expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
      } finally {
        await b.close();
      }
    },
    10 * MINUTES,
  );

  it(
    'in the CLI: progress on stderr, Ctrl-C stops cleanly with code 130',
    async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'electron/cli/main.ts'), 'parse', scan],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '',
        err = '',
        sent = false;
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString('utf8');
        // one Ctrl-C (a second one would end the process the hard way, as in any shell)
        if (!sent && /文字识别：第 1\/3 页/.test(err)) sent = child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(err).toContain('文字识别：第 1/3 页');
      expect(err).not.toContain('第 3/3 页');
      expect(err).toMatch(/已取消/);
      expect(code).toBe(130);
      expect(out).toBe(''); // no half parse on stdout
    },
    10 * MINUTES,
  );
});
