// The operation names alone, without zod: the sandboxed preload bundles this file to expose
// one function per operation. contract.ts checks at compile time that the two lists agree.
export const OP_NAMES = [
  'app.info',
  'app.changes',
  'plan.parse',
  'plan.import',
  'plan.list',
  'task.facets',
  'task.query',
  'task.get',
  'task.correct',
  'task.extend',
  'task.close',
  'task.withdraw',
  'task.reopen',
  'task.attach',
  'task.evidence',
  'submission.make',
  'submission.import',
  'submission.inbox',
  'submission.resolve',
  'submission.review',
  'submission.dismiss',
  'submission.board',
  'bulletin.preview',
  'bulletin.setRequirements',
  'bulletin.export',
  'reminders.export',
  'supervision.export',
  'ledger.export',
  'overview.get',
  'settings.get',
  'settings.set',
  'settings.addAlias',
  'backup.create',
  'backup.restore',
  'job.cancel',
] as const;
export type OpNameList = (typeof OP_NAMES)[number];

/** Channel names of the Electron shell: one invoke channel per operation (`api:<op>`). */
export const IPC_PREFIX = 'api:';
export const IPC_PROGRESS = 'taizhang:progress';
export const IPC_NAVIGATE = 'taizhang:navigate';
export const IPC_PLATFORM = {
  pickFiles: 'platform:pickFiles',
  pickFolder: 'platform:pickFolder',
  saveFile: 'platform:saveFile',
  upload: 'platform:upload',
  showItem: 'platform:showItem',
} as const;
