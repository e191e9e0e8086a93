// Answers of expensive reads kept until the ledger changes: 总览 at 100,000 tasks is seconds of
// SQLite work, and the clerk comes back to it between every other screen. The service drops
// them all whenever it drops the task index: after any writing operation, when another
// program's commit moves data_version, and when the ledger is reopened (restore).
export class ReadCache {
  private answers = new Map<string, unknown>();

  /** the answer for `key` computed since the last change, else computed now and kept */
  get<T>(key: string, compute: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const value = compute();
    this.answers.set(key, value);
    return value;
  }

  clear(): void {
    this.answers.clear();
  }
}
