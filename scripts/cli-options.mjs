// The scripts' command-line options: node:util's parseArgs (an unknown option or a missing value is
// refused with a message), plus --help / -h, which prints the script's header comment, where each
// script says what it does and what its options mean.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @template {import('node:util').ParseArgsOptionsConfig} T
 * @param {string} scriptUrl the script's import.meta.url
 * @param {T} options
 */
export function cliOptions(scriptUrl, options) {
  const parse = () => parseArgs({ options: { ...options, help: { type: /** @type {const} */ ('boolean'), short: 'h' } } });
  /** @type {ReturnType<typeof parse>['values']} */
  let values;
  try {
    ({ values } = parse());
  } catch (e) {
    console.error(`${fileURLToPath(scriptUrl).replace(/^.*\//, '')}: ${e instanceof Error ? e.message : e} (--help lists the options)`);
    process.exit(2);
  }
  if ((/** @type {{ help?: boolean }} */ (values)).help) {
    const lines = readFileSync(fileURLToPath(scriptUrl), 'utf8').split('\n');
    const header = lines.slice(lines[0].startsWith('#!') ? 1 : 0);
    const end = header.findIndex((l) => !l.startsWith('//'));
    console.log(header.slice(0, end < 0 ? header.length : end).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  }
  return values;
}
