import type { OpenApiDocument, OpenApiOperation, OpenApiSchema } from './openapi-arbitraries';

export type { OpenApiDocument };

/** What one tenant (a subject and the authority that finds its records) owns: the ids a foreign caller may pass. */
export interface Tenant {
  name: string;
  subject: { type: string; code: string; name: string };
  authorityCode: string;
  authorityPath: string;
  recordId: string;
  applicationId: string;
  objectionId: string;
  /** The record the objection is about (published and marked: every status appears in some view). */
  objectedRecordId: string;
  commitmentId: string;
  fileId: string;
  applicantAccountId: string;
  officerAccountId: string;
  /** The first event of the record's stream (inclusion proofs name events). */
  eventId: string;
  decisionNumbers: string[];
}

export interface Probe {
  method: ProbeMethod;
  path: string;
  /** The operation as the document names it, e.g. `POST /api/v1/objections/{id}/accept`. */
  operation: string;
  query: Record<string, string>;
  body?: unknown;
  /** `path`: a foreign id is in the path; `body`: in the request body; `filter`: a list read with foreign filters. */
  kind: 'path' | 'body' | 'filter' | 'public';
}

const PUBLIC_OPERATIONS = new Set([
  'GET /api/v1/audit/public-key',
  // The offline verifier is the released script itself: anyone holding a bundle may fetch it.
  'GET /api/v1/audit/verifier/credence-verify.mjs',
]);

export type ProbeMethod = 'get' | 'post' | 'put' | 'delete';
const PROBED_METHODS = new Set<string>(['get', 'post', 'put', 'delete']);
/** Methods that carry a body. */
const WITH_BODY = new Set<string>(['post', 'put']);

export function isPublic(path: string, method: string, op: OpenApiOperation): boolean {
  return !op.security || PUBLIC_OPERATIONS.has(`${method.toUpperCase()} ${path}`);
}

/** Every id of a tenant that a path parameter of this route may take (several for the generic case routes). */
function idsFor(path: string, param: string, t: Tenant): string[] | null {
  if (param === 'accountId') return [t.officerAccountId];
  // A deputy (委托) is named for a staff account: the tenant's officer.
  if (param === 'id' && /^\/api\/v1\/accounts\/\{id\}\/deputy$/.test(path)) return [t.officerAccountId];
  if (param === 'code') return [t.subject.code];
  if (param !== 'id') return null;
  const byPrefix: [RegExp, string[]][] = [
    [/^\/api\/v1\/(audit\/)?cases\//, [t.recordId, t.applicationId, t.objectionId, t.commitmentId]],
    [/^\/api\/v1\/(audit\/)?credit-records\//, [t.recordId]],
    [/^\/api\/v1\/repair-applications\//, [t.applicationId]],
    [/^\/api\/v1\/objections\//, [t.objectionId]],
    [/^\/api\/v1\/commitments\//, [t.commitmentId]],
    [/^\/api\/v1\/files\//, [t.fileId]],
    [/^\/api\/v1\/accounts\//, [t.applicantAccountId]],
  ];
  return byPrefix.find(([re]) => re.test(path))?.[1] ?? null;
}

/** Query parameters that filter by tenant, and the foreign value each gets. */
function tenantFilter(name: string, t: Tenant): string | undefined {
  const filters: Record<string, string> = {
    subjectCode: t.subject.code,
    subject: t.subject.code,
    recordId: t.recordId,
    caseId: t.applicationId,
    authority: t.authorityCode,
    authorityCode: t.authorityCode,
    authorityPath: t.authorityPath,
    actor: t.officerAccountId,
    eventId: t.eventId,
  };
  return filters[name];
}

/** The query a GET carries: the tenant's filters, and an example value for what it requires. */
function queryOf(op: OpenApiOperation, t: Tenant): Record<string, string> {
  const query: Record<string, string> = {};
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query') continue;
    const example = p.required ? p.schema?.example : undefined;
    const value =
      tenantFilter(p.name, t) ??
      (typeof example === 'string' || typeof example === 'number' ? String(example) : undefined);
    if (value !== undefined) query[p.name] = value;
  }
  return query;
}

function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/**
 * A body that passes the shape checks as far as a schema tells, with every id a foreign tenant's: required fields,
 * plus the optional ones that carry ids. Enums take a value that needs no fast-track eligibility.
 */
export function sampleBody(
  doc: OpenApiDocument,
  schema: OpenApiSchema | undefined,
  t: Tenant,
  name = '',
  depth = 0,
): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 4) return undefined;
  const ids: Record<string, unknown> = {
    recordId: t.recordId,
    repairApplicationId: t.applicationId,
    fileId: t.fileId,
    reference: t.applicationId,
    streamId: `creditRecord-${t.recordId}`,
    subjectCode: t.subject.code,
    authorityCode: t.authorityCode,
  };
  // The workbench names accounts (`to`, `accounts`, `deputy`) and cases (`caseIds`): the tenant's.
  const staffIds: Record<string, string[]> = {
    to: [t.officerAccountId],
    accounts: [t.officerAccountId],
    deputy: [t.officerAccountId],
    caseIds: [t.applicationId, t.objectionId, t.commitmentId, t.recordId],
  };
  const uuid = s.format === 'uuid' || resolve(doc, s.items)?.format === 'uuid';
  if (name in staffIds && (uuid || name === 'caseIds'))
    return s.type === 'array' ? staffIds[name] : staffIds[name][0];
  if (name in ids) return ids[name];
  if (name === 'subject') return { ...t.subject };
  if (name === 'linked') return { kind: 'repair_application', reference: t.applicationId };
  if (name === 'materials' && resolve(doc, s.items)?.type === 'string') return [t.fileId];
  if (s.enum?.length) return s.enum.includes('voluntary') ? 'voluntary' : s.enum[0];
  switch (s.type ?? 'object') {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'array': {
      const item = sampleBody(doc, s.items, t, name, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'string':
      if (s.format === 'date' || /date|By$|^from$|^to$/i.test(name)) return '2026-06-10';
      if (s.format === 'date-time' || name === 'at') return '2026-06-01T02:00:00Z';
      return '依法核查'.padEnd(Math.max(s.minLength ?? 1, 4), '。');
    default: {
      const props = s.properties ?? {};
      const body: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(props)) {
        // `subject` only where required: an applicant naming another subject is refused before any id is read.
        const carriesId =
          (key in ids && key !== 'subjectCode') || ['linked', 'materials', 'caseIds', 'to'].includes(key);
        if (!(s.required ?? []).includes(key) && !carriesId) continue;
        const sampled = sampleBody(doc, value, t, key, depth + 1);
        if (sampled !== undefined) body[key] = sampled;
      }
      return body;
    }
  }
}

/** Whether any value in the body is one of the tenant's ids (so the probe is about a foreign reference). */
export function carriesForeignId(body: unknown, t: Tenant): boolean {
  const text = JSON.stringify(body ?? null);
  return [t.recordId, t.applicationId, t.objectionId, t.commitmentId, t.fileId, t.officerAccountId].some(
    (id) => text.includes(id),
  );
}

/**
 * The probes a caller gets against a tenant it has no right over: every operation naming the tenant's ids in its
 * path; every POST whose body names them; every list read filtered to the tenant. `subjectBound`: whether subject
 * routes (`/subjects/{code}`) are the tenant's for this caller (staff may read and grade any subject).
 */
export function probesAgainst(doc: OpenApiDocument, t: Tenant, subjectBound: boolean): Probe[] {
  const probes: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries<OpenApiOperation>(ops)) {
      if (!PROBED_METHODS.has(method)) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      if (isPublic(path, method, op)) continue;
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      const json = op.requestBody?.content?.['application/json']?.schema;
      const body = WITH_BODY.has(method) ? (sampleBody(doc, json, t) ?? {}) : undefined;
      // Staff act for their own authority and name the subject (a signed commitment letter): the foreign tenant's.
      const schema = resolve(doc, json);
      if (!subjectBound && body && typeof body === 'object' && schema?.properties?.subject) {
        const staffBody = body as Record<string, unknown>;
        staffBody.subject = { ...t.subject };
        if (!schema.required?.includes('authorityCode')) delete staffBody.authorityCode;
      }
      const tenantParams = params.filter((p) => idsFor(path, p.name, t) !== null);
      if (tenantParams.some((p) => p.name === 'code') && !subjectBound) continue;
      if (tenantParams.length > 0) {
        for (const url of expand(path, params, t))
          probes.push({
            method: method as ProbeMethod,
            path: url,
            operation,
            query: method === 'get' ? queryOf(op, t) : {},
            body,
            kind: 'path',
          });
        continue;
      }
      if (params.length > 0 && params.some((p) => !['type', 'year'].includes(p.name))) continue;
      const url = expand(path, params, t)[0];
      if (WITH_BODY.has(method) || method === 'delete') {
        if (carriesForeignId(body, t))
          probes.push({ method: method as ProbeMethod, path: url, operation, query: {}, body, kind: 'body' });
        continue;
      }
      probes.push({ method: 'get', path: url, operation, query: queryOf(op, t), kind: 'filter' });
    }
  return probes;
}

/** The public operations, with the tenant's subject code where they take one: open to everybody by design. */
export function publicProbes(doc: OpenApiDocument, t: Tenant): Probe[] {
  const probes: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries<OpenApiOperation>(ops))
      if (method === 'get' && isPublic(path, method, op))
        probes.push({
          method: 'get',
          path: path.replace('{code}', t.subject.code),
          operation: `GET ${path}`,
          query: {},
          kind: 'public',
        });
  return probes;
}

/** Every non-public operation once, with the tenant's ids in its path: what an anonymous caller tries. */
export function anonymousProbes(doc: OpenApiDocument, t: Tenant): Probe[] {
  const probes: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries<OpenApiOperation>(ops)) {
      if (!PROBED_METHODS.has(method) || isPublic(path, method, op)) continue;
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      const json = op.requestBody?.content?.['application/json']?.schema;
      probes.push({
        method: method as ProbeMethod,
        path: expand(path, params, t)[0],
        operation: `${method.toUpperCase()} ${path}`,
        query: {},
        body: WITH_BODY.has(method) ? (sampleBody(doc, json, t) ?? {}) : undefined,
        kind: 'path',
      });
    }
  return probes;
}

function expand(path: string, params: { name: string; schema?: OpenApiSchema }[], t: Tenant): string[] {
  let urls = [path];
  for (const p of params) {
    const values = idsFor(path, p.name, t) ??
      p.schema?.enum?.map(String) ?? [p.name === 'year' ? '2026' : 'creditRecord'];
    urls = urls.flatMap((u) => values.map((v) => u.replace(`{${p.name}}`, encodeURIComponent(v))));
  }
  return urls;
}
