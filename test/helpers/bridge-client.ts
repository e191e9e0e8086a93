// A client of the web bridge as the browser is one: the token exchanged for the session cookie,
// the request marker on every call, files uploaded before an operation names them.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startBridge, type Bridge } from '../../electron/bridge/server';

export interface BridgeClient {
  bridge: Bridge;
  /** one operation over HTTP; throws with the Chinese message when the envelope is an error */
  call<T = unknown>(op: string, input: unknown): Promise<T>;
  /** uploads a file under its own name; the FileRef operations take */
  upload(file: string): Promise<{ path: string; name: string; size?: number }>;
  close(): Promise<void>;
}

export interface BridgeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request to the bridge, for tests that look at statuses, headers and cookies. */
export function bridgeRequest(
  b: Bridge,
  p: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<BridgeResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: b.port,
        path: p,
        method: o.method ?? 'GET',
        headers: o.headers,
        // a connection per request: the CLI runs between calls for longer than the bridge keeps
        // an idle connection open (keepAliveTimeout), and a reused closed socket resets
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** The session cookie the bridge sets in exchange for its token, as `name=value`. */
export async function sessionCookie(b: Bridge): Promise<string> {
  const login = await bridgeRequest(b, `/?token=${b.token}`);
  return String(login.headers['set-cookie']).split(';')[0]!;
}

/** A bridge over the ledger file `dbPath` with the given clock, and a signed-in client. */
export async function bridgeClient(dbPath: string, today: string): Promise<BridgeClient> {
  const bridge = await startBridge({ dbPath, inProcess: true, checkOutputs: true, today });
  const cookie = await sessionCookie(bridge);
  const envelope = (body: string) => {
    const r = JSON.parse(body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
    return r.value;
  };
  return {
    bridge,
    async call<T>(op: string, input: unknown) {
      const r = await bridgeRequest(bridge, `/api/call/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Taizhang': '1', Cookie: cookie },
        body: JSON.stringify({ input }),
      });
      return envelope(r.body) as T;
    },
    async upload(file: string) {
      const r = await bridgeRequest(bridge, '/api/upload', {
        method: 'POST',
        headers: {
          'X-Taizhang': '1',
          Cookie: cookie,
          'X-File-Name': encodeURIComponent(path.basename(file)),
        },
        body: readFileSync(file),
      });
      return envelope(r.body) as { path: string; name: string };
    },
    close: () => bridge.close(),
  };
}
