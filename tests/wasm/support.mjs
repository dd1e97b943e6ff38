// Shared helpers for the node tests of the WebAssembly module: where things are, the fixture corpus, and
// byte-exact comparison with a readable failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const SOURCE_DIR = resolve(process.env.PACTCHECK_SOURCE_DIR ?? join(here, '..', '..'));
export const FIXTURES_DIR = resolve(process.env.PACTCHECK_FIXTURES ?? join(SOURCE_DIR, 'fixtures'));
export const MODULE_PATH = resolve(process.env.PACTCHECK_MODULE ?? join(SOURCE_DIR, 'build-wasm', 'wasm', 'pactcheck.mjs'));
export const WEB_DIR = resolve(process.env.PACTCHECK_WEB_DIR ?? join(SOURCE_DIR, 'build-wasm', 'web'));

export async function importModuleFactory(path = MODULE_PATH) {
  if (!existsSync(path)) throw new Error(`${path} does not exist: build the wasm tree first (cmake --build build-wasm)`);
  return (await import(pathToFileURL(path).href)).default;
}

// Every case of every fixture: [{fixture, dir, name, type, agreementFile, eventsFile, mappingFile, options, exitCode,
// expected, account, warnings}]. `type` is "check" (the default) or "import" (fixtures/README.md).
// Throws (failing the suite loudly) when the corpus is missing or a manifest is malformed.
export function loadCorpus(root = FIXTURES_DIR) {
  if (!existsSync(root)) throw new Error(`fixture corpus ${root} does not exist`);
  const cases = [];
  for (const fixture of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(root, fixture);
    const manifestPath = join(dir, 'cases.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (!Array.isArray(manifest.cases)) throw new Error(`${manifestPath}: "cases" must be an array`);
    for (const c of manifest.cases) {
      cases.push({
        fixture,
        dir,
        name: c.name,
        type: c.type ?? 'check',
        agreementFile: c.agreement ?? 'agreement.json',
        eventsFile: c.events ?? 'events.json',
        mappingFile: c.mapping ?? null,
        options: c.options ?? {},
        exitCode: c.exit_code,
        expected: c.expected,
        account: c.account ?? null,
        warnings: c.warnings ?? null,
      });
    }
  }
  return cases;
}

// The options a case runs with: its own, plus the input names the CLI would report issues under, and for a
// check of CSV events the mapping's text.
export function caseOptions(c) {
  if (c.type === 'import') return { ...c.options, events_name: c.eventsFile, mapping_name: c.mappingFile };
  const options = { ...c.options, agreement_name: c.agreementFile, events_name: c.eventsFile };
  if (c.mappingFile) {
    options.mapping = readFileSync(join(c.dir, c.mappingFile), 'utf8');
    options.mapping_name = c.mappingFile;
  }
  return options;
}

// Throws an AssertionError-like message showing the first differing line, or nothing when equal byte for byte.
export function explainDifference(actual, expected, label) {
  const a = Buffer.from(actual, 'utf8');
  if (a.equals(expected)) return null;
  const actualLines = actual.split('\n');
  const expectedLines = expected.toString('utf8').split('\n');
  let line = 0;
  while (line < actualLines.length && line < expectedLines.length && actualLines[line] === expectedLines[line]) line += 1;
  return `${label}: output differs from the expected bytes (${a.length} bytes vs ${expected.length}), first at line ${line + 1}:\n` +
    `  expected: ${JSON.stringify(expectedLines[line] ?? '<end of file>')}\n` +
    `  actual:   ${JSON.stringify(actualLines[line] ?? '<end of output>')}`;
}
