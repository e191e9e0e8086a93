import { useState, type DragEvent } from 'react';
import type { FileRef } from '../../../electron/api/contract';
import { platform } from '../platform';
import { useApp } from '../app-context';

interface Props {
  title: string;
  hint: string;
  extensions: string[];
  multiple?: boolean;
  busy?: boolean;
  onFiles(files: FileRef[]): void;
  testId?: string;
}

/** Drop files here or choose them: native dialog in Electron, the file chooser in a browser. */
export function Dropzone({ title, hint, extensions, multiple, busy, onFiles, testId }: Props) {
  const app = useApp();
  const [over, setOver] = useState(false);
  const accept = (names: string[]) =>
    names.filter((n) => extensions.includes(n.split('.').pop()?.toLowerCase() ?? ''));

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    const ok = files.filter((f) => accept([f.name]).length);
    const bad = files.filter((f) => !accept([f.name]).length);
    if (bad.length)
      app.notify(
        'error',
        `不支持的文件：${bad.map((f) => f.name).join('、')}。请选择 ${extensions.map((x) => x.toUpperCase()).join('、')} 文件。`,
      );
    if (!ok.length) return;
    try {
      onFiles(await platform.uploadFiles(multiple ? ok : ok.slice(0, 1)));
    } catch (err) {
      app.fail(err);
    }
  };

  const choose = async () => {
    try {
      const files = await platform.pickFiles({ title, extensions, multiple });
      if (files.length) onFiles(files);
    } catch (err) {
      app.fail(err);
    }
  };

  return (
    <div
      className={`dropzone${over ? ' over' : ''}${busy ? ' busy' : ''}`}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="dz-title">{title}</div>
      <div className="dz-hint">{hint}</div>
      <button className="primary" onClick={choose} disabled={busy}>
        选择文件…
      </button>
    </div>
  );
}
