// Where files come from and go to. The core takes paths; the shell decides which paths the
// renderer may name. Browser (bridge): inputs are uploads in the bridge's own folder and
// outputs are written to its download folder. Electron: paths the clerk chose in a native
// dialog (granted by main) or uploads of dropped files.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApiError } from './errors';
import type { FileRef } from './contract';

export interface FilePolicy {
  /** the absolute path of a file the renderer passed in; throws when it is not allowed */
  input(ref: FileRef): string;
  /** where to write one file: the requested path (from a save dialog) or a fresh download slot */
  output(name: string, requested?: string): string;
  /** where to write several files */
  outputDir(requested?: string): string;
  /** the name the renderer shows for a written file */
  ref(file: string): FileRef;
}

const inside = (dir: string, p: string): boolean => {
  const rel = path.relative(dir, p);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** Safe base name of an uploaded or suggested file (no folders, no control characters). */
export function safeName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim();
  return base && base !== '.' && base !== '..' ? base.slice(0, 180) : '文件';
}

/**
 * Files confined to a work folder: uploads/ for inputs, downloads/ for outputs. `granted`
 * (Electron) adds paths the clerk picked in dialogs.
 */
export function folderPolicy(
  workDir: string,
  granted?: { has(p: string): boolean },
): FilePolicy & { uploadsDir: string; downloadsDir: string } {
  const uploadsDir = path.join(workDir, 'uploads');
  const downloadsDir = path.join(workDir, 'downloads');
  mkdirSync(uploadsDir, { recursive: true });
  mkdirSync(downloadsDir, { recursive: true });
  const slot = (): string => {
    const d = path.join(downloadsDir, randomUUID());
    mkdirSync(d, { recursive: true });
    return d;
  };
  return {
    uploadsDir,
    downloadsDir,
    input(ref) {
      const p = path.resolve(ref.path);
      if (inside(uploadsDir, p) || granted?.has(p)) return p;
      throw new ApiError(
        'FILE_NOT_ALLOWED',
        `不能读取文件“${ref.name || path.basename(p)}”：请通过“选择文件”或拖放来提供文件。`,
      );
    },
    output(name, requested) {
      if (requested) {
        const p = path.resolve(requested);
        if (granted?.has(p)) return p;
        throw new ApiError(
          'FILE_NOT_ALLOWED',
          `不能写入“${path.basename(p)}”：请通过“另存为”对话框选择保存位置。`,
        );
      }
      return path.join(slot(), safeName(name));
    },
    outputDir(requested) {
      if (requested) {
        const p = path.resolve(requested);
        if (granted?.has(p)) return p;
        throw new ApiError(
          'FILE_NOT_ALLOWED',
          `不能写入文件夹“${path.basename(p)}”：请通过对话框选择文件夹。`,
        );
      }
      return slot();
    },
    ref(file) {
      return { path: file, name: path.basename(file) };
    },
  };
}

/** Tests and the CLI: any path goes. */
export function openPolicy(workDir: string): FilePolicy {
  const base = folderPolicy(workDir, { has: () => true });
  return {
    ...base,
    input: (ref) => path.resolve(ref.path),
  };
}
