// Every CLI command, in the order `help` lists them. Add a command: one file, one line here.
import type { Command } from '../registry';
import { parseCommand } from './parse';
import { templateCommand } from './template';
import { submissionImportCommand } from './submission';
import { planImportCommand } from './plan-import';
import { planListCommand } from './plan-list';
import { taskListCommand } from './task-list';
import { taskShowCommand } from './task-show';
import { taskCorrectCommand } from './task-correct';
import { taskExtendCommand } from './task-extend';
import { taskCloseCommand } from './task-close';
import { taskWithdrawCommand } from './task-withdraw';
import { taskReopenCommand } from './task-reopen';
import { ledgerExportCommand } from './ledger-export';
import { backupCommand } from './backup';
import { restoreCommand } from './restore';
import { bulletinCommand } from './bulletin';
import { remindCommand } from './remind';

export const commands: Command[] = [
  parseCommand,
  templateCommand,
  submissionImportCommand,
  planImportCommand,
  planListCommand,
  taskListCommand,
  taskShowCommand,
  taskCorrectCommand,
  taskExtendCommand,
  taskCloseCommand,
  taskWithdrawCommand,
  taskReopenCommand,
  ledgerExportCommand,
  backupCommand,
  restoreCommand,
  bulletinCommand,
  remindCommand,
];
