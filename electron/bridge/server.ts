// The local web bridge: the renderer in an ordinary browser, the same operations over HTTP on
// 127.0.0.1. Used by the end-to-end tests and by a browser on the same PC.
//
// Safety: listens on 127.0.0.1 only; a random session token is exchanged for a SameSite=Strict
// HttpOnly cookie on first visit; every API request must carry the cookie, a Host header naming
// 127.0.0.1/localhost (no DNS rebinding) and the X-Taizhang header (so another site's page
// cannot post to it without a CORS preflight, which is never granted). Files: inputs are
// uploads into the bridge's own folder, outputs are offered as downloads from its own folder.
import http from 'node:http';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { SECURITY_HEADERS } from '../main/security';
import { startServiceWorker, type ServiceClient } from '../api/host';
import { createService } from '../api/service';
import { folderPolicy, safeName } from '../api/files';
import type { ProgressEvent, OpName } from '../api/contract';

export interface BridgeOptions {
  dbPath: string;
  /** the built renderer (out/renderer); without it only the API is served */
  staticDir?: string;
  port?: number; // 0: any free port
  /** uploads and downloads; default: a fresh temp folder removed on close */
  workDir?: string;
  token?: string;
  today?: string;
  /** run the service in this thread instead of a worker (tests of the bridge itself) */
  inProcess?: boolean;
  checkOutputs?: boolean;
  version?: string;
  log?: (line: string) => void;
  /** largest upload in bytes (default 200 MB; tests set it small) */
  maxUpload?: number;
  /** a built service worker script (benchmarks: the bundled code the app runs) */
  workerScript?: string;
}

export interface Bridge {
  url: string; // http://127.0.0.1:PORT/
  /** open this once to get the session cookie */
  loginUrl: string;
  port: number;
  token: string;
  workDir: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.db': 'application/octet-stream',
};
const MAX_UPLOAD = 200 * 1024 * 1024;
const MAX_JSON = 64 * 1024 * 1024;
const COOKIE = 'tz_session';

/** A request the bridge refuses with a status and a Chinese message (never a crash). */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** decodeURIComponent that answers 400 instead of throwing "URI malformed". */
function decodeOr400(s: string, what: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new Refused(400, `${what}的编码无效（百分号编码格式错误）。`);
  }
}

/**
 * `file` lies inside `root`, compared by path segments (a sibling folder whose name starts
 * with the root's name, `renderer-sibling/`, is outside).
 */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false;
  return !rel.split(/[\\/]/).includes('..');
}

/**
 * The static file a URL path names: encoded separators (%2F %5C), NUL, backslashes and any
 * `..` segment (also written %2e%2e) are refused before the path is resolved.
 */
export function staticPath(root: string, rawPathname: string): string {
  if (/%(2f|5c|00)/i.test(rawPathname)) throw new Refused(400, '路径中不允许编码的分隔符。');
  const decoded = decodeOr400(rawPathname, '路径');
  if (decoded.includes('\0') || decoded.includes('\\')) throw new Refused(400, '路径中含有不允许的字符。');
  const segments = decoded.split('/').filter((x) => x !== '' && x !== '.');
  if (segments.includes('..')) throw new Refused(403, '不允许访问上级文件夹。');
  const file = path.resolve(root, ...segments);
  if (!isInside(root, file)) throw new Refused(403, '不允许访问界面文件夹以外的文件。');
  return file;
}

/** Streams a file into the response; a read error ends the response, never the process. */
function streamFile(file: string, res: http.ServerResponse): void {
  const s = createReadStream(file);
  s.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.destroy();
  });
  s.pipe(res);
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const ownWorkDir = !opts.workDir;
  const workDir = opts.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'taizhang-bridge-'));
  mkdirSync(workDir, { recursive: true });
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const policy = folderPolicy(workDir);
  const log = opts.log ?? (() => {});
  const maxUpload = opts.maxUpload ?? MAX_UPLOAD;

  let service: ServiceClient;
  if (opts.inProcess) {
    const s = createService({
      dbPath: opts.dbPath,
      shell: 'browser',
      files: policy,
      today: opts.today,
      checkOutputs: opts.checkOutputs,
      version: opts.version,
    });
    service = {
      call: (op, input, p, job) => s.call(op, input, p, job),
      grant: () => {},
      close: async () => s.close(),
    };
  } else {
    service = await startServiceWorker({
      workerScript: opts.workerScript,
      dbPath: opts.dbPath,
      shell: 'browser',
      workDir,
      today: opts.today,
      checkOutputs: opts.checkOutputs,
      version: opts.version,
    });
  }

  const listeners = new Set<http.ServerResponse>();
  const broadcast = (e: ProgressEvent) => {
    const data = `data: ${JSON.stringify(e)}\n\n`;
    for (const res of listeners) res.write(data);
  };

  let port = 0;
  const hostOk = (h: string | undefined) => !!h && (h === `127.0.0.1:${port}` || h === `localhost:${port}`);
  const cookieOk = (req: http.IncomingMessage) => {
    const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
    if (!m) return false;
    const a = Buffer.from(m[1]!),
      b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'application/json; charset=utf-8',
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(body);
  };
  const sendError = (res: http.ServerResponse, status: number, message: string) =>
    send(res, status, JSON.stringify({ ok: false, error: { code: `HTTP_${status}`, message } }));

  const readBody = async (req: http.IncomingMessage, limit: number): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n > limit) throw Object.assign(new Error('请求过大'), { status: 413 });
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks);
  };

  const serveStatic = (res: http.ServerResponse, pathname: string) => {
    if (!opts.staticDir) return send(res, 404, '未提供界面文件（staticDir）。', 'text/plain; charset=utf-8');
    const root = path.resolve(opts.staticDir);
    let file = staticPath(root, pathname);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) file = path.join(root, 'index.html');
    if (!existsSync(file)) return send(res, 404, '找不到界面文件。', 'text/plain; charset=utf-8');
    const ext = path.extname(file);
    const immutable = /[\\/]assets[\\/]/.test(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    streamFile(file, res);
  };

  const server = http.createServer(async (req, res) => {
    // a client that goes away mid-request must not raise an unhandled 'error'
    req.on('error', () => {});
    res.on('error', () => {});
    try {
      if (!hostOk(req.headers.host)) return sendError(res, 421, '只接受本机访问（127.0.0.1）。');
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      } catch {
        throw new Refused(400, '请求地址无效。');
      }
      const p = url.pathname;
      if (!p.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, '不支持的请求。');
        const t = url.searchParams.get('token');
        if (t !== null) {
          if (t !== token)
            return send(
              res,
              403,
              '访问令牌不正确。请使用台账工作台给出的地址打开。',
              'text/plain; charset=utf-8',
            );
          return send(res, 303, '', 'text/plain', {
            Location: '/',
            'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          });
        }
        if (!cookieOk(req) && (p === '/' || p.endsWith('.html'))) {
          return send(
            res,
            403,
            '请使用台账工作台给出的地址（含访问令牌）打开。',
            'text/plain; charset=utf-8',
          );
        }
        return serveStatic(res, p);
      }
      if (!cookieOk(req)) return sendError(res, 401, '会话已失效，请使用台账工作台给出的地址重新打开。');
      if (p === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': ok\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        res.on('error', () => listeners.delete(res));
        return;
      }
      if (p === '/api/download' && req.method === 'GET') {
        const asked = url.searchParams.get('path') ?? '';
        if (asked.includes('\0')) throw new Refused(400, '路径中含有不允许的字符。');
        const file = path.resolve(asked);
        const st = statSync(file, { throwIfNoEntry: false });
        if (
          !asked ||
          file === path.resolve(policy.downloadsDir) ||
          !isInside(policy.downloadsDir, file) ||
          !st
        )
          return sendError(res, 404, '找不到要下载的文件，可能已过期，请重新导出。');
        // a folder (or a device) is not a download: answer, never crash on the read stream
        if (!st.isFile()) return sendError(res, 400, '只能下载文件，不能下载文件夹。');
        const name = path.basename(file);
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': String(st.size),
          'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          'Cache-Control': 'no-store',
        });
        streamFile(file, res);
        return;
      }
      if (req.method !== 'POST') return sendError(res, 405, '不支持的请求。');
      if (req.headers['x-taizhang'] !== '1') return sendError(res, 403, '缺少请求标记。');
      if (p === '/api/upload') {
        const name = safeName(decodeOr400(String(req.headers['x-file-name'] ?? '文件'), '文件名'));
        const len = Number(req.headers['content-length'] ?? 0);
        if (len > maxUpload)
          return sendError(res, 413, `文件“${name}”过大（超过 ${maxUpload / 1048576} MB）。`);
        const dir = path.join(policy.uploadsDir, randomUUID());
        mkdirSync(dir);
        const file = path.join(dir, name);
        let n = 0;
        let tooLarge = false;
        const limit = new Transform({
          transform(c: Buffer, _enc, done) {
            n += c.length;
            if (n > maxUpload) {
              tooLarge = true;
              done(new Error('too large'));
            } else done(null, c);
          },
        });
        try {
          await pipeline(req, limit, createWriteStream(file));
        } catch {
          // a cut or oversized upload leaves nothing behind
          await rm(dir, { recursive: true, force: true });
          if (tooLarge) {
            res.setHeader('Connection', 'close');
            throw new Refused(413, `文件“${name}”过大（超过 ${maxUpload / 1048576} MB），未保存。`);
          }
          throw new Refused(400, `文件“${name}”上传中断，未保存。`);
        }
        return send(res, 200, JSON.stringify({ ok: true, value: { path: file, name } }));
      }
      const m = /^\/api\/call\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(p);
      if (!m) return sendError(res, 404, '未知的接口。');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return sendError(res, 415, '请求格式应为 JSON。');
      const body = JSON.parse((await readBody(req, MAX_JSON)).toString('utf8') || '{}') as {
        input?: unknown;
        job?: string;
      };
      const op = m[1] as OpName;
      const job = typeof body.job === 'string' ? body.job.slice(0, 64) : undefined;
      const started = Date.now();
      const envelope = await service.call(
        op,
        body.input ?? {},
        job ? (done, total, message) => broadcast({ job, op, done, total, message }) : undefined,
        job,
      );
      log(`${op} ${envelope.ok ? 'ok' : envelope.error.code} ${Date.now() - started}ms`);
      return send(res, 200, JSON.stringify(envelope));
    } catch (e) {
      const status =
        e instanceof Refused
          ? e.status
          : ((e as { status?: number }).status ?? (e instanceof SyntaxError ? 400 : 500));
      const message =
        e instanceof Refused
          ? e.message
          : e instanceof SyntaxError
            ? '请求内容不是有效的 JSON。'
            : `出错了：${(e as Error).message}`;
      try {
        if (!res.headersSent) sendError(res, status, message);
        else res.end();
      } catch {
        res.destroy();
      }
    }
  });
  server.keepAliveTimeout = 5000;
  // malformed HTTP from a client: answer 400 on that socket, keep serving everyone else
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    workDir,
    async close() {
      for (const r of listeners) r.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await service.close();
      // uploads are temporary copies of the clerk's files: never left behind
      if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
      else await rm(policy.uploadsDir, { recursive: true, force: true });
    },
  };
}
