import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the reliability specs leave their counts: one JSON line per fault or attack, in a temporary file
 * (`KIERTO_RELIABILITY_REPORT` to choose it). docs/reliability.md is written from a run of it.
 */
export const REPORT_FILE =
  process.env.KIERTO_RELIABILITY_REPORT ?? path.join(os.tmpdir(), 'kierto-reliability.jsonl');

export function report(what: string, counts: Record<string, number | string>): void {
  const line = JSON.stringify({ what, ...counts, at: new Date().toISOString() });
  fs.appendFileSync(REPORT_FILE, `${line}\n`);
  console.log(`reliability: ${line}`);
}
