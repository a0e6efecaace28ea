// SPDX-License-Identifier: Apache-2.0
//
// Self-test of the FHIR test peer: node --test selftest.mjs [-- --schema PATH]
// Run it from the folder that holds node_modules, server.mjs, validate.mjs, profiles/,
// example-bundle.json and seed-patient.json. The schema defaults to
// ../../fixtures/fhir/fhir.schema.json.gz next to the source tree, or $FHIR_SCHEMA.
// It checks that validate.mjs accepts the example and rejects one broken copy per rule, and that
// server.mjs is idempotent with ifNoneExist, resolves references, and rolls back failed
// transactions. About 15 s on 2 cores.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMA =
  process.env.FHIR_SCHEMA ??
  [join(HERE, '../../fixtures/fhir/fhir.schema.json.gz'), join(HERE, 'fhir.schema.json.gz')].find((p) => existsSync(p));
const EXAMPLE = join(HERE, 'example-bundle.json');
const SEED = join(HERE, 'seed-patient.json');
const clone = (x) => JSON.parse(JSON.stringify(x));
const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
const of = (b, type, n = 0) => b.entry.filter((e) => e.resource.resourceType === type)[n].resource;

function runValidate(args) {
  const r = spawnSync(process.execPath, [join(HERE, 'validate.mjs'), '--schema', SCHEMA, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('validate.mjs', { skip: !SCHEMA && 'no fhir.schema.json.gz (set FHIR_SCHEMA)' }, () => {
  test('accepts the example bundle and the seed', () => {
    const r = runValidate([EXAMPLE]);
    assert.equal(r.status, 0, r.out + r.err);
    const s = runValidate(['--allow-unprofiled', SEED]);
    assert.equal(s.status, 0, s.out + s.err);
  });

  test('rejects one broken copy per rule', () => {
    const cases = {
      'category-missing': [(b) => delete of(b, 'Condition').category, 'Condition.category'],
      'category-wrong-slice': [(b) => (of(b, 'Condition').category[0].coding[0].code = 'problem-list-item'), "slice 'us-core'"],
      'us-core-7': [(b) => delete of(b, 'Procedure').performedDateTime, 'us-core-7'],
      'us-core-6': [(b) => delete of(b, 'DocumentReference').content[1].attachment.data, 'us-core-6'],
      'att-1': [(b) => delete of(b, 'DocumentReference').content[0].attachment.contentType, 'att-1'],
      'doc-type': [(b) => delete of(b, 'DocumentReference').type, 'DocumentReference.type'],
      'doc-date-instant': [(b) => (of(b, 'DocumentReference').date = '2024-03-05'), 'DocumentReference.date'],
      'encounter-max-1': [(b) => of(b, 'DocumentReference').context.encounter.push({ reference: 'Encounter/x' }), 'context.encounter'],
      'provenance-1': [(b) => delete of(b, 'Provenance').agent[1].onBehalfOf, 'provenance-1'],
      'unknown-profile': [(b) => (of(b, 'Condition').meta.profile = ['http://example.org/nope']), 'profile not found'],
      'no-profile': [(b) => delete of(b, 'Procedure').meta, 'meta.profile'],
      'extra-property': [(b) => (of(b, 'Condition').bogus = 1), 'bogus'],
      'dangling-urn': [(b) => (of(b, 'Condition').evidence[0].detail[0].reference = 'urn:uuid:00000000-0000-4000-8000-000000000000'), 'fullUrl'],
      'per-1': [(b) => (of(b, 'Procedure', 1).performedPeriod = { start: '2024-03-05', end: '2024-03-01' }), 'per-1'],
    };
    const dir = mkdtempSync(join(tmpdir(), 'fhirpeer-'));
    try {
      const files = Object.entries(cases).map(([name, [mutate]]) => {
        const b = clone(example);
        mutate(b);
        const f = join(dir, `${name}.json`);
        writeFileSync(f, JSON.stringify(b));
        return f;
      });
      const r = runValidate(files);
      assert.equal(r.status, 1, r.err);
      for (const [name, [, expected]] of Object.entries(cases)) {
        const lines = r.out.split('\n').filter((l) => l.startsWith(join(dir, `${name}.json`) + ' '));
        assert.ok(lines.some((l) => l.includes(expected)), `${name}: expected a problem mentioning "${expected}", got:\n${lines.join('\n')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('server.mjs', () => {
  let child;
  let base;
  before(async () => {
    child = spawn(process.execPath, [join(HERE, 'server.mjs'), '--port', '0', '--seed', SEED], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        const m = /^listening (\d+)$/m.exec(buf);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  const post = (body) =>
    fetch(`${base}/`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(body) });
  const count = async (query) => (await (await fetch(`${base}/${query}`)).json()).total;

  test('POSTing the example twice creates each resource once', async () => {
    const first = await post(example);
    assert.equal(first.status, 200);
    assert.deepEqual((await first.json()).entry.map((e) => e.response.status), Array(6).fill('201 Created'));
    const second = await post(example);
    assert.equal(second.status, 200);
    assert.deepEqual((await second.json()).entry.map((e) => e.response.status), Array(6).fill('200 OK'));
    for (const [q, n] of [['DocumentReference', 1], ['Condition', 2], ['Procedure', 2], ['Provenance', 1]]) assert.equal(await count(q), n, q);
  });

  test('references are resolved', async () => {
    const b = await (await fetch(`${base}/Condition?code=http://hl7.org/fhir/sid/icd-10-cm|I50.23`)).json();
    assert.equal(b.total, 1);
    const c = b.entry[0].resource;
    const patient = (await (await fetch(`${base}/Patient?identifier=http://hospital.example.org/mrn|00-000-0001`)).json()).entry[0].resource;
    assert.equal(c.subject.reference, `Patient/${patient.id}`);
    assert.match(c.encounter.reference, /^Encounter\/[\w-]+$/);
    assert.match(c.evidence[0].detail[0].reference, /^DocumentReference\/[\w-]+$/);
    assert.equal(c.identifier[0].value, of(example, 'Condition').identifier[0].value);
    const prov = (await (await fetch(`${base}/Provenance`)).json()).entry[0].resource;
    assert.ok(prov.target.every((t) => /^(DocumentReference|Condition|Procedure)\/[\w-]+$/.test(t.reference)));
  });

  test('an unknown patient fails the whole transaction with 404 and writes nothing', async () => {
    const b = clone(example);
    const text = JSON.stringify(b).replaceAll('00-000-0001', '99-999-9999').replace(/urn:uuid:[0-9a-f]/g, 'urn:uuid:e').replace(/provenance-key\|[0-9a-f]/, 'provenance-key|e');
    const res = await post(JSON.parse(text));
    assert.equal(res.status, 404);
    const oo = await res.json();
    assert.equal(oo.resourceType, 'OperationOutcome');
    assert.match(oo.issue[0].diagnostics, /matched no Patient/);
    assert.equal(await count('Condition'), 2);
  });
});
