/**
 * The crash and race soak of issue 9 ("Nothing lost, ever"), run by `npm run bench -- --only
 * soak [--seed N]`: 30 SIGKILLs of the browser host under concurrent edit/create/delete
 * (bench/hostKillSoak.ts) and 10 of the CLI in the middle of an import of 1,500 articles
 * (bench/importKillSoak.ts).
 * Bounded (about three minutes). Prints the seed first, every finding with the round, operation,
 * article and span it concerns, and returns the figures for the bench table; never asserted.
 * The same seed replays the same choices (which operations, which spans, when to kill); the
 * interleaving of the clients still depends on the machine.
 */
import { median, type Figure } from './nodeBench';
import { soakHostKills } from './hostKillSoak';
import { soakImportKills } from './importKillSoak';

export interface SoakOptions {
  seed?: number;
}

const MAX_PRINTED_FINDINGS = 40;

function printFindings(title: string, findings: readonly string[]) {
  if (!findings.length) return;
  console.log(`\n  ${title}: ${findings.length} findings`);
  for (const f of findings.slice(0, MAX_PRINTED_FINDINGS)) console.log(`    ${f}`);
  if (findings.length > MAX_PRINTED_FINDINGS) console.log(`    … and ${findings.length - MAX_PRINTED_FINDINGS} more`);
}

export async function benchSoak(options: SoakOptions = {}): Promise<Figure[]> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  process.stdout.write(`seed ${seed} (repeat with --seed ${seed}) `);
  const host = await soakHostKills({ seed, kills: 30, clients: 6, killAfterMs: [200, 1500], bigBatch: 4000 });
  const cli = await soakImportKills({ seed, kills: 10, imported: 1500, existing: 40 });
  printFindings('host kills', host.findings);
  printFindings('CLI import kills', cli.findings);
  if (host.findings.length || cli.findings.length) console.log('');
  // Counts: unit '' (printed as whole numbers).
  const n = (name: string, value: number, goal?: string): Figure => ({ name, value, unit: '', ...(goal ? { goal } : {}) });
  return [
    n('host: kills (SIGKILL, restart, check)', host.kills),
    { name: 'host: kill to restarted host answering (median)', value: median(host.restartMs), unit: 'ms' },
    { name: 'host: check after a restart (median)', value: median(host.verifyMs), unit: 'ms' },
    n('host: acknowledged edit requests', host.ackedEdits),
    n('host: acknowledged span changes (incl. 4,000-span batches)', host.ackedSpanChanges),
    n('host: acknowledged 4,000-span batches (journal line > 512 KiB)', host.bigBatchesAcked),
    n('host: acknowledged creates / deletes', host.ackedCreates + host.ackedDeletes),
    n('host: operations in flight at a kill (either outcome accepted)', host.inFlightAtKill),
    n('host: acknowledged span changes lost', host.editsLost, '0'),
    n('host: articles lost (acknowledged, then missing)', host.articlesLost, '0'),
    n('host: articles duplicated', host.articlesDuplicated, '0'),
    n('host: deleted articles back after restart', host.articlesResurrected, '0'),
    n('host: articles never created, listed', host.unknownArticles, '0'),
    n('host: spans nobody added, present', host.phantomSpans, '0'),
    n('host: batches landed in part', host.tornBatches, '0'),
    n('host: corrupt articles after restart', host.corruptArticles, '0'),
    n('host: files left behind after restart (distinct)', host.leftoverFiles.length, '0'),
    n('cli: import runs killed', cli.kills),
    n('cli: import runs finished before the kill', cli.endedBeforeKill),
    n('cli: runs committed (all of the import listed)', cli.committed),
    n('cli: runs rolled back (none of it listed)', cli.rolledBack),
    n('cli: imports landed in part', cli.partial, '0'),
    n('cli: old articles damaged', cli.oldArticlesDamaged, '0'),
    n('cli: corrupt articles after reopen', cli.corruptArticles, '0'),
    n('cli: workspaces that would not open', cli.unopenable, '0'),
    n('cli: files left behind after reopen', cli.leftoverFiles, '0'),
  ];
}
