import { readFileSync } from 'node:fs';

/**
 * A running process, told apart from a later one that reuses its pid: on Linux the start time
 * (`/proc/<pid>/stat`, field 22, in clock ticks since boot) goes with the pid; elsewhere it is `0` and
 * the pid alone is compared.
 */
export interface ProcessIdentity {
  pid: number;
  start: number;
}

export function ownIdentity(): ProcessIdentity {
  return { pid: process.pid, start: startTime(process.pid) ?? 0 };
}

/** False once the process is gone, or its pid now belongs to another process. */
export function isAlive({ pid, start }: ProcessIdentity): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(pid);
  return start === 0 || now === undefined || now === start;
}

/** Reads an identity written by `JSON.stringify(identity)`; anything else is `undefined`. */
export function parseIdentity(text: string): ProcessIdentity | undefined {
  try {
    const { pid, start } = JSON.parse(text) as Partial<ProcessIdentity>;
    if (Number.isInteger(pid) && typeof start === 'number') return { pid: pid!, start };
  } catch {
    // Not JSON: not one of ours.
  }
  return undefined;
}

function startTime(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const field = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return field === undefined ? undefined : Number(field);
  } catch {
    return undefined;
  }
}
