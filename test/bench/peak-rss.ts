// A process's own peak resident memory. getrusage's maxRSS (process.resourceUsage) is wrong
// for a child of a big process on Linux: it keeps the high-water mark of the memory forked
// from the parent before the exec (a TXT parse started from the 1.4 GB bench process read 704
// MB). /proc/self/status VmHWM belongs to the address space the exec made; elsewhere maxRSS.
import { readFileSync } from 'node:fs';

/** Peak RSS in MiB of this process's own address space. */
export function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: getrusage below
  }
  return process.resourceUsage().maxRSS / 1024; // KiB
}
