// CLI contract tests: every fixture case through the real binary (output bytes and exit codes), plus the
// usage, exit-code and located-error promises of `pactcheck --help`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const cli = process.env.PACTCHECK_CLI;
const fixtures = process.env.PACTCHECK_FIXTURES;
assert.ok(cli && existsSync(cli), `PACTCHECK_CLI must name the built binary (got ${cli})`);
assert.ok(fixtures && existsSync(fixtures), `PACTCHECK_FIXTURES must name fixtures/ (got ${fixtures})`);

function run(args, { cwd = fixtures, input } = {}) {
  const r = spawnSync(cli, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function flags(options) {
  const out = [];
  if (options.as_of) out.push('--as-of', options.as_of);
  if (options.known_at) out.push('--known-at', options.known_at);
  if (options.format) out.push('--format', options.format);
  for (const id of options.exclude ?? []) out.push('--exclude', id);
  if (options.strict) out.push('--strict');
  for (const [key, value] of Object.entries(options.limits ?? {})) out.push(`--${key.replaceAll('_', '-')}`, String(value));
  return out;
}

const cases = [];
for (const name of readdirSync(fixtures).sort()) {
  const manifest = join(fixtures, name, 'cases.json');
  if (!existsSync(manifest)) continue;
  for (const c of JSON.parse(readFileSync(manifest, 'utf8')).cases) cases.push({ fixture: name, ...c });
}

test('the corpus is not empty', () => {
  assert.ok(cases.length > 0, 'no fixture cases found');
});

// The command line a case runs as: check (the default), or import for "type": "import" (fixtures/README.md).
function caseArgs(c, dir, out) {
  const options = c.options ?? {};
  if (c.type === 'import') {
    assert.ok(options.source, `${c.fixture}/${c.name}: an import case names its source in options.source`);
    const args = ['import', options.source, c.events, '--mapping', c.mapping];
    if (c.account) args.push('--account', out);
    if (options.title) args.push('--title', options.title);
    if (options.strict) args.push('--strict');
    for (const [key, value] of Object.entries(options.limits ?? {})) args.push(`--${key.replaceAll('_', '-')}`, String(value));
    return args;
  }
  const args = ['check', '--agreement', c.agreement ?? 'agreement.json', '--events', c.events ?? 'events.json', ...flags(options)];
  if (c.mapping) args.push('--mapping', c.mapping);
  if (options.events_format === 'acled' || options.events_format === 'ucdp') args.push('--events-format', options.events_format);
  return args;
}

for (const c of cases) {
  test(`fixture ${c.fixture}/${c.name}`, () => {
    const dir = join(fixtures, c.fixture);
    const account = join(mkdtempSync(join(tmpdir(), 'pactcheck-cli-')), 'account.json');
    const r = run(caseArgs(c, dir, account), { cwd: dir });
    assert.equal(r.code, c.exit_code, r.stderr);
    const expected = readFileSync(join(dir, c.expected), 'utf8');
    const printed = (issue) => {
      // An empty pointer (the whole document) prints as the file name alone.
      const where = issue.line ? `${issue.file}:${issue.line}:${issue.column}`
        : issue.pointer ? `${issue.file}#${issue.pointer}` : issue.file;
      return `${where}: ${issue.severity}: ${issue.message}`;
    };
    if (c.exit_code === 2) {
      // Every expected issue is printed, located as file:line:column or file#pointer.
      for (const issue of JSON.parse(expected)) {
        assert.ok(r.stderr.includes(printed(issue)), `missing "${printed(issue)}" in:\n${r.stderr}`);
      }
      assert.equal(r.stdout, '');
    } else {
      assert.equal(r.stdout, expected);
    }
    if (c.type === 'import' && c.exit_code === 0) {
      for (const issue of c.warnings ? JSON.parse(readFileSync(join(dir, c.warnings), 'utf8')) : []) {
        assert.ok(r.stderr.includes(printed(issue)), `missing "${printed(issue)}" in:\n${r.stderr}`);
      }
      const counts = JSON.parse(readFileSync(join(dir, c.account), 'utf8'));
      assert.ok(r.stderr.endsWith(`${c.events}: ${counts.rows} row${counts.rows === 1 ? '' : 's'} read, ${counts.imported} imported, ` +
        `${counts.unmapped} kept as unmapped\n`), r.stderr);
      assert.equal(readFileSync(account, 'utf8'), readFileSync(join(dir, c.account), 'utf8'));
    }
    assert.ok(!r.stderr.includes('\r'), 'progress is shown on a terminal only');
  });
}

test('--help and --version exit 0', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /pactcheck check --agreement FILE --events FILE/);
  assert.match(help.stdout, /Exit codes: 0 no obligation violated, 1 at least one violated, 2 invalid input/);
  const version = run(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^pactcheck \d+\.\d+\.\d+\n$/);
});

test('usage errors exit 2 with a message', () => {
  for (const args of [[], ['frobnicate'], ['check'], ['check', '--agreement', 'x'], ['check', '--format', 'pdf'],
                      ['check', '--agreement', '-', '--events', '-'], ['check', '--max-depth', '0'], ['validate']]) {
    const r = run(args);
    assert.equal(r.code, 2, `args ${JSON.stringify(args)}`);
    assert.match(r.stderr, /^pactcheck: /);
  }
});

test('a missing file is exit 2 naming the file', () => {
  const r = run(['check', '--agreement', 'nope.json', '--events', 'nk-2020/events.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.json: error: cannot open/);
});

test('standard input, -o and validate', () => {
  const agreement = readFileSync(join(fixtures, 'nk-2020/agreement.json'), 'utf8');
  const viaStdin = run(['check', '--agreement', '-', '--events', 'nk-2020/events.json', '--as-of', '2020-12-31T23:59:00+04:00'],
                       { input: agreement });
  assert.equal(viaStdin.code, 1);
  assert.equal(JSON.parse(viaStdin.stdout).as_of, '2020-12-31T23:59:00+04:00');
  const dir = mkdtempSync(join(tmpdir(), 'pactcheck-cli-'));
  const out = join(dir, 'report.md');
  const toFile = run(['check', '--agreement', 'nk-2020/agreement.json', '--events', 'nk-2020/events.json',
                      '--as-of', '2020-12-31T23:59:00+04:00', '--format', 'markdown', '-o', out]);
  assert.equal(toFile.code, 1);
  assert.equal(toFile.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /^# Compliance report: /);
  const valid = run(['validate', 'nk-2020/agreement.json', 'nk-2020/events.json']);
  assert.equal(valid.code, 0, valid.stderr);
  assert.match(valid.stdout, /nk-2020\/agreement\.json: valid pactcheck\/agreement/);
});

test('malformed JSON is located by line and column; schema errors by JSON Pointer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pactcheck-cli-'));
  writeFileSync(join(dir, 'broken.json'), '{\n  "format": "pactcheck/events",\n  "version": 1\n  "events": []\n}\n');
  const broken = run(['validate', join(dir, 'broken.json')]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.json:4:\d+: error: malformed JSON/);
  const events = JSON.parse(readFileSync(join(fixtures, 'nk-2020/events.json'), 'utf8'));
  events.events[3].time = '2020-11-10T12:00:00';
  events.events.push({ ...events.events[0] });
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events, null, 2));
  const r = run(['check', '--agreement', 'nk-2020/agreement.json', '--events', join(dir, 'events.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /events\.json#\/events\/46\/id: error: duplicate event id "NK-001"/);
  assert.match(r.stderr, /events\.json#\/events\/3\/time: warning: .*no UTC offset/);
  const strict = run(['check', '--agreement', 'nk-2020/agreement.json', '--events', join(dir, 'events.json'), '--strict']);
  assert.equal(strict.code, 2);
});

test('an input over the size limit is refused before it is read', () => {
  const r = run(['check', '--agreement', 'nk-2020/agreement.json', '--events', 'nk-2020/events.json', '--max-input-bytes', '1000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /over the limit of 1000 bytes \(--max-input-bytes\)/);
});

test('validate --agreement --events prints exactly the warnings check prints for the files; --strict refuses exactly those', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pactcheck-cli-'));
  const log = JSON.parse(readFileSync(join(fixtures, 'hostile/events.json'), 'utf8'));
  const base = log.events[0];
  log.events.push({ ...base, id: 'E-UNKNOWN-PARTY', actors: [{ name: 'a unit', party: 'ZZ', role: 'perpetrator' }] });
  log.events.push({ ...base, id: 'E-UNKNOWN-OBLIGATION', effects: [{ kind: 'suspend', obligation: 'no-such' }] });
  const events = join(dir, 'events.json');
  writeFileSync(events, JSON.stringify(log, null, 2));
  const files = ['--agreement', 'hostile/agreement.json', '--events', events];
  const checked = run(['check', ...files, '--as-of', '2020-12-01T12:00:00+04:00', '--format', 'text']);
  assert.equal(checked.code, 1, checked.stderr);
  const warnings = checked.stderr.split('\n').filter(Boolean);
  assert.ok(warnings.some((w) => /\/events\/4\/actors\/0\/party: warning: undefined party "ZZ" \[ref\.party\]$/.test(w)), checked.stderr);
  assert.ok(warnings.some((w) => /\/events\/5\/effects\/0\/obligation: warning: undefined obligation "no-such" \[ref\.obligation\]$/.test(w)),
    checked.stderr);
  const validated = run(['validate', ...files]);
  assert.equal(validated.code, 0, validated.stderr);
  assert.deepEqual(validated.stderr.split('\n').filter(Boolean), warnings);
  assert.match(validated.stdout, /: valid, 6 events, 2 warnings\n$/);
  const strict = run(['validate', '--strict', ...files]);
  assert.equal(strict.code, 2);
  assert.deepEqual(strict.stderr.split('\n').filter(Boolean), warnings.map((w) => w.replace(': warning: ', ': error: ')));
  const strictCheck = run(['check', '--strict', ...files, '--as-of', '2020-12-01T12:00:00+04:00']);
  assert.equal(strictCheck.code, 2);
  assert.equal(strictCheck.stderr, strict.stderr);
  // A query is check's: validate says so rather than ignoring it.
  const query = run(['validate', ...files, '--as-of', '2020-12-01T12:00:00+04:00']);
  assert.equal(query.code, 2);
  assert.match(query.stderr, /validate reads the files only; --as-of is check's/);
  // One file on its own: --strict too.
  const alone = run(['validate', '--strict', 'hostile/agreement.json']);
  assert.equal(alone.code, 0, alone.stderr);
});
