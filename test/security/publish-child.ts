// A build in its own process that tells each publish step on stdout (`step backup site`, …) and can stop
// at one (`stopAt`) until it is killed, or slow every step by `slowMs`: the tests kill it there.
import { build } from '../../src/build.ts';

const [root = '', outDir = '', stopAt = '', slowMs = '0'] = process.argv.slice(2);
const result = await build({
  root,
  outDir,
  formats: ['site', 'epub'],
  onPublishStep: async (step) => {
    process.stdout.write(`step ${step}\n`);
    if (step === stopAt) await new Promise(() => setInterval(() => {}, 1000));
    await new Promise((resolve) => setTimeout(resolve, Number(slowMs)));
  },
});
process.stdout.write(`done ${result.ok} ${result.published.join(',')}\n`);
