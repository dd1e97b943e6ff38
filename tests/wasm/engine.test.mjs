// web/engine.mjs, the facade the page's worker uses, under node against the real module in the build's web
// folder: parsed envelopes, every input kind, size refusal, and recovery from traps and aborts (a failing call
// answers with an envelope, and the next call runs on a fresh module).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { FIXTURES_DIR, WEB_DIR } from './support.mjs';

const enginePath = join(WEB_DIR, 'engine.mjs');
assert.ok(existsSync(enginePath), `${enginePath} does not exist: build the wasm tree first`);
const engine = await import(pathToFileURL(enginePath).href);
const realFactory = (await import(pathToFileURL(join(WEB_DIR, 'pactcheck.mjs')).href)).default;

const agreement = readFileSync(join(FIXTURES_DIR, 'nk-2020', 'agreement.json'), 'utf8');
const events = readFileSync(join(FIXTURES_DIR, 'nk-2020', 'events.json'), 'utf8');
const AS_OF = '2020-12-31T23:59:00+04:00';

// A factory whose module misbehaves on demand: `bombs.check = n` makes the next n check() calls throw `what`.
function trappingFactory(bombs) {
  return async (options) => {
    const module = await realFactory(options);
    const wrap = (target, name) => {
      const original = target[name];
      target[name] = function wrapped(...args) {
        if (bombs[name] > 0) {
          bombs[name] -= 1;
          throw bombs.what;
        }
        return original.apply(this, args);
      };
    };
    wrap(module, 'check');
    wrap(module.Session.prototype, 'report');
    return module;
  };
}

describe('the default engine', () => {
  test('answers with parsed envelopes', async () => {
    const envelope = await engine.check(agreement, events, { as_of: AS_OF });
    assert.equal(envelope.ok, true, JSON.stringify(envelope.issues));
    assert.equal(envelope.report.as_of, AS_OF);
    assert.equal(typeof await engine.version(), 'string');
    const valid = await engine.validate(events);
    assert.equal(valid.ok, true);
  });

  test('takes strings, bytes, ArrayBuffers and options as objects or text alike', async () => {
    const bytes = new TextEncoder().encode(events);
    const viaString = await engine.check(agreement, events, { as_of: AS_OF });
    const viaBytes = await engine.check(new TextEncoder().encode(agreement), bytes, JSON.stringify({ as_of: AS_OF }));
    const viaBuffer = await engine.check(agreement, bytes.slice().buffer, { as_of: AS_OF });
    assert.equal(viaBytes.rendered, viaString.rendered);
    assert.equal(viaBuffer.rendered, viaString.rendered);
    await assert.rejects(() => engine.check(agreement, 42), TypeError);
  });

  test('malformed input is an envelope with located issues', async () => {
    const envelope = await engine.check('{"format": ', events, { agreement_name: 'a.json' });
    assert.equal(envelope.ok, false);
    assert.equal(envelope.exit_code, 2);
    assert.ok(envelope.issues.some((i) => i.file === 'a.json' && i.line > 0), JSON.stringify(envelope.issues));
  });

  test('a session answers like check() and lists its timeline', async () => {
    const session = await engine.openSession(agreement, events);
    try {
      assert.equal(session.ok, true);
      const timeline = await session.timeline();
      assert.ok(timeline.length > 0);
      const viaSession = await session.report({ as_of: AS_OF, exclude: ['NK-020'] });
      const viaCheck = await engine.check(agreement, events, { as_of: AS_OF, exclude: ['NK-020'] });
      assert.equal(viaSession.rendered, viaCheck.rendered);
    } finally {
      session.close();
    }
  });

  test('a session over broken input says why', async () => {
    const session = await engine.openSession(agreement, '[');
    assert.equal(session.ok, false);
    assert.equal(session.envelope.exit_code, 2);
    assert.deepEqual(await session.report({}), session.envelope);
    assert.deepEqual(await session.timeline(), []);
    session.close();
  });
});

describe('CSV exports through the facade', () => {
  const nkImport = join(FIXTURES_DIR, 'import-nk-2020');
  const csv = readFileSync(join(nkImport, 'acled-nk-2020.csv'));
  const mapping = readFileSync(join(nkImport, 'mapping.json'), 'utf8');

  test('importEvents gives the import envelope: the log the CLI writes, and the account of every row', async () => {
    const envelope = await engine.importEvents(csv, mapping, { events_name: 'acled-nk-2020.csv', source: 'acled' });
    assert.equal(envelope.ok, true, JSON.stringify(envelope.issues));
    assert.equal(envelope.rendered, readFileSync(join(nkImport, 'expected', 'acled.events.json'), 'utf8'));
    assert.equal(`${JSON.stringify(envelope.account, null, 2)}\n`, readFileSync(join(nkImport, 'expected', 'acled.account.json'), 'utf8'));
    assert.equal(envelope.account.by_row.length, 18);
  });

  test('a session opens on the CSV with its mapping, as the page opens it', async () => {
    const session = await engine.openSession(agreement, csv, { events_format: 'csv', mapping, events_name: 'acled-nk-2020.csv' });
    try {
      assert.equal(session.ok, true, JSON.stringify(session.envelope));
      const report = await session.report({ as_of: AS_OF, format: 'json' });
      const direct = await engine.check(agreement, csv, { events_format: 'csv', mapping, events_name: 'acled-nk-2020.csv', as_of: AS_OF });
      assert.equal(report.rendered, direct.rendered);
    } finally {
      session.close();
    }
  });

  test('a CSV over the size limit is refused before it reaches the module', async () => {
    let created = 0;
    const mine = engine.createEngine({ maxInputBytes: 1000, factory: (options) => { created += 1; return realFactory(options); } });
    const refused = await mine.importEvents(csv, mapping, { events_name: 'big.csv' });
    assert.equal(refused.exit_code, 2);
    assert.equal(refused.issues[0].code, 'limits.input_bytes');
    assert.equal(refused.issues[0].file, 'big.csv');
    assert.equal(created, 0);
  });
});

describe('recovery', () => {
  for (const [label, what] of [
    ['a WebAssembly trap', new WebAssembly.RuntimeError('unreachable executed')],
    ['an escaped C++ exception (a bare number)', 5257256],
    ['an abort', new WebAssembly.RuntimeError('Aborted(OOM)')],
  ]) {
    test(`${label} becomes an envelope and the next call runs on a fresh module`, async () => {
      const bombs = { check: 1, report: 0, what };
      const mine = engine.createEngine({ factory: trappingFactory(bombs) });
      const failed = await mine.check(agreement, events, { as_of: AS_OF });
      assert.equal(failed.ok, false);
      assert.equal(failed.exit_code, 3);
      assert.equal(failed.issues[0].code, 'module.trap');
      assert.equal(mine.stats().restarts, 1);
      const fine = await mine.check(agreement, events, { as_of: AS_OF });
      assert.equal(fine.ok, true, JSON.stringify(fine.issues));
    });
  }

  test('an open session re-opens itself on the fresh module', async () => {
    const bombs = { check: 0, report: 0, what: new WebAssembly.RuntimeError('unreachable') };
    const mine = engine.createEngine({ factory: trappingFactory(bombs) });
    const session = await mine.openSession(agreement, events);
    const before = await session.report({ as_of: AS_OF });
    bombs.report = 1;
    const failed = await session.report({ as_of: AS_OF });
    assert.equal(failed.exit_code, 3);
    const after = await session.report({ as_of: AS_OF });
    assert.equal(after.rendered, before.rendered);
    assert.equal(mine.stats().restarts, 1);
    session.close();
  });

  test('a real out-of-memory abort (a document too big for the 2 GB heap) is survived', async () => {
    // Lift the facade's own size guard so that the input reaches the module and exhausts its heap.
    const mine = engine.createEngine({ maxInputBytes: 2 ** 31, moduleOptions: { printErr: () => {} } });
    const huge = `[${'1,'.repeat(100 * 1024 * 1024)}1]`; // 200 MB of tiny numbers: a DOM far larger than 2 GB
    const failed = await mine.check(huge, events, {});
    assert.equal(failed.ok, false);
    assert.equal(failed.exit_code, 3, JSON.stringify(failed.issues));
    assert.equal(failed.issues[0].code, 'module.trap');
    assert.equal(mine.stats().restarts, 1);
    const fine = await mine.check(agreement, events, { as_of: AS_OF });
    assert.equal(fine.ok, true);
  });

  test('input over the size limit is refused before it reaches the module', async () => {
    let created = 0;
    const mine = engine.createEngine({
      maxInputBytes: 1000,
      factory: (options) => { created += 1; return realFactory(options); },
    });
    const refused = await mine.check(agreement, events, {});
    assert.equal(refused.ok, false);
    assert.equal(refused.exit_code, 2);
    assert.equal(refused.issues[0].code, 'limits.input_bytes');
    assert.equal(created, 0, 'the module was loaded for input it should have refused');
    const session = await mine.openSession(agreement, events);
    assert.equal(session.ok, false);
    assert.equal(session.envelope.issues[0].code, 'limits.input_bytes');
  });

  test('a module that cannot load rejects with an EngineError, and a later call can try again', async () => {
    let attempts = 0;
    const mine = engine.createEngine({
      factory: async (options) => {
        attempts += 1;
        if (attempts === 1) throw new Error('no wasm here');
        return realFactory(options);
      },
    });
    await assert.rejects(() => mine.version(), engine.EngineError);
    assert.equal(typeof await mine.version(), 'string');
  });
});
