// Every CLI command, in the order `help` lists them. Add a command: one file, one line here.
import type { Command } from '../registry';
import { parseCommand } from './parse';

export const commands: Command[] = [parseCommand];
