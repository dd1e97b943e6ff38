// The real WebAssembly module under node: the fixture corpus byte for byte, hostile input as located issues,
// recovery after failures, sessions agreeing with one-shot checks.
//
//   PACTCHECK_MODULE=build-wasm/wasm/pactcheck.mjs node --test tests/wasm/module.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import {
  caseOptions, explainDifference, FIXTURES_DIR, importModuleFactory, loadCorpus, SOURCE_DIR,
} from './support.mjs';

const createPactcheckModule = await importModuleFactory();
const pactcheck = await createPactcheckModule();

// Every call goes through here: anything thrown across the boundary is a failure, whatever was thrown.
function call(what, fn) {
  let text;
  try {
    text = fn();
  } catch (thrown) {
    assert.fail(`${what} threw across the boundary: ${typeof thrown === 'number' ? `a bare number ${thrown}` : thrown}`);
  }
  assert.equal(typeof text, 'string', `${what} must return JSON text`);
  try {
    return JSON.parse(text);
  } catch (error) {
    assert.fail(`${what} returned text that is not JSON: ${error.message}: ${text.slice(0, 200)}`);
  }
}

const check = (agreement, events, options = {}) =>
  call('check', () => pactcheck.check(agreement, events, typeof options === 'string' ? options : JSON.stringify(options)));
const validate = (doc, options = {}) => call('validate', () => pactcheck.validate(doc, JSON.stringify(options)));
const importEvents = (csv, mapping, options = {}) =>
  call('importEvents', () => pactcheck.importEvents(csv, mapping, typeof options === 'string' ? options : JSON.stringify(options)));

function assertLocatedError(envelope, what) {
  assert.equal(typeof envelope, 'object', `${what}: envelope`);
  assert.equal(envelope.ok, false, `${what}: ok must be false`);
  assert.equal(envelope.exit_code, 2, `${what}: exit code 2 (invalid input), got ${envelope.exit_code}`);
  assert.ok(Array.isArray(envelope.issues) && envelope.issues.length > 0, `${what}: at least one issue`);
  for (const issue of envelope.issues) {
    assert.ok(issue.severity === 'error' || issue.severity === 'warning', `${what}: severity ${issue.severity}`);
    assert.equal(typeof issue.message, 'string');
    assert.ok(issue.message.length > 0, `${what}: empty message`);
    assert.equal(typeof issue.code, 'string', `${what}: issue code`);
    assert.equal(typeof issue.file, 'string', `${what}: issue file`);
    const located = (Number.isInteger(issue.line) && issue.line > 0 && Number.isInteger(issue.column) && issue.column > 0) ||
      typeof issue.pointer === 'string';
    assert.ok(located, `${what}: issue not located: ${JSON.stringify(issue)}`);
  }
  assert.ok(envelope.issues.some((i) => i.severity === 'error'), `${what}: no error among the issues`);
  return envelope;
}

const corpus = loadCorpus();
const nk = join(FIXTURES_DIR, 'nk-2020');
const nkAgreement = readFileSync(join(nk, 'agreement.json'));
const nkEvents = readFileSync(join(nk, 'events.json'));

// A known-good answer to compare with after every kind of failure.
const referenceCase = corpus.find((c) => c.fixture === 'nk-2020' && (c.exitCode === 0 || c.exitCode === 1) &&
  c.expected && existsSync(join(c.dir, c.expected)));
function assertStillAnswers(what) {
  assert.ok(referenceCase, 'the nk-2020 fixture has no case with an expected report to compare with');
  const envelope = check(nkAgreement, nkEvents, caseOptions(referenceCase));
  const problem = explainDifference(envelope.rendered ?? '', readFileSync(join(referenceCase.dir, referenceCase.expected)),
    `after ${what}, nk-2020/${referenceCase.name}`);
  assert.equal(problem, null, problem ?? '');
}

describe('the fixture corpus through the module', () => {
  test('the corpus is not empty and includes the 2020 fixture with expected reports', () => {
    assert.ok(corpus.length > 0, `no fixtures/*/cases.json with cases under ${FIXTURES_DIR}`);
    assert.ok(corpus.some((c) => c.fixture === 'nk-2020'), 'fixtures/nk-2020 has no cases');
    const withReports = corpus.filter((c) => c.exitCode === 0 || c.exitCode === 1);
    assert.ok(withReports.length > 0, 'no case expects a report');
  });

  for (const c of corpus) {
    test(`${c.fixture}/${c.name}`, () => {
      assert.ok([0, 1, 2, 3].includes(c.exitCode), `cases.json: exit_code must be 0-3, not ${c.exitCode}`);
      assert.equal(typeof c.expected, 'string', 'cases.json: expected must name a file');
      const expectedPath = join(c.dir, c.expected);
      assert.ok(existsSync(expectedPath), `${expectedPath} does not exist`);
      // Bytes, as the CLI reads them: no decoding on the JavaScript side.
      const events = readFileSync(join(c.dir, c.eventsFile));
      const envelope = c.type === 'import'
        ? importEvents(events, readFileSync(join(c.dir, c.mappingFile)), caseOptions(c))
        : check(readFileSync(join(c.dir, c.agreementFile)), events, caseOptions(c));
      if (c.type === 'import' && c.exitCode === 0) {
        // The account, in the core's member order, and the warnings, as the native golden test compares them.
        if (c.account) assert.equal(`${JSON.stringify(envelope.account, null, 2)}\n`, readFileSync(join(c.dir, c.account), 'utf8'));
        if (c.warnings) assert.deepEqual(envelope.issues, JSON.parse(readFileSync(join(c.dir, c.warnings), 'utf8')));
      }
      assert.equal(envelope.exit_code, c.exitCode,
        `exit code ${envelope.exit_code}, expected ${c.exitCode}; issues: ${JSON.stringify(envelope.issues)}`);
      if (c.exitCode === 0 || c.exitCode === 1) {
        assert.equal(envelope.ok, true);
        assert.equal(typeof envelope.rendered, 'string', 'the envelope has no rendered output');
        const problem = explainDifference(envelope.rendered, readFileSync(expectedPath), `${c.fixture}/${c.name}`);
        assert.equal(problem, null, problem ?? '');
      } else {
        assert.equal(envelope.ok, false);
        assert.deepEqual(envelope.issues, JSON.parse(readFileSync(expectedPath, 'utf8')));
      }
    });
  }

  test('a session gives the same bytes as one-shot checks for every case with a report', () => {
    const groups = new Map();
    for (const c of corpus.filter((x) => x.type === 'check' && (x.exitCode === 0 || x.exitCode === 1))) {
      const key = `${c.dir}\0${c.agreementFile}\0${c.eventsFile}\0${c.mappingFile}\0${JSON.stringify(c.options.limits ?? null)}\0${c.options.strict ?? false}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    assert.ok(groups.size > 0);
    let pageViews = 0;
    for (const cases of groups.values()) {
      const first = cases[0];
      const agreement = readFileSync(join(first.dir, first.agreementFile));
      const events = readFileSync(join(first.dir, first.eventsFile));
      const session = pactcheck.Session.open(agreement, events, JSON.stringify(caseOptions(first)));
      try {
        assert.equal(session.ok(), true, `${first.fixture}: session did not open: ${session.envelope()}`);
        for (const c of cases) {
          // Names, limits and strictness are fixed when the session opens; a report takes the rest.
          const { as_of: asOf, known_at: knownAt, format, exclude } = c.options;
          const envelope = call('Session.report', () => session.report(JSON.stringify({ as_of: asOf, known_at: knownAt, format, exclude })));
          assert.equal(envelope.exit_code, c.exitCode, `${c.fixture}/${c.name} through a session`);
          const problem = explainDifference(envelope.rendered ?? '', readFileSync(join(c.dir, c.expected)),
            `${c.fixture}/${c.name} through a session`);
          assert.equal(problem, null, problem ?? '');
          if ((format ?? 'json') !== 'json') continue;
          // The page's query (web/worker.mjs): the same report without the rendered copy and the events' details.
          const view = call('Session.report', () => session.report(JSON.stringify({
            as_of: asOf, known_at: knownAt, format, exclude, rendered: false, event_details: false })));
          assert.equal(view.rendered, undefined, `${c.fixture}/${c.name}: the page's view has no rendered copy`);
          const expected = JSON.parse(readFileSync(join(c.dir, c.expected), 'utf8'));
          assert.ok(Array.isArray(expected.events.evidence_events));
          delete expected.events.evidence_events;
          expected.events.evidence_events_omitted = true;
          assert.deepEqual(view.report, expected, `${c.fixture}/${c.name}: the page's view differs beyond the details`);
          pageViews += 1;
        }
      } finally {
        session.delete();
      }
    }
    assert.ok(pageViews > 20, `only ${pageViews} JSON cases were checked as the page queries them`);
  });
});

describe('checkTo: the rendered report in pieces', () => {
  test('every check case gives the expected bytes through the sink, and an envelope without the report', () => {
    let checked = 0;
    for (const c of corpus.filter((x) => x.type === 'check')) {
      const chunks = [];
      let text;
      try {
        text = pactcheck.checkTo(readFileSync(join(c.dir, c.agreementFile)), readFileSync(join(c.dir, c.eventsFile)),
          JSON.stringify(caseOptions(c)), (chunk) => { chunks.push(Buffer.from(chunk)); });
      } catch (thrown) {
        assert.fail(`${c.fixture}/${c.name}: checkTo threw across the boundary: ${thrown}`);
      }
      const envelope = JSON.parse(text);
      assert.equal(envelope.exit_code, c.exitCode, `${c.fixture}/${c.name}: exit code`);
      assert.equal(envelope.report, undefined);
      assert.equal(envelope.rendered, undefined);
      const expected = readFileSync(join(c.dir, c.expected));
      if (c.exitCode === 0 || c.exitCode === 1) {
        const problem = explainDifference(Buffer.concat(chunks).toString('utf8'), expected, `${c.fixture}/${c.name} through checkTo`);
        assert.equal(problem, null, problem ?? '');
        checked += 1;
      } else {
        assert.equal(chunks.length, 0, `${c.fixture}/${c.name}: the sink was called for an error envelope`);
        assert.deepEqual(envelope.issues, JSON.parse(expected.toString('utf8')));
      }
    }
    assert.ok(checked > 20, `only ${checked} cases with a report went through checkTo`);
  });
});

describe('hostile and broken input comes back as located issues', () => {
  const good = nkEvents;
  const cases = [
    ['malformed JSON (truncated object)', '{"format": "pactcheck/agreement", "version": 1,\n  "id": ', good],
    ['malformed JSON (trailing comma)', nkAgreement, '{"format": "pactcheck/events", "version": 1, "events": [1,]}'],
    ['malformed JSON (garbage)', 'not json at all', good],
    ['an empty document', '', good],
    ['whitespace only', '  \n\t ', good],
    ['a top-level array', '[]', good],
    ['a top-level string', '"pactcheck/agreement"', good],
    ['a top-level number', '42', good],
    ['a top-level null', 'null', good],
    ['an event log that is an array', nkAgreement, '[{"id": "NK-1"}]'],
    ['100,000 levels of array nesting', `${'['.repeat(100000)}${']'.repeat(100000)}`, good],
    ['100,000 levels of object nesting', `${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}`, good],
    ['deep nesting inside the events', nkAgreement,
      `{"format":"pactcheck/events","version":1,"events":[{"id":"X","notes":${'['.repeat(50000)}${']'.repeat(50000)}}]}`],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), good],
    ['a byte-order mark then JSON', '\ufeff{"format": "pactcheck/agreement", "version": 1}', good],
    ['NaN and Infinity', nkAgreement, '{"format":"pactcheck/events","version":1,"events":[{"id":"A","where":{"lat":NaN,"lon":Infinity}}]}'],
    ['an unknown format tag', '{"format": "pactcheck/banana", "version": 1}', good],
    ['an unsupported version', '{"format": "pactcheck/agreement", "version": 99}', good],
    ['the events given as the agreement', good, good],
  ];
  for (const [what, agreement, events] of cases) {
    test(what, () => {
      assertLocatedError(check(agreement, events, { agreement_name: 'agreement.json', events_name: 'events.json' }), what);
    });
  }

  test('a syntax error is located by line and column in the named file', () => {
    const envelope = assertLocatedError(check('{\n  "format": "pactcheck/agreement",\n  "version": 1,\n  oops\n}', nkEvents,
      { agreement_name: 'my-agreement.json', events_name: 'my-events.json' }), 'syntax error');
    const issue = envelope.issues.find((i) => i.line > 0);
    assert.ok(issue, `no issue with a line: ${JSON.stringify(envelope.issues)}`);
    assert.equal(issue.file, 'my-agreement.json');
    assert.equal(issue.line, 4);
    assert.ok(issue.column >= 1 && issue.column <= 4, `column ${issue.column}`);
  });

  test('an error in the agreement is located by JSON Pointer', () => {
    const agreement = JSON.parse(nkAgreement.toString('utf8'));
    agreement.obligations[3].kind = 'banana';
    const envelope = assertLocatedError(check(JSON.stringify(agreement), nkEvents, { agreement_name: 'agreement.json' }),
      'unknown kind');
    assert.ok(envelope.issues.some((i) => i.file === 'agreement.json' && i.pointer.startsWith('/obligations/3')),
      `no issue pointing into /obligations/3: ${JSON.stringify(envelope.issues)}`);
  });

  test('a malformed event is a located warning and is accounted for; strict makes it an error', () => {
    const events = JSON.parse(nkEvents.toString('utf8'));
    const id = events.events[2].id;
    events.events[2].time = '2020-11-10T12:00:00'; // no offset
    const text = JSON.stringify(events);
    const lenient = check(nkAgreement, text, { events_name: 'events.json' });
    assert.equal(lenient.ok, true, JSON.stringify(lenient.issues));
    assert.ok(lenient.issues.some((i) => i.severity === 'warning' && i.file === 'events.json' && i.pointer === '/events/2/time'),
      `no warning at /events/2/time: ${JSON.stringify(lenient.issues)}`);
    // Report version 2 groups ignored events by reason and obligation: [{reason, obligation, detail, events}].
    const groups = lenient.report.events.ignored_groups ?? [];
    assert.ok(groups.some((g) => g.reason === 'malformed' && g.events.includes(id)), `${id} is not accounted for as malformed`);
    assert.ok(lenient.report.events.ignored_by_reason.malformed >= 1);
    assertLocatedError(check(nkAgreement, text, { events_name: 'events.json', strict: true }), 'strict');
  });

  test('bad options come back as issues too', () => {
    for (const options of ['{', '[]', '{"as_of": "yesterday"}', '{"format": "pdf"}', '{"exclude": "NK-020"}']) {
      const envelope = check(nkAgreement, nkEvents, options);
      assert.equal(envelope.ok, false, `options ${options} were accepted`);
      assert.ok(envelope.exit_code === 2, `options ${options}: exit code ${envelope.exit_code}`);
      assert.ok(envelope.issues.length > 0);
    }
  });

  test('validate() answers every document with an envelope', () => {
    assert.equal(validate(nkAgreement).ok, true);
    assert.equal(validate(nkEvents).ok, true);
    assert.equal(validate(nkAgreement).format, 'pactcheck/agreement');
    for (const doc of ['', '{', '[]', '"x"', `${'['.repeat(100000)}${']'.repeat(100000)}`, '{"format": "x", "version": 1}']) {
      assertLocatedError(validate(doc), `validate(${JSON.stringify(doc.slice(0, 20))})`);
    }
  });

  test('a session over broken input is an object that says so, never an exception', () => {
    let session;
    try {
      session = pactcheck.Session.open('{', nkEvents, '{}');
    } catch (thrown) {
      assert.fail(`Session.open threw: ${thrown}`);
    }
    try {
      assert.equal(session.ok(), false);
      const opened = assertLocatedError(JSON.parse(session.envelope()), 'Session.open');
      assert.deepEqual(JSON.parse(session.report('{}')), opened, 'report() repeats the open envelope');
      assert.deepEqual(JSON.parse(session.timeline()), []);
    } finally {
      session.delete();
    }
  });

  test('the module still answers correctly after all of the above', () => {
    assertStillAnswers('hostile input');
  });

  test('failures do not leak: 300 rejected inputs leave the heap where it was', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    for (let i = 0; i < 20; i += 1) check(deep, nkEvents); // warm up, let the heap reach its working size
    const before = pactcheck.HEAPU8.length;
    for (let i = 0; i < 100; i += 1) {
      check(deep, nkEvents);
      check('{"format": "pactcheck/agreement", "version": 1, "id": ', nkEvents);
      validate('[1, 2, ');
    }
    const grown = pactcheck.HEAPU8.length - before;
    assert.ok(grown <= 16 * 1024 * 1024, `the heap grew by ${grown} bytes over 300 rejected inputs`);
    assertStillAnswers('300 rejected inputs');
  });
});

describe('CSV exports through the module', () => {
  const nkImport = join(FIXTURES_DIR, 'import-nk-2020');
  const acled = readFileSync(join(nkImport, 'acled-nk-2020.csv'));
  const mapping = readFileSync(join(nkImport, 'mapping.json'));
  const header = acled.toString('utf8').split('\r\n')[0];

  test('bytes as they are: invalid UTF-8 in a CSV is refused with its line and column', () => {
    const bad = Buffer.concat([Buffer.from(`${header}\r\nX1,`), Buffer.from([0xC0, 0xAF]), Buffer.from('\r\n')]);
    const envelope = assertLocatedError(importEvents(new Uint8Array(bad), mapping, { events_name: 'bad.csv' }), 'invalid UTF-8');
    assert.equal(envelope.issues[0].code, 'csv.invalid_utf8');
    assert.equal(envelope.issues[0].file, 'bad.csv');
    assert.equal(envelope.issues[0].line, 2);
    assert.equal(envelope.issues[0].column, 4);
  });

  test('broken CSV and mappings come back as located issues, never an exception', () => {
    const cases = [
      ['an empty file', '', mapping, 'csv.empty'],
      ['an unterminated quote', `${header}\nX,"open\n`, mapping, 'csv.unterminated_quote'],
      ['a UTF-16 file', new Uint8Array([0xFF, 0xFE, 0x61, 0x00]), mapping, 'csv.encoding'],
      ['not an ACLED file', 'a,b,c\n1,2,3\n', mapping, 'import.missing_column'],
      ['a mapping that is not JSON', acled, '{"format": ', 'json.syntax'],
      ['a mapping of another kind', acled, '{"format": "pactcheck/events", "version": 1}', 'format.tag'],
      ['a mapping without rules', acled, '{"format": "pactcheck/mapping", "version": 1, "source": "acled", "zone": "+04:00"}', 'field.missing'],
      ['100,000 levels of nesting in the mapping', acled, `${'['.repeat(100000)}${']'.repeat(100000)}`, 'limit.depth'],
    ];
    for (const [what, csv, map, code] of cases) {
      const envelope = assertLocatedError(importEvents(csv, map, {}), what);
      assert.ok(envelope.issues.some((i) => i.code === code), `${what}: ${JSON.stringify(envelope.issues)}`);
    }
    assertStillAnswers('broken CSV');
  });

  test('formula-looking cells stay the text they are', () => {
    const row = header.split(',').map((column) => ({
      event_id_cnty: 'F1', event_date: '2020-11-12', time_precision: '1', event_type: 'Battles', sub_event_type: 'Armed clash',
      actor1: '+cmd', notes: '"=HYPERLINK(""http://x"",""y"")"', location: '@SUM(A1:A9)',
    })[column] ?? '').join(',');
    const envelope = importEvents(`${header}\n${row}\n`, mapping, {});
    assert.equal(envelope.ok, true, JSON.stringify(envelope.issues));
    const [event] = envelope.events.events;
    assert.equal(event.notes, '=HYPERLINK("http://x","y")');
    assert.equal(event.actors[0].name, '+cmd');
    assert.equal(event.where.name, '@SUM(A1:A9)');
    assert.equal(event.extra.acled.event_type, 'Battles');
  });

  test('a check of CSV events in a session equals one-shot checks', () => {
    const options = { events_format: 'csv', mapping: mapping.toString('utf8'), events_name: 'acled-nk-2020.csv' };
    const session = pactcheck.Session.open(nkAgreement, acled, JSON.stringify(options));
    try {
      assert.equal(session.ok(), true, session.envelope());
      for (const asOf of ['2020-11-16T12:00:00+04:00', '2020-12-31T23:59:00+04:00', '2021-12-31T23:59:00+04:00']) {
        const viaSession = call('Session.report', () => session.report(JSON.stringify({ as_of: asOf })));
        const fresh = check(nkAgreement, acled, { ...options, as_of: asOf });
        assert.equal(viaSession.rendered, fresh.rendered, asOf);
      }
    } finally {
      session.delete();
    }
  });
});

describe('the module itself', () => {
  test('version() is the project version', () => {
    const cmake = readFileSync(join(SOURCE_DIR, 'CMakeLists.txt'), 'utf8');
    const declared = /project\(\s*pactcheck\s+VERSION\s+([0-9.]+)/.exec(cmake)?.[1];
    assert.ok(declared, 'no project(pactcheck VERSION ...) in CMakeLists.txt');
    assert.equal(pactcheck.version(), declared);
  });

  test('UTF-8 round-trips through strings and bytes alike', () => {
    const events = JSON.parse(nkEvents.toString('utf8'));
    events.events[1].notes = 'Grüße ✓ 😀 <img src=x onerror=alert(1)>';
    const text = JSON.stringify(events);
    const fromString = check(nkAgreement, text, { format: 'json' });
    const fromBytes = check(nkAgreement, new TextEncoder().encode(text), { format: 'json' });
    assert.equal(fromString.ok, true, JSON.stringify(fromString.issues));
    assert.equal(fromString.rendered, fromBytes.rendered);
    assert.equal(fromString.report.input_digest, fromBytes.report.input_digest);
  });

  test('a session\'s timeline is in time order, and its reports match check() at each point', () => {
    const session = pactcheck.Session.open(nkAgreement, nkEvents, '{}');
    try {
      assert.equal(session.ok(), true, session.envelope());
      const timeline = JSON.parse(session.timeline());
      assert.ok(Array.isArray(timeline) && timeline.length > 0);
      let previous = -Infinity;
      for (const point of timeline) {
        assert.equal(typeof point.instant, 'string');
        assert.ok(point.kind === 'event' || point.kind === 'deadline', `kind ${point.kind}`);
        assert.equal(typeof point.id, 'string');
        const t = Date.parse(point.instant);
        assert.ok(t >= previous, `timeline out of order at ${point.instant}`);
        previous = t;
      }
      const sample = timeline.filter((_, i) => i % Math.max(1, Math.floor(timeline.length / 8)) === 0);
      for (const point of sample) {
        for (const exclude of [[], ['NK-020']]) {
          const options = JSON.stringify({ as_of: point.instant, exclude, format: 'json' });
          const viaSession = call('Session.report', () => session.report(options));
          const viaCheck = check(nkAgreement, nkEvents, options);
          assert.equal(viaSession.rendered, viaCheck.rendered, `as of ${point.instant}, without ${exclude}`);
        }
      }
    } finally {
      session.delete();
    }
  });
});

test('validateInputs gives the issues check gives for the same files, for every check case, strict or not', () => {
  let compared = 0;
  for (const c of corpus.filter((x) => x.type !== 'import')) {
    const agreement = readFileSync(join(c.dir, c.agreementFile));
    const events = readFileSync(join(c.dir, c.eventsFile));
    for (const strict of [false, true]) {
      const options = { ...caseOptions(c), ...(strict ? { strict: true } : {}) };
      const checked = check(agreement, events, options);
      const fileIssues = checked.issues.filter((i) => i.file !== 'options');
      if (!checked.ok && fileIssues.length === 0) continue; // the query's options were refused
      const { as_of: _a, known_at: _k, format: _f, exclude: _e, ...fileOptions } = options;
      const validated = call('validateInputs', () => pactcheck.validateInputs(agreement, events, JSON.stringify(fileOptions)));
      const label = `${c.fixture} ${c.name}${strict ? ' strict' : ''}`;
      assert.deepEqual(validated.issues, fileIssues, label);
      assert.equal(validated.ok, checked.ok, label);
      if (validated.ok) assert.equal(validated.exit_code, 0, label);
      else assert.equal(validated.exit_code, checked.exit_code, label);
      compared += 1;
    }
  }
  assert.ok(compared > 100, `only ${compared} comparisons`);
});
