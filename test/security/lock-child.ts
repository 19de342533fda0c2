// One of several processes racing for build locks, round after round: for round r it says `ready r`,
// spins until `<base>/go-r` exists, then does what a build does holding the lock (recovery, a staging
// folder, a short wait) and says whether another process was inside at the same time and whether its
// staging folder survived.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { acquireBuildLock, removeDeadLockFiles } from '../../src/publish/build-lock.ts';
import { createStaging, discard, recoverOutput } from '../../src/publish/publish.ts';

const [base = '', rounds = '0', holdMs = '0'] = process.argv.slice(2);
for (let round = 0; round < Number(rounds); round++) {
  const out = path.join(base, `out-${round}`);
  process.stdout.write(`ready ${round}\n`);
  while (!existsSync(path.join(base, `go-${round}`))) {
    // Spin: the racers must start within microseconds of each other.
  }
  const lock = await acquireBuildLock(out);
  const inside = path.join(out, 'inside');
  let overlap = false;
  try {
    writeFileSync(inside, String(process.pid), { flag: 'wx' });
  } catch {
    overlap = true;
  }
  await removeDeadLockFiles(out);
  await recoverOutput(out);
  const staging = await createStaging(out, lock.owner);
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  const stagingKept = existsSync(staging);
  if (!overlap) rmSync(inside);
  await discard(staging);
  await lock.release();
  process.stdout.write(`${JSON.stringify({ round, overlap, stagingKept })}\n`);
}
