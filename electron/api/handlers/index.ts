// Every operation's implementation, checked against the contract: a missing or extra
// handler is a type error here.
import type { Handlers } from '../handler-types';
import { planHandlers } from './plans';
import { taskHandlers } from './tasks';
import { lifecycleHandlers } from './lifecycle';
import { settingsHandlers } from './settings';
import { overviewHandlers } from './overview';
import { submissionHandlers } from './submissions';
import { exportHandlers } from './exports';
import { jobHandlers } from './jobs';

export const handlers: Handlers = {
  ...planHandlers,
  ...taskHandlers,
  ...lifecycleHandlers,
  ...settingsHandlers,
  ...overviewHandlers,
  ...submissionHandlers,
  ...exportHandlers,
  ...jobHandlers,
};
