// How the renderer reaches the core: through Electron's preload (window.taizhang) or through
// the local web bridge over HTTP. Both give the same typed `api` (one async function per
// operation of electron/api/contract.ts) and the same file helpers, so screens never know
// which shell they run in.
import type {
  Api,
  ApiErrorShape,
  Envelope,
  FileRef,
  Input,
  OpName,
  Output,
  ProgressEvent,
} from '../../electron/api/contract';
import { OP_NAMES } from '../../electron/api/ops.std';

export interface PickOptions {
  title: string;
  /** extensions without dots: ['pdf','docx','txt'] */
  extensions: string[];
  multiple?: boolean;
}

/** What preload exposes (see electron/preload/index.ts). */
export interface ElectronBridge {
  api: Record<OpName, (input: unknown, job?: string) => Promise<Envelope<unknown>>>;
  pickFiles(o: PickOptions): Promise<FileRef[]>;
  pickFolder(o: { title: string }): Promise<string | null>;
  saveFile(o: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  upload(name: string, bytes: ArrayBuffer): Promise<FileRef>;
  showItem(path: string): Promise<void>;
  onProgress(cb: (e: ProgressEvent) => void): () => void;
  onNavigate(cb: (route: string) => void): () => void;
}

declare global {
  interface Window {
    taizhang?: ElectronBridge;
  }
}

export class ApiFailure extends Error {
  constructor(
    readonly error: ApiErrorShape,
    readonly op: string,
  ) {
    super(error.message);
  }
}

export interface Platform {
  shell: 'electron' | 'browser';
  call<K extends OpName>(op: K, input: Input<K>, job?: string): Promise<Output<K>>;
  /** choose files to read: native dialog, or the browser's file chooser (uploaded) */
  pickFiles(o: PickOptions): Promise<FileRef[]>;
  /** files dropped on the window or chosen in an <input type=file> */
  uploadFiles(files: File[]): Promise<FileRef[]>;
  /** a folder to write into (Electron); undefined in the browser (downloads); null if cancelled */
  pickFolder(title: string): Promise<string | null | undefined>;
  /** a file to write (Electron save dialog); undefined in the browser; null if cancelled */
  saveFile(title: string, defaultName: string, extensions: string[]): Promise<string | null | undefined>;
  /** hand written files to the clerk: downloads in the browser, "show in folder" in Electron */
  deliver(files: FileRef[]): void;
  downloadUrl(file: FileRef): string | null;
  showItem(file: FileRef): void;
  onProgress(cb: (e: ProgressEvent) => void): () => void;
}

function unwrap<T>(env: Envelope<unknown>, op: string): T {
  if (env.ok) return env.value as T;
  throw new ApiFailure(env.error, op);
}

function electronPlatform(tz: ElectronBridge): Platform {
  return {
    shell: 'electron',
    async call(op, input, job) {
      return unwrap(await tz.api[op](input, job), op);
    },
    pickFiles: (o) => tz.pickFiles(o),
    async uploadFiles(files) {
      return Promise.all(files.map(async (f) => tz.upload(f.name, await f.arrayBuffer())));
    },
    pickFolder: (title) => tz.pickFolder({ title }),
    saveFile: (title, defaultName, extensions) => tz.saveFile({ title, defaultName, extensions }),
    deliver() {
      /* already written where the clerk chose */
    },
    downloadUrl: () => null,
    showItem: (f) => void tz.showItem(f.path),
    onProgress: (cb) => tz.onProgress(cb),
  };
}

function browserPlatform(): Platform {
  let events: EventSource | null = null;
  const subscribers = new Set<(e: ProgressEvent) => void>();
  const headers = { 'Content-Type': 'application/json', 'X-Taizhang': '1' };
  const post = async (url: string, init: RequestInit): Promise<Envelope<unknown>> => {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', credentials: 'same-origin', ...init });
    } catch {
      return {
        ok: false,
        error: { code: 'NETWORK', message: '无法连接台账工作台的本机服务，请确认它仍在运行。' },
      };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: `HTTP_${res.status}`, message: `本机服务返回了无法识别的内容（${res.status}）。` },
      };
    }
  };
  const upload = async (f: File): Promise<FileRef> =>
    unwrap<FileRef>(
      await post('/api/upload', {
        headers: { 'X-Taizhang': '1', 'X-File-Name': encodeURIComponent(f.name) },
        body: f,
      }),
      'upload',
    );
  const downloadUrl = (f: FileRef) => `/api/download?path=${encodeURIComponent(f.path)}`;
  return {
    shell: 'browser',
    async call(op, input, job) {
      return unwrap(await post(`/api/call/${op}`, { headers, body: JSON.stringify({ input, job }) }), op);
    },
    pickFiles(o) {
      return new Promise((resolve, reject) => {
        const el = document.createElement('input');
        el.type = 'file';
        el.multiple = !!o.multiple;
        el.accept = o.extensions.map((e) => `.${e}`).join(',');
        el.style.display = 'none';
        el.addEventListener('change', () => {
          const files = [...(el.files ?? [])];
          el.remove();
          Promise.all(files.map(upload)).then(resolve, reject);
        });
        el.addEventListener('cancel', () => {
          el.remove();
          resolve([]);
        });
        document.body.append(el);
        el.click();
      });
    },
    uploadFiles: (files) => Promise.all(files.map(upload)),
    pickFolder: async () => undefined,
    saveFile: async () => undefined,
    deliver(files) {
      files.forEach((f, i) => {
        // one click per file; browsers allow a short burst of downloads started by one gesture
        setTimeout(() => {
          const a = document.createElement('a');
          a.href = downloadUrl(f);
          a.download = f.name;
          document.body.append(a);
          a.click();
          a.remove();
        }, i * 150);
      });
    },
    downloadUrl,
    showItem() {},
    onProgress(cb) {
      // one event stream for the page, opened on first use and kept open
      if (!events) {
        events = new EventSource('/api/events');
        events.onmessage = (m) => {
          let e: ProgressEvent;
          try {
            e = JSON.parse(m.data) as ProgressEvent;
          } catch {
            return;
          }
          for (const s of subscribers) s(e);
        };
      }
      subscribers.add(cb);
      return () => {
        subscribers.delete(cb);
      };
    },
  };
}

export const platform: Platform = window.taizhang ? electronPlatform(window.taizhang) : browserPlatform();

/** The typed API: `await api['task.query']({ ... })`. */
export const api = Object.fromEntries(
  OP_NAMES.map((op) => [op, (input: unknown) => platform.call(op, input as never)]),
) as unknown as Api;

let jobs = 0;
/** Long work: a job id so progress events can be shown for this call. */
export function withJob<K extends OpName>(
  op: K,
  input: Input<K>,
  onProgress: (e: ProgressEvent) => void,
): Promise<Output<K>> {
  const job = `j${Date.now().toString(36)}${++jobs}`;
  const off = platform.onProgress((e) => {
    if (e.job === job) onProgress(e);
  });
  return platform.call(op, input, job).finally(off);
}
