// Validates every fixture document against the JSON Schemas in schemas/, and checks that the schemas
// themselves reject a few broken documents.
//
//   node --test tests/schemas/            (from the repository root; needs `npm ci` first)
//   PACTCHECK_FIXTURES=/some/dir node --test tests/schemas/
//
// Documents found under fixtures/: every agreement.json, events.json and expected/*.json, plus any other
// *.json whose "format" tag starts with "pactcheck/". Each is validated against the schema its "format" tag
// names; expected/*.issues.json (the issues of a refused run, a bare array) against issues.schema.json.
// Anything under a folder named `invalid` is skipped: those are deliberately broken inputs.
//
// An event log may deliberately contain events pactcheck ignores as malformed (the reader ignores such an event
// with a warning instead of refusing the log). Those events are the ones the fixture's expected reports list
// with reason "malformed"; they are left out, and the rest of the log must be valid.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const schemaDir = path.join(repoRoot, 'schemas');
const fixturesDir = process.env.PACTCHECK_FIXTURES
  ? path.resolve(process.env.PACTCHECK_FIXTURES)
  : path.join(repoRoot, 'fixtures');

const KINDS = {
  'pactcheck/agreement': 'agreement',
  'pactcheck/events': 'events',
  'pactcheck/report': 'report',
  'pactcheck/mapping': 'mapping',
};
const SCHEMA_ID_BASE = 'https://pactcheck.invalid/schemas/';

// ---------------------------------------------------------------------------------------------------------
// Schemas

const schemas = {};
for (const name of [...Object.values(KINDS), 'issues']) {
  schemas[name] = JSON.parse(readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8'));
}
// The parameters of most kinds (and the progress they report) live in schemas/kinds/<kind>.schema.json, which
// agreement.schema.json and report.schema.json reference by $id; they are added to ajv before anything compiles.
const kindSchemas = {};
for (const file of readdirSync(path.join(schemaDir, 'kinds')).filter((f) => f.endsWith('.schema.json')).sort()) {
  kindSchemas[file.replace(/\.schema\.json$/, '')] = JSON.parse(readFileSync(path.join(schemaDir, 'kinds', file), 'utf8'));
}

function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const schema of Object.values(kindSchemas)) ajv.addSchema(schema);
  return ajv;
}

const ajv = makeAjv();
const validators = {};
for (const [name, schema] of Object.entries(schemas)) {
  validators[name] = ajv.compile(schema);
}

function formatErrors(errors, limit = 60) {
  const lines = (errors ?? []).slice(0, limit).map((e) => {
    const where = e.instancePath === '' ? '(document root)' : e.instancePath;
    return `  ${where}: ${e.message} ${JSON.stringify(e.params)}  [schema ${e.schemaPath}]`;
  });
  if ((errors ?? []).length > limit) lines.push(`  ... and ${errors.length - limit} more`);
  return lines.join('\n');
}

function check(kind, doc) {
  const validate = validators[kind];
  const ok = validate(doc);
  return { ok, errors: validate.errors ?? [] };
}

// ---------------------------------------------------------------------------------------------------------
// Fixture discovery (synchronous, so that one test per document can be declared)

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'invalid' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      walk(full, out);
    } else if (entry.isFile() && entry.name.endsWith('.json')) {
      out.push(full);
    }
  }
  return out;
}

// The schema a file must match because of its name, or null when its name says nothing.
function kindByName(file) {
  const base = path.basename(file);
  if (base === 'agreement.json') return 'agreement';
  if (base === 'events.json') return 'events';
  if (path.basename(path.dirname(file)) === 'expected') {
    if (base.endsWith('.issues.json')) return 'issues';
    if (base.endsWith('.events.json')) return 'events';  // the event log an import case produces
    if (base.endsWith('.account.json') || base.endsWith('.warnings.json')) return null;  // an import's account, its warnings
    return 'report';
  }
  return null;
}

// Event ids that the expected reports of the fixture holding `eventsFile` list as ignored for reason
// "malformed", for the cases that read that events file (cases.json; default events.json).
function malformedEventIds(eventsFile) {
  const dir = path.dirname(eventsFile);
  const casesFile = path.join(dir, 'cases.json');
  const ids = new Set();
  if (!existsSync(casesFile)) return ids;
  let cases;
  try {
    cases = JSON.parse(readFileSync(casesFile, 'utf8')).cases ?? [];
  } catch {
    return ids;
  }
  for (const c of cases) {
    if (path.resolve(dir, c.events ?? 'events.json') !== eventsFile) continue;
    if (typeof c.expected !== 'string' || !c.expected.endsWith('.json')) continue;
    const expected = path.resolve(dir, c.expected);
    if (!existsSync(expected)) continue;
    let report;
    try {
      report = JSON.parse(readFileSync(expected, 'utf8'));
    } catch {
      continue;
    }
    for (const group of report?.events?.ignored_groups ?? []) {  // report version 2: events grouped by reason
      if (group?.reason === 'malformed') for (const id of group.events ?? []) ids.add(id);
    }
    for (const ignored of report?.events?.ignored_events ?? []) {  // report version 1
      if (ignored.reason === 'malformed') ids.add(ignored.event);
    }
  }
  return ids;
}

const fixturesExist = existsSync(fixturesDir) && statSync(fixturesDir).isDirectory();
const documents = []; // {file, rel, kindByName, doc?, parseError?}
if (fixturesExist) {
  for (const file of walk(fixturesDir, []).sort()) {
    const byName = kindByName(file);
    const rel = path.relative(fixturesDir, file);
    let doc;
    let parseError;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      parseError = err;
    }
    const tagged = doc !== null && typeof doc === 'object' && typeof doc.format === 'string'
      && doc.format.startsWith('pactcheck/');
    if (byName || tagged) documents.push({ file, rel, byName, doc, parseError });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tests: the schemas themselves

describe('schemas', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    test(`${name}.schema.json is draft 2020-12 with a pactcheck.invalid $id and compiles in strict mode`, () => {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.$id, `${SCHEMA_ID_BASE}${name}.schema.json`);
      assert.equal(typeof validators[name], 'function');
    });

    test(`${name}.schema.json: every property has a title and a description`, () => {
      const missing = [];
      const visit = (node, at) => {
        if (Array.isArray(node)) {
          node.forEach((v, i) => visit(v, `${at}/${i}`));
          return;
        }
        if (node === null || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          const here = `${at}/${key}`;
          // Property declarations inside if/then/else/not/oneOf/anyOf are restatements for conditionals;
          // only the declaring "properties" of object schemas that carry a title must be documented.
          if (key === 'properties' && typeof value === 'object' && node.title !== undefined) {
            for (const [prop, sub] of Object.entries(value)) {
              if (sub === true) continue;
              if (typeof sub.title !== 'string' || typeof sub.description !== 'string') missing.push(`${here}/${prop}`);
            }
          }
          visit(value, here);
        }
      };
      visit(schema, '#');
      assert.deepEqual(missing, [], `properties without title/description:\n${missing.join('\n')}`);
    });
  }

  for (const [name, schema] of Object.entries(kindSchemas)) {
    test(`kinds/${name}.schema.json is draft 2020-12 with a pactcheck.invalid $id and compiles in strict mode`, () => {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.$id, `${SCHEMA_ID_BASE}kinds/${name}.schema.json`);
      assert.equal(typeof ajv.getSchema(schema.$id), 'function');
      assert.ok(schemas.agreement.$defs.obligation.allOf.some((c) => c.then?.properties?.params?.$ref === `kinds/${name}.schema.json`),
        `agreement.schema.json does not dispatch any kind to kinds/${name}.schema.json`);
    });
  }

  test('shared $defs are identical in every schema that has them', () => {
    const names = Object.keys(schemas);
    for (const def of ['id', 'instant', 'date', 'utc_offset', 'zone', 'local_datetime', 'duration', 'source', 'deadline', 'issue']) {
      const copies = names.filter((n) => schemas[n].$defs?.[def] !== undefined);
      for (const n of copies.slice(1)) {
        assert.deepEqual(schemas[n].$defs[def], schemas[copies[0]].$defs[def],
          `$defs/${def} differs between ${copies[0]} and ${n}`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tests: small inline documents, valid and broken

const minimalAgreement = () => ({
  format: 'pactcheck/agreement',
  version: 1,
  id: 'tiny',
  title: 'Tiny agreement',
  local_offset: '+04:00',
  parties: [{ id: 'A', name: 'Party A', role: 'party' }, { id: 'B', name: 'Party B' }],
  instruments: [{ id: 'i1', title: 'Statement', date: '2020-11-09' }],
  vocabulary: { event_types: [{ id: 'armed_clash', description: 'Exchange of fire' }] },
  areas: [{
    id: 'zone', name: 'Zone',
    geometry: { type: 'Polygon', coordinates: [[[46.5, 39.0], [47.2, 39.0], [47.2, 40.3], [46.5, 39.0]]] },
  }],
  obligations: [{
    id: 'p1', instrument: 'i1', point: '1', text: 'Ceasefire.', bearers: ['A', 'B'], kind: 'prohibition',
    params: { from: '2020-11-10T00:00:00+03:00', event_types: ['armed_clash'], scope: { within_areas: ['zone'] } },
  }],
});

const minimalEvents = () => ({
  format: 'pactcheck/events',
  version: 1,
  synthetic: true,
  events: [{
    id: 'E1', time: '2020-11-12T08:00:00+04:00', type: 'armed_clash',
    actors: [{ name: 'Someone', party: 'A' }], where: { lat: 39.5, lon: 46.9 },
  }],
});

const statusCounts = (counts = {}) => Object.fromEntries(
  ['violated', 'undetermined', 'complied_late', 'cured', 'pending', 'suspended', 'not_triggered', 'ended', 'complied']
    .map((s) => [s, counts[s] ?? 0]),
);
const noCharges = { confirmed: 0, avowed: 0, reported: 0, alleged: 0, disputed: 0 };
const ignoredByReason = Object.fromEntries(
  ['before_start', 'after_end', 'out_of_scope', 'after_as_of', 'not_yet_reported', 'not_triggered', 'grade_not_counted',
    'unknown_type', 'unmapped', 'malformed', 'excluded'].map((r) => [r, 0]),
);

// The report pactcheck writes for minimalAgreement() and minimalEvents() as of 2021-01-01 (report version 2, shape of
// core/src/report.cpp).
const minimalReport = () => ({
  format: 'pactcheck/report',
  version: 2,
  generator: 'pactcheck 0.1.0',
  agreement: {
    id: 'tiny', title: 'Tiny agreement', text_note: null, zone: '+04:00',
    instruments: [{ id: 'i1', title: 'Statement', date: '2020-11-09' }],
  },
  event_log: { title: null, synthetic: true },
  as_of: '2021-01-01T00:00:00+04:00',
  as_of_utc: '2020-12-31T20:00:00Z',
  as_of_defaulted: false,
  knowledge: {
    mode: 'hindsight', known_at: null, later_knowledge: 0,
    text: 'everything in the log about what happened by the as-of instant; evidence reported after it is marked as later knowledge',
  },
  evidence_standard: {
    violation: 'uncontested', completion: 'uncontested',
    text: "uncontested: a violation or a completion resting only on a report its subject contests, with no monitor's observation or body's finding, leaves the verdict undetermined.",
  },
  input_digest: `sha256:${'0'.repeat(64)}`,
  excluded: [],
  parties: [{ id: 'A', name: 'Party A', role: 'party' }, { id: 'B', name: 'Party B', role: 'party' }],
  monitors: [],
  summary: {
    obligations: 1,
    by_status: statusCounts({ violated: 1 }),
    by_party: [
      { party: 'A', name: 'Party A', role: 'party', by_status: statusCounts({ violated: 1 }) },
      { party: 'B', name: 'Party B', role: 'party', by_status: statusCounts({ complied: 1 }) },
    ],
    violated: ['p1'],
    undetermined: [],
    disputed: [],
  },
  obligations: [{
    id: 'p1', instrument: 'i1', point: '1', title: null, kind: 'prohibition', text: 'Ceasefire.', bearers: ['A', 'B'],
    beneficiaries: [], status: 'violated', disputed: false,
    headline: 'Violated by Party A (first 2020-11-12, E1); complied by Party B.',
    by_bearer: [
      {
        party: 'A', name: 'Party A', status: 'violated', disputed: false, why: null, counts: { ...noCharges, reported: 1 },
        history: [{ at: '2020-11-12T08:00:00+04:00', status: 'violated', event: 'E1', note: 'first violation' }],
      },
      { party: 'B', name: 'Party B', status: 'complied', disputed: false, why: null, counts: { ...noCharges }, history: [] },
    ],
    joint_breach: null,
    explanation: 'Violated by Party A: 1 event from 2020-11-12 (E1); no violation by Party B is reported. In force since 2020-11-10T01:00:00+04:00.',
    deadline: null,
    progress: null,
    notices: null,
    readings: null,
    evidence: [{
      event: 'E1', role: 'violation', bearer: 'A', note: 'prohibited act', disputed: false, standing: 'reported',
      time: '2020-11-12T08:00:00+04:00', type: 'armed_clash',
    }],
  }],
  events: {
    total: 1, used: 1, not_relevant: 0, ignored: 0,
    ignored_by_reason: { ...ignoredByReason },
    ignored_groups: [],
    not_relevant_groups: [],
    evidence_events: [{
      id: 'E1', time: '2020-11-12T08:00:00+04:00', precision: 'exact',
      earliest_utc: '2020-11-12T04:00:00Z', latest_utc: '2020-11-12T04:00:00Z', type: 'armed_clash',
      actors: [{ name: 'Someone', party: 'A', role: null }],
      where: { name: '', lat: 39.5, lon: 46.9, approximate: false },
      sources: [],
    }],
  },
  issues: [],
});

function expectRejected(kind, doc, instancePath, what) {
  const { ok, errors } = check(kind, doc);
  assert.equal(ok, false, `${what}: the ${kind} schema accepted it`);
  assert.ok(errors.some((e) => e.instancePath === instancePath),
    `${what}: expected an error at ${instancePath}, got:\n${formatErrors(errors)}`);
}

describe('schema self-tests', () => {
  test('minimal valid documents are accepted', () => {
    for (const [kind, doc] of [['agreement', minimalAgreement()], ['events', minimalEvents()], ['report', minimalReport()]]) {
      const { ok, errors } = check(kind, doc);
      assert.ok(ok, `minimal ${kind} rejected:\n${formatErrors(errors)}`);
    }
  });

  test('an instant without a UTC offset is rejected', () => {
    const ev = minimalEvents();
    ev.events[0].time = '2020-11-12T08:00:00';
    expectRejected('events', ev, '/events/0/time', 'event time without offset');
    const ag = minimalAgreement();
    ag.obligations[0].params.from = '2020-11-10T00:00';
    expectRejected('agreement', ag, '/obligations/0/params/from', 'prohibition.from without offset');
  });

  test('impossible instants and dates are rejected', () => {
    for (const bad of ['2020-11-12T24:00:00+04:00', '2020-11-12T08:60Z', '2020-11-12T08:00:60Z',
      '2020-13-01T00:00Z', '2020-02-30T00:00Z', '2020-11-12T08:00+18:30', '2020-11-12 08:00Z']) {
      const ev = minimalEvents();
      ev.events[0].time = bad;
      expectRejected('events', ev, '/events/0/time', `time ${bad}`);
    }
    const ag = minimalAgreement();
    ag.instruments[0].date = '2021-02-29';
    expectRejected('agreement', ag, '/instruments/0/date', 'date 2021-02-29');
  });

  test('an unknown obligation kind is rejected', () => {
    const ag = minimalAgreement();
    ag.obligations[0].kind = 'curfew';
    expectRejected('agreement', ag, '/obligations/0/kind', 'kind curfew');
  });

  test("params that do not match the obligation's kind are rejected", () => {
    const ag = minimalAgreement();
    ag.obligations[0].kind = 'act_by_deadline'; // prohibition params, no fulfilled_by
    expectRejected('agreement', ag, '/obligations/0/params', 'act_by_deadline with prohibition params');
  });

  test('latitude 91 is rejected, in events and in geometry', () => {
    const ev = minimalEvents();
    ev.events[0].where.lat = 91;
    expectRejected('events', ev, '/events/0/where/lat', 'event lat 91');
    const ag = minimalAgreement();
    ag.areas[0].geometry.coordinates[0][1] = [47.2, 91];
    expectRejected('agreement', ag, '/areas/0/geometry/coordinates/0/1/1', 'polygon lat 91');
  });

  test('a missing id is rejected', () => {
    const ev = minimalEvents();
    delete ev.events[0].id;
    expectRejected('events', ev, '/events/0', 'event without id');
    const ag = minimalAgreement();
    delete ag.obligations[0].id;
    expectRejected('agreement', ag, '/obligations/0', 'obligation without id');
    const bad = minimalAgreement();
    bad.parties[0].id = 'has space';
    expectRejected('agreement', bad, '/parties/0/id', 'party id with a space');
  });

  test('event time rules: date-only needs utc_offset, range needs latest', () => {
    const a = minimalEvents();
    a.events[0].time = '2020-11-12';
    expectRejected('events', a, '/events/0', 'date-only time without utc_offset');
    a.events[0].utc_offset = '+04:00';
    assert.ok(check('events', a).ok, formatErrors(check('events', a).errors));
    const b = minimalEvents();
    b.events[0].precision = 'range';
    expectRejected('events', b, '/events/0', 'range without latest');
  });

  test('real (non-synthetic) events need a source', () => {
    const ev = minimalEvents();
    ev.synthetic = false;
    expectRejected('events', ev, '/events/0', 'real event without sources');
  });

  test('unknown fields are rejected in agreements and events', () => {
    const ag = minimalAgreement();
    ag.obligations[0].params.scope.within_area = ['zone'];
    expectRejected('agreement', ag, '/obligations/0/params/scope', 'misspelt scope field');
    const ev = minimalEvents();
    ev.events[0].lat = 39.5;
    expectRejected('events', ev, '/events/0', 'lat outside where');
  });

  test('report: unknown status, ignore reason and evidence role are rejected', () => {
    const r = minimalReport();
    r.obligations[0].status = 'partially_complied';
    expectRejected('report', r, '/obligations/0/status', 'status partially_complied');
    const r2 = minimalReport();
    r2.events.ignored_groups.push({ reason: 'too_old', obligation: null, detail: '', events: ['E9'] });
    expectRejected('report', r2, '/events/ignored_groups/0/reason', 'ignore reason too_old');
    const r3 = minimalReport();
    r3.obligations[0].evidence[0].role = 'hint';
    expectRejected('report', r3, '/obligations/0/evidence/0/role', 'evidence role hint');
    const r4 = minimalReport();
    r4.obligations[0].by_bearer[0].status = 'suspended';
    assert.ok(check('report', r4).ok, formatErrors(check('report', r4).errors));
  });

  test('report: fields are fixed, and progress and deadline must fit the kind', () => {
    const r = minimalReport();
    r.obligations[0].by_bearer[0].detail = { why: 'x' };
    expectRejected('report', r, '/obligations/0/by_bearer/0', 'unknown field in a bearer verdict');
    const r2 = minimalReport();
    delete r2.as_of_utc;
    expectRejected('report', r2, '', 'report without as_of_utc');
    const r3 = minimalReport();
    r3.obligations[0].progress = { caps: [], not_covered: [] };
    expectRejected('report', r3, '/obligations/0/progress', 'cap progress on a prohibition');
    const r4 = minimalReport();
    r4.obligations[0].kind = 'act_by_deadline';
    r4.obligations[0].deadline = {
      deadline: '2020-11-15', due_before: '2020-11-16T00:00:00+04:00',
      history: [{ deadline: '2020-11-15', due_before: '2020-11-16T00:00:00+04:00', set_by: 'agreement' }],
    };
    assert.ok(check('report', r4).ok, formatErrors(check('report', r4).errors));
    r4.obligations[0].deadline.due_by = '2020-11-15T23:59:59+04:00';
    expectRejected('report', r4, '/obligations/0/deadline', 'deadline with both due_before and due_by');
  });

  test('issues: an array of located issues with at least one error', () => {
    const issue = { severity: 'error', code: 'json.syntax', message: 'malformed JSON', file: 'events.json', line: 6, column: 10 };
    assert.ok(check('issues', [issue]).ok, formatErrors(check('issues', [issue]).errors));
    expectRejected('issues', [], '', 'no issues');
    expectRejected('issues', [{ ...issue, severity: 'warning' }], '', 'only warnings');
    const { line, ...withoutLine } = issue;
    expectRejected('issues', [withoutLine], '/0', 'column without line');
    expectRejected('issues', [{ ...issue, pointer: '' }], '/0', 'a pointer beside line and column');
    const located = { severity: 'error', code: 'time.no_offset', message: 'no offset', file: 'events.json', pointer: '/events/0/time' };
    assert.ok(check('issues', [located]).ok, formatErrors(check('issues', [located]).errors));
  });
});

describe('mapping schema self-tests', () => {
  const minimalMapping = () => ({
    format: 'pactcheck/mapping', version: 1, source: 'acled', zone: '+04:00',
    actors: { 'Military Forces of Azerbaijan (2003-)': { party: 'AZ' }, 'Civilians (Azerbaijan)': { non_party: true } },
    event_types: [{ event_type: 'Battles', sub_event_type: 'Armed clash', types: ['armed_clash'], charge: ['actor1', 'actor2'] },
      { event_type: 'Strategic developments', unmapped: 'classify by hand' }],
    time_precision: { 1: { range: 'day' }, 2: { range: 'days', either_side: 3 } },
    geo_precision: { 1: { uncertainty_km: 2 } },
  });
  const ucdp = () => ({
    format: 'pactcheck/mapping', version: 1, source: 'ucdp', zone: 'Asia/Baku', id_prefix: 'GED-',
    event_types: [{ type_of_violence: 1, types: ['armed_clash'], charge: ['side_a', 'side_b'] }],
    date_prec: { 1: { range: 'start_to_end' } },
    quantities: [{ column: 'best', min_column: 'low', max_column: 'high', category: 'fatalities' }],
  });

  test('minimal ACLED and UCDP mappings are accepted', () => {
    for (const doc of [minimalMapping(), ucdp()]) {
      const { ok, errors } = check('mapping', doc);
      assert.ok(ok, formatErrors(errors));
    }
  });

  test('a mapping without a zone, with an unknown member, or with a rule giving both types and unmapped is rejected', () => {
    const noZone = minimalMapping();
    delete noZone.zone;
    expectRejected('mapping', noZone, '', 'mapping without zone');
    const unknown = minimalMapping();
    unknown.geo = {};
    expectRejected('mapping', unknown, '', 'unknown member');
    const both = minimalMapping();
    both.event_types[1].types = ['armed_clash'];
    expectRejected('mapping', both, '/event_types/1', 'types and unmapped');
    const party = minimalMapping();
    party.actors['Civilians (Azerbaijan)'].party = 'AZ';
    expectRejected('mapping', party, '/actors/Civilians (Azerbaijan)', 'party and non_party');
    const days = minimalMapping();
    delete days.time_precision[2].either_side;
    expectRejected('mapping', days, '/time_precision/2', 'days without either_side');
  });

  test("each source's columns and precision members are its own", () => {
    const acledInUcdp = ucdp();
    acledInUcdp.time_precision = { 1: { range: 'day' } };
    expectRejected('mapping', acledInUcdp, '', 'time_precision in a UCDP mapping');
    const sideInAcled = minimalMapping();
    sideInAcled.charge = ['side_a'];
    expectRejected('mapping', sideInAcled, '/charge/0', 'side_a in an ACLED mapping');
    const startToEnd = minimalMapping();
    startToEnd.time_precision[1] = { range: 'start_to_end' };
    assert.ok(check('mapping', startToEnd).ok, 'the schema allows start_to_end everywhere; pactcheck refuses it for ACLED');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tests: the examples in docs/format.md's construct section are complete, valid obligations and events

const CONSTRUCTS_HEADING = '## Every construct in the reference list';

describe('docs/format.md construct examples', () => {
  const text = readFileSync(path.join(repoRoot, 'docs', 'format.md'), 'utf8');
  const start = text.indexOf(`\n${CONSTRUCTS_HEADING}\n`);
  const section = start < 0 ? '' : text.slice(start);
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]);

  test('the construct section exists and has examples', () => {
    assert.ok(start >= 0, `docs/format.md has no "${CONSTRUCTS_HEADING}" section`);
    assert.ok(blocks.length >= 17, `expected at least 17 examples, found ${blocks.length}`);
  });

  blocks.forEach((src, i) => {
    test(`example ${i + 1}`, () => {
      const parsed = JSON.parse(src);
      for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
        let kind;
        let doc;
        if (item.kind !== undefined && item.params !== undefined) {
          kind = 'agreement';
          doc = minimalAgreement();
          doc.obligations = [item];
        } else if (item.time !== undefined && item.type !== undefined) {
          kind = 'events';
          doc = minimalEvents();
          doc.synthetic = false;
          doc.events = [item];
        } else {
          assert.fail(`example ${i + 1} is neither an obligation nor an event:\n${src}`);
        }
        const { ok, errors } = check(kind, doc);
        assert.ok(ok, `example ${i + 1} (${item.id}) is not a valid ${kind === 'agreement' ? 'obligation' : 'event'}:\n${formatErrors(errors)}`);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tests: every fixture document

describe(`fixtures in ${fixturesDir}`, () => {
  test('fixture documents were found', () => {
    assert.ok(fixturesExist, `fixtures directory ${fixturesDir} does not exist (set PACTCHECK_FIXTURES?)`);
    const counts = { agreement: 0, events: 0, report: 0, issues: 0, mapping: 0 };
    for (const d of documents) {
      const k = KINDS[d.doc?.format] ?? d.byName;
      if (k) counts[k] += 1;
    }
    console.log(`fixture documents under ${fixturesDir}: ${documents.length} `
      + `(agreement ${counts.agreement}, events ${counts.events}, report ${counts.report}, issues ${counts.issues}, `
      + `mapping ${counts.mapping})`);
    assert.ok(documents.length > 0,
      `NO fixture documents found under ${fixturesDir}: expected agreement.json, events.json or expected/*.json`);
  });

  for (const d of documents) {
    test(d.rel, () => {
      assert.ok(!d.parseError, `${d.file} is not valid JSON: ${d.parseError?.message}`);
      let kind = 'issues';
      let doc = d.doc;
      if (d.byName !== 'issues') {
        const tag = d.doc?.format;
        kind = KINDS[tag];
        assert.ok(kind, `${d.file}: unknown or missing "format" tag ${JSON.stringify(tag)}; `
          + `expected one of ${Object.keys(KINDS).join(', ')}`);
        if (d.byName) {
          assert.equal(kind, d.byName, `${d.file}: its name says ${d.byName} but its format tag is ${tag}`);
        }
      }
      if (kind === 'events' && Array.isArray(doc.events)) {
        // Events the expected reports show pactcheck ignoring as malformed are left out. The schema rejects
        // such an event unless what is wrong is a reference (an undefined party or obligation, a notice on a
        // non-term obligation, ...), which only pactcheck can check; those are listed, not failed.
        const malformed = malformedEventIds(d.file);
        for (const id of malformed) {
          const event = doc.events.find((e) => e?.id === id);
          assert.ok(event, `${d.file}: an expected report lists ${id} as malformed, but the log has no such event`);
          if (check('events', { ...doc, events: [event] }).ok) {
            console.log(`${d.rel}: event ${id} is malformed for pactcheck (a reference problem?) but matches the schema`);
          }
        }
        doc = { ...doc, events: doc.events.filter((e) => !malformed.has(e?.id)) };
      }
      const { ok, errors } = check(kind, doc);
      if (!ok) {
        const msg = `${d.file} does not match ${kind}.schema.json (${errors.length} errors):\n${formatErrors(errors)}`;
        console.error(msg);
        assert.fail(msg);
      }
    });
  }
});
