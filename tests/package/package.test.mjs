// The npm package (build-wasm/package, docs/wasm.md "The npm package"): `npm pack` builds it, `npm install
// --offline <tarball>` installs it into an empty project, and node code there imports it by name and checks the
// 2020 fixture through it, getting the CLI's exact report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { FIXTURES_DIR, importModuleFactory, loadCorpus, SOURCE_DIR } from '../wasm/support.mjs';
import { packAndInstall } from './support.mjs';

const NK = join(FIXTURES_DIR, 'nk-2020');
const OPTIONS = { as_of: '2020-12-31T23:59:00+04:00', format: 'json' };
const EXPECTED = 'expected/as-of-2020-12-31.json';

let pkg;
before(() => { pkg = packAndInstall(); });
after(() => pkg?.cleanup());

test('npm pack builds an ES module package with the module, the .wasm, the types and a README', async () => {
  assert.deepEqual(pkg.packed.files.map((f) => f.path).sort(),
    ['README.md', 'package.json', 'pactcheck.d.mts', 'pactcheck.mjs', 'pactcheck.wasm']);
  const manifest = JSON.parse(readFileSync(join(pkg.installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'pactcheck');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.private, true, 'the package must not be publishable by accident');
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the package has no dependencies');
  // The version is the CMake project's, which is also what the module reports.
  const cmake = readFileSync(join(SOURCE_DIR, 'CMakeLists.txt'), 'utf8');
  assert.equal(manifest.version, /project\(pactcheck VERSION (\d+\.\d+\.\d+)/.exec(cmake)[1]);
  const module = await (await importModuleFactory())();
  assert.equal(manifest.version, module.version());
  assert.equal(pkg.packed.filename, `pactcheck-${manifest.version}.tgz`);
  // "exports" and "types" point at files that are there; the types are the hand-written declarations.
  assert.equal(manifest.exports['.'].default, './pactcheck.mjs');
  assert.equal(manifest.exports['.'].types, manifest.types);
  assert.equal(readFileSync(join(pkg.installed, manifest.types), 'utf8'),
    readFileSync(join(SOURCE_DIR, 'wasm', 'pactcheck.d.ts'), 'utf8'));
  assert.ok(readFileSync(join(pkg.installed, 'pactcheck.wasm')).subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])));
  const readme = readFileSync(join(pkg.installed, 'README.md'), 'utf8');
  assert.match(readme, /import createPactcheckModule from 'pactcheck';/, 'the README shows a node example');
  assert.match(readme, /node_modules\/pactcheck\/pactcheck\.mjs/, 'the README shows a browser example');
  // Resolving the bare name from the consuming project finds the module.
  const resolved = createRequire(join(pkg.app, 'index.js')).resolve('pactcheck');
  assert.equal(resolved, join(pkg.installed, 'pactcheck.mjs'));
});

test('node code in the consuming project imports "pactcheck" and checks the 2020 fixture: the CLI\'s report, byte for byte', () => {
  // A separate node process in the consuming project, importing the package by name as a user's code would.
  const script = join(pkg.app, 'check.mjs');
  writeFileSync(script, [
    "import { readFileSync } from 'node:fs';",
    "import createPactcheckModule from 'pactcheck';",
    'const [agreement, events, options] = process.argv.slice(2);',
    'const pactcheck = await createPactcheckModule();',
    'process.stdout.write(pactcheck.check(readFileSync(agreement), readFileSync(events), options));',
    '',
  ].join('\n'));
  const output = execFileSync(process.execPath, [script, join(NK, 'agreement.json'), join(NK, 'events.json'), JSON.stringify(OPTIONS)],
    { cwd: pkg.app, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60000 });
  const envelope = JSON.parse(output);
  const expectedCase = loadCorpus().find((c) => c.fixture === 'nk-2020' && c.expected === EXPECTED);
  assert.ok(expectedCase, `nk-2020/cases.json has no case for ${EXPECTED}`);
  assert.deepEqual(expectedCase.options, OPTIONS, 'the fixture case asks the same question');
  assert.equal(envelope.ok, true, JSON.stringify(envelope.issues));
  assert.equal(envelope.exit_code, expectedCase.exitCode);
  const expected = readFileSync(join(NK, EXPECTED));
  assert.ok(Buffer.from(envelope.rendered, 'utf8').equals(expected), 'the report differs from the expected bytes');
  assert.deepEqual(envelope.report, JSON.parse(expected.toString('utf8')));
});
