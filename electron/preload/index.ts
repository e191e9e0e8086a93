// Preload (sandboxed, one CommonJS bundle): exposes narrow functions through contextBridge —
// one per operation of the contract, the file dialogs, upload of dropped files, progress and
// menu navigation. Never ipcRenderer itself, never an arbitrary channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_NAVIGATE, IPC_PLATFORM, IPC_PREFIX, IPC_PROGRESS, OP_NAMES } from '../api/ops.std';

const api: Record<string, (input: unknown, job?: string) => Promise<unknown>> = {};
for (const op of OP_NAMES) {
  api[op] = (input: unknown, job?: string) =>
    ipcRenderer.invoke(`${IPC_PREFIX}${op}`, { input, job: typeof job === 'string' ? job : undefined });
}

function listen(channel: string, cb: (value: unknown) => void): () => void {
  const handler = (_e: IpcRendererEvent, value: unknown) => cb(value);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

contextBridge.exposeInMainWorld('taizhang', {
  api: Object.freeze(api),
  pickFiles: (o: { title: string; extensions: string[]; multiple?: boolean }) =>
    ipcRenderer.invoke(IPC_PLATFORM.pickFiles, o),
  pickFolder: (o: { title: string }) => ipcRenderer.invoke(IPC_PLATFORM.pickFolder, o),
  saveFile: (o: { title: string; defaultName: string; extensions: string[] }) =>
    ipcRenderer.invoke(IPC_PLATFORM.saveFile, o),
  upload: (name: string, bytes: ArrayBuffer) => ipcRenderer.invoke(IPC_PLATFORM.upload, String(name), bytes),
  showItem: (p: string) => ipcRenderer.invoke(IPC_PLATFORM.showItem, String(p)),
  onProgress: (cb: (e: unknown) => void) => listen(IPC_PROGRESS, cb),
  onNavigate: (cb: (route: unknown) => void) => listen(IPC_NAVIGATE, cb),
});
