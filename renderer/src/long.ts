import { useCallback, useState } from 'react';
import type { Input, OpName, Output } from '../../electron/api/contract';
import { withJob } from './platform';
import { useApp } from './app-context';

/** Runs long work with a progress display; errors become notices. Returns null on failure. */
export function useLong() {
  const app = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <K extends OpName>(op: K, input: Input<K>, label: string): Promise<Output<K> | null> => {
      setBusy(op);
      app.setProgress({ job: '', op, done: 0, total: 1, message: label });
      try {
        return await withJob(op, input, (e) => app.setProgress(e));
      } catch (e) {
        app.fail(e);
        return null;
      } finally {
        setBusy(null);
        app.setProgress(null);
      }
    },
    [app],
  );
  return { busy, run };
}
