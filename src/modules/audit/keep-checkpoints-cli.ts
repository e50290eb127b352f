import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { keepCheckpoints, verifyCheckpointCredential, type KeptFile } from './checkpoint-keeper.js';

/**
 * `npm run audit:keep -- <registry URL> <file>`: keeps the registry's audit checkpoints in a
 * file of one's own and reports any sign of a rewrite (decision 0006). Exits 1 on a problem.
 */
async function main(): Promise<number> {
  const [base, file] = process.argv.slice(2);
  if (!base || !file) {
    process.stderr.write('usage: keep-checkpoints-cli <registry URL> <file>\n');
    return 2;
  }
  const kept: KeptFile = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as KeptFile)
    : { checkpoints: [] };
  const fetchJson = async (path: string): Promise<unknown> => {
    const res = await fetch(new URL(path, `${base.replace(/\/+$/, '')}/`));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };
  const report = await keepCheckpoints({
    kept,
    fetchJson,
    verifyCredential: verifyCheckpointCredential,
  });
  writeFileSync(file, `${JSON.stringify(report.kept, null, 2)}\n`);
  process.stdout.write(
    `${report.added} new checkpoint(s) kept; ${report.kept.checkpoints.length} in ${file}.\n`,
  );
  for (const problem of report.problems) process.stdout.write(`PROBLEM: ${problem}\n`);
  return report.problems.length > 0 ? 1 : 0;
}

process.exitCode = await main();
