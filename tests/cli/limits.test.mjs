// CLI limits: inputs too large to commit are generated here, in a temporary folder, and removed afterwards.
// The 2 GB file is sparse (made with truncate), so it costs no disk; the CLI must refuse it by its size,
// before reading it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const cli = process.env.PACTCHECK_CLI;
const fixtures = process.env.PACTCHECK_FIXTURES;
assert.ok(cli && existsSync(cli), `PACTCHECK_CLI must name the built binary (got ${cli})`);
assert.ok(fixtures && existsSync(fixtures), `PACTCHECK_FIXTURES must name fixtures/ (got ${fixtures})`);

const dir = mkdtempSync(join(tmpdir(), 'pactcheck-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const agreement = join(fixtures, 'hostile', 'agreement.json');
const events = join(fixtures, 'hostile', 'events.json');
const DEFAULT_MAX_INPUT = 512 * 1024 * 1024;

function run(args, options = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms, signal: r.signal };
}

test('a 2 GB file is refused by its size before it is read (check and validate)', () => {
  const big = join(dir, 'big-events.json');
  writeFileSync(big, '');
  truncateSync(big, 2 * 1024 ** 3);  // sparse: no blocks are written
  assert.equal(statSync(big).size, 2 * 1024 ** 3);
  for (const args of [['check', '--agreement', agreement, '--events', big], ['validate', big]]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${big}: error: '${big}' is 2147483648 bytes, over the limit of ${DEFAULT_MAX_INPUT} bytes ` +
                           '(--max-input-bytes) [io]\n');
    // Reading 2 GB would take seconds and 2 GB of memory; a refusal by size takes milliseconds.
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  }
});

test('standard input over --max-input-bytes is cut off with a message', () => {
  const r = run(['check', '--agreement', agreement, '--events', '-', '--max-input-bytes', '100000'],
    { input: Buffer.alloc(300_000, 0x20) });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, '-: error: standard input exceeds the limit of 100000 bytes (--max-input-bytes) [io]\n');
});

test('each --max-... flag lowers (or raises) its limit, for check and for validate', () => {
  const cases = [
    // Both documents obey the limits; check reads the agreement first.
    ['--max-depth', '3', /\.json#\/\S+: error: nesting deeper than 3 levels \(max_depth\) \[limit\.depth\]/],
    ['--max-string-bytes', '20', /\.json#\/\S+: error: string of \d+ bytes exceeds the limit of 20 bytes \(max_string_bytes\) \[limit\.string\]/],
    ['--max-events', '3', /events\.json#\/events\/3: error: more than 3 events \(max_events\) \[limit\.events\]/],
    ['--max-input-bytes', '1000', /over the limit of 1000 bytes \(--max-input-bytes\) \[io\]/],
  ];
  for (const [flag, value, message] of cases) {
    const checked = run(['check', '--agreement', agreement, '--events', events, flag, value]);
    assert.equal(checked.code, 2, `${flag} ${value}: ${checked.stderr}`);
    assert.match(checked.stderr, message);
    const validated = run(['validate', flag, value, events]);
    assert.equal(validated.code, 2, `validate ${flag} ${value}: ${validated.stderr}`);
    assert.match(validated.stderr, message);
  }
  // Raised above the defaults, the same inputs pass.
  const raised = run(['check', '--agreement', agreement, '--events', events, '--max-depth', '1000', '--max-string-bytes',
    '100000000', '--max-events', '10000000', '--max-input-bytes', '1000000000', '--as-of', '2020-12-01T12:00:00+04:00']);
  assert.equal(raised.code, 1, raised.stderr);
  assert.equal(run(['validate', '--max-depth', '1000', events]).code, 0);
});

test('a limit flag needs a whole number above 0', () => {
  for (const value of ['0', '-5', 'ten', '1.5', '99999999999999999999']) {
    for (const command of [['check', '--agreement', agreement, '--events', events], ['validate', events]]) {
      const r = run([...command, '--max-depth', value]);
      assert.equal(r.code, 2, `${command[0]} --max-depth ${value}`);
      assert.match(r.stderr, /^pactcheck: --max-depth needs a whole number above 0/);
    }
  }
});

test('a deeply nested 1 MB document and a 20 MB string are refused without a crash', () => {
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, '['.repeat(1_000_000));
  const r = run(['validate', deep]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /deep\.json#\/0\/0\/.*: error: nesting deeper than 64 levels \(max_depth\) \[limit\.depth\]/);
  const long = join(dir, 'long.json');
  const log = JSON.parse(readFileSync(events, 'utf8'));
  log.events[0].notes = 'x'.repeat(20 * 1024 * 1024);
  writeFileSync(long, JSON.stringify(log));
  const s = run(['check', '--agreement', agreement, '--events', long]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /long\.json#\/events\/0\/notes: error: string of 20971520 bytes exceeds the limit of 1048576 bytes/);
});
