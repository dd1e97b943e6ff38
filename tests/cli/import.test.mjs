// CLI: pactcheck import acled|ucdp, and check --events FILE.csv --mapping: usage, output, the one-line account,
// located errors, standard input, the events format, a 10 MB field, and progress only on a terminal. (Every
// fixture case, import cases included, also runs through the CLI in cli.test.mjs.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const cli = process.env.PACTCHECK_CLI;
const fixtures = process.env.PACTCHECK_FIXTURES;
assert.ok(cli && existsSync(cli), `PACTCHECK_CLI must name the built binary (got ${cli})`);
assert.ok(fixtures && existsSync(fixtures), `PACTCHECK_FIXTURES must name fixtures/ (got ${fixtures})`);

const dir = mkdtempSync(join(tmpdir(), 'pactcheck-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const nk = join(fixtures, 'import-nk-2020');
const acled = join(nk, 'acled-nk-2020.csv');
const mapping = join(nk, 'mapping.json');
const agreement = join(fixtures, 'nk-2020', 'agreement.json');
const hostile = join(fixtures, 'hostile');

function run(args, options = {}) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000, ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('import writes the event log to standard output or -o, and one line of account to standard error', () => {
  const r = run(['import', 'acled', 'acled-nk-2020.csv', '--mapping', 'mapping.json'], { cwd: nk });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(join(nk, 'expected', 'acled.events.json'), 'utf8'));
  assert.equal(r.stderr, 'acled-nk-2020.csv: 18 rows read, 14 imported, 4 kept as unmapped\n');
  const out = join(dir, 'events.json');
  const account = join(dir, 'account.json');
  const toFile = run(['import', 'acled', 'acled-nk-2020.csv', '--mapping', 'mapping.json', '-o', out, '--account', account], { cwd: nk });
  assert.equal(toFile.code, 0, toFile.stderr);
  assert.equal(toFile.stdout, '');
  assert.equal(readFileSync(out, 'utf8'), r.stdout);
  assert.equal(readFileSync(account, 'utf8'), readFileSync(join(nk, 'expected', 'acled.account.json'), 'utf8'));
  // The written log checks like the CSV itself (the same events), and validates.
  const valid = run(['validate', out]);
  assert.equal(valid.code, 0, valid.stderr);
  const viaJson = run(['check', '--agreement', agreement, '--events', out, '--as-of', '2020-12-31T23:59:00+04:00', '--format', 'text']);
  const viaCsv = run(['check', '--agreement', agreement, '--events', 'acled-nk-2020.csv', '--mapping', 'mapping.json',
    '--as-of', '2020-12-31T23:59:00+04:00', '--format', 'text'], { cwd: nk });
  assert.equal(viaCsv.code, 1, viaCsv.stderr);
  assert.equal(viaJson.code, 1, viaJson.stderr);
  const statuses = (text) => text.split('\nBY PARTY')[0].split('\nSUMMARY')[1];
  assert.equal(statuses(viaJson.stdout), statuses(viaCsv.stdout));
});

test('import reads standard input; --title names the log', () => {
  const r = run(['import', 'acled', '-', '--mapping', mapping, '--title', 'From stdin'], { input: readFileSync(acled) });
  assert.equal(r.code, 0, r.stderr);
  const log = JSON.parse(r.stdout);
  assert.equal(log.title, 'From stdin');
  assert.equal(log.events[0].origin.file, '<stdin>');
  assert.match(r.stderr, /^<stdin>: 18 rows read, 14 imported, 4 kept as unmapped\n$/);
});

test('usage errors exit 2 with a message', () => {
  for (const args of [['import'], ['import', 'gdelt', acled, '--mapping', mapping], ['import', 'acled', acled],
                      ['import', 'acled', '--mapping', mapping], ['import', 'acled', acled, acled, '--mapping', mapping],
                      ['import', 'acled', acled, '--mapping', mapping, '--frobnicate'],
                      ['import', 'acled', '-', '--mapping', '-'],
                      ['check', '--agreement', agreement, '--events', acled],
                      ['check', '--agreement', agreement, '--events', join(fixtures, 'nk-2020', 'events.json'), '--mapping', mapping],
                      ['check', '--agreement', agreement, '--events', acled, '--mapping', mapping, '--events-format', 'xlsx']]) {
    const r = run(args);
    assert.equal(r.code, 2, `args ${JSON.stringify(args)}: ${r.stderr}`);
    assert.match(r.stderr, /^pactcheck: /, JSON.stringify(args));
    assert.equal(r.stdout, '');
  }
  const help = run(['--help']);
  assert.match(help.stdout, /pactcheck import acled\|ucdp FILE\.csv --mapping MAP\.json/);
  assert.match(help.stdout, /\[--mapping MAP\.json \[--events-format acled\|ucdp\]\]/);
});

test('the source named on the command line must be the mapping\'s, and --events-format must be too', () => {
  const r = run(['import', 'ucdp', acled, '--mapping', mapping]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /options#\/source: error: the file is read as ucdp but the mapping is for acled \[options\.source\]/);
  const c = run(['check', '--agreement', agreement, '--events', acled, '--mapping', mapping, '--events-format', 'ucdp']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /options#\/events_format: error: the events are given as ucdp but the mapping is for acled/);
  // --events-format acled reads a file whatever its name.
  const renamed = join(dir, 'acled-export.txt');
  writeFileSync(renamed, readFileSync(acled));
  const named = run(['check', '--agreement', agreement, '--events', renamed, '--mapping', mapping, '--events-format', 'acled',
    '--as-of', '2020-12-31T23:59:00+04:00']);
  assert.equal(named.code, 1, named.stderr);
  assert.equal(JSON.parse(named.stdout).event_log.title, 'Nagorno-Karabakh 2020-2021: an ACLED-layout export (imported)');
});

test('CSV and mapping problems are located: file:line:column in the CSV, file#pointer in the mapping', () => {
  const broken = join(dir, 'broken.csv');
  writeFileSync(broken, `${readFileSync(acled, 'utf8').split('\r\n').slice(0, 3).join('\r\n')}\r\nX,"2020\r\n`);
  const r = run(['import', 'acled', broken, '--mapping', mapping]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`${broken.replaceAll('.', '\\.')}:4:3: error: the quoted field that starts here has no closing quote`));
  assert.equal(r.stdout, '');
  const badMapping = join(dir, 'mapping.json');
  const m = JSON.parse(readFileSync(mapping, 'utf8'));
  m.actors['Military Forces of Armenia (2018-)'].party = 'ARM';
  writeFileSync(badMapping, JSON.stringify(m, null, 2));
  const c = run(['check', '--agreement', agreement, '--events', acled, '--mapping', badMapping]);
  assert.equal(c.code, 2);
  assert.ok(c.stderr.includes(`${badMapping}#/actors/Military Forces of Armenia (2018-)/party: error: "ARM" is not a party of agreement "nk-2020" [mapping.party]`),
    c.stderr);
  const notUtf8 = join(dir, 'latin1-mapping.json');
  writeFileSync(notUtf8, Buffer.concat([Buffer.from('{"title": "'), Buffer.from([0xE9]), Buffer.from('"}')]));
  const u = run(['check', '--agreement', agreement, '--events', acled, '--mapping', notUtf8]);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /latin1-mapping\.json: error: the mapping is not valid UTF-8/);
});

test('a 10 MB field is refused by --max-string-bytes (default 1 MiB), located, and accepted when it is raised', () => {
  const big = join(dir, 'big-field.csv');
  const csv = readFileSync(join(hostile, 'events.csv'), 'utf8');
  const lines = csv.split('\n');
  lines[1] = lines[1].replace('SYNTHETIC: an exchange of fire, reported by the mission.', 'x'.repeat(10 * 1024 * 1024));
  writeFileSync(big, lines.join('\n'));
  const r = run(['import', 'acled', big, '--mapping', join(hostile, 'mapping.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /big-field\.csv:2:\d+: error: field exceeds the limit of 1048576 bytes \(max_string_bytes\) \[limit\.string\]/);
  const raised = run(['import', 'acled', big, '--mapping', join(hostile, 'mapping.json'), '--max-string-bytes', String(16 << 20)]);
  assert.equal(raised.code, 0, raised.stderr.slice(0, 400));
  assert.equal(JSON.parse(raised.stdout).events[0].notes.length, 10 * 1024 * 1024);
  const checked = run(['check', '--agreement', join(hostile, 'agreement.json'), '--events', big, '--mapping', join(hostile, 'mapping.json')]);
  assert.equal(checked.code, 2);
  assert.match(checked.stderr, /\[limit\.string\]/);
});

test('progress shows on a terminal only: never in a pipe', (t) => {
  // A log big enough to take a moment: 60,000 rows.
  const base = readFileSync(join(hostile, 'events.csv'), 'utf8').split('\n');
  const rows = [base[0]];
  for (let i = 0; i < 60000; i += 1) rows.push(base[1].replace('E-001', `P-${i}`));
  const big = join(dir, 'many-rows.csv');
  writeFileSync(big, `${rows.join('\n')}\n`);
  const args = ['check', '--agreement', join(hostile, 'agreement.json'), '--events', big, '--mapping', join(hostile, 'mapping.json'),
    '--as-of', '2020-12-01T12:00:00+04:00'];
  const piped = run(args, { env: { ...process.env, PACTCHECK_PROGRESS_DELAY_MS: '0' } });
  assert.equal(piped.code, 1, piped.stderr.slice(0, 400));
  assert.equal(piped.stderr, '');
  // Under a pseudo-terminal (util-linux script), the same run shows its stages on standard error.
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (script.status !== 0) {
    t.skip('script(1) from util-linux is not installed');
    return;
  }
  const quoted = [cli, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const tty = spawnSync('script', ['-qec', `${quoted} >/dev/null`, '/dev/null'],
    { encoding: 'utf8', env: { ...process.env, PACTCHECK_PROGRESS_DELAY_MS: '0' }, timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(tty.status, 1, tty.stdout.slice(0, 400));
  assert.match(tty.stdout, /\rpactcheck: many-rows\.csv: importing rows, \d+% of \d+ (MB|kB)/);
  assert.match(tty.stdout, /reading events, \d+ so far/);
  assert.match(tty.stdout, /checking the obligations/);
});
