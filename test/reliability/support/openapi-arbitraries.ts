import fc, { type Arbitrary } from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  allOf?: OpenApiSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  /** Absent on a public route. */
  security?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** A body as it goes on the wire: JSON text, so huge integers and hostile nesting survive unparsed. */
export type RawJson = string;

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const HUGE_INTEGER = '99999999999999999999';

/** Values that broke the server once (issue 14) or break servers in general, as JSON text. */
export const HOSTILE_JSON_VALUES: RawJson[] = [
  JSON.stringify(`a${NUL}b`),
  JSON.stringify(`x${LONE_SURROGATE}y`),
  JSON.stringify(LONE_SURROGATE),
  HUGE_INTEGER,
  `-${HUGE_INTEGER}`,
  '1e308',
  '-0.5',
  '1.5',
  'null',
  'true',
  '[]',
  '{}',
  '[{}]',
  '""',
  JSON.stringify('x'.repeat(5000)),
  JSON.stringify('𠮷'.repeat(3000)),
  JSON.stringify({ $ne: 1 }),
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
  JSON.stringify('2026-02-30'),
  JSON.stringify('00000000-0000-0000-0000-000000000000'),
  deepJson(1500),
  `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`,
];

/** Query and path values, already percent-encoded. */
export const HOSTILE_URL_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F',
  '%',
  HUGE_INTEGER,
  `-${HUGE_INTEGER}`,
  '1e308',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  'true',
  '',
  'x'.repeat(3000),
  '%E4%BD%A0'.repeat(500),
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '%27%3B--',
];

export function deepJson(depth: number): RawJson {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf?.length) {
    return schema.allOf.reduce<OpenApiSchema>((merged, part) => {
      const r = resolve(doc, part);
      return {
        ...merged,
        ...r,
        properties: { ...merged.properties, ...r.properties },
        required: [...(merged.required ?? []), ...(r.required ?? [])],
      };
    }, {});
  }
  return schema;
}

/**
 * Values a field of this name takes in real requests (the demo data's codes, ids that exist, real dates), so a
 * plausible request gets past validation and lookups to the code behind them. `ids` is filled by the suite.
 */
export const KNOWN_IDS: string[] = [];
const BY_NAME: [RegExp, () => Arbitrary<unknown>][] = [
  [/^(subjectCode|code)$/, () => fc.constantFrom('91320830MA1XY0012B', '91320830MA1P2B4L3X', '320830')],
  [/^(authorityCode|authority|region)$/, () => fc.constantFrom('320830', '320000', '512000')],
  [/(^id|Id)$/, () => fc.oneof(fc.constantFrom(...(KNOWN_IDS.length ? KNOWN_IDS : ['x'])), fc.uuid())],
  [/^(materials)$/, () => fc.array(fc.uuid(), { maxLength: 2 })],
  [
    /(Date|From|Until|On|By|^date|^from|^to)$/,
    () => fc.constantFrom('2026-05-10', '2026-06-01', '2026-10-10', '2027-01-01'),
  ],
  [/^year$/, () => fc.constantFrom(2026, 2027)],
];

/** A plausible value for a schema: enums, examples, formats and bounds respected, so requests get past validation. */
export function valueOf(
  doc: OpenApiDocument,
  raw: OpenApiSchema | undefined,
  depth = 0,
  name = '',
): Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  const named = BY_NAME.find(([pattern]) => pattern.test(name))?.[1]();
  if (named && schema.type !== 'object' && schema.type !== 'boolean')
    return fc.oneof(
      { weight: 3, arbitrary: named },
      { weight: 1, arbitrary: valueOfType(doc, schema, depth, example) },
    );
  return valueOfType(doc, schema, depth, example);
}

function valueOfType(
  doc: OpenApiDocument,
  schema: OpenApiSchema,
  depth: number,
  example: Arbitrary<unknown>[],
): Arbitrary<unknown> {
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return fc.oneof(...example, fc.integer({ min: Math.ceil(min), max: Math.floor(max) }));
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      return fc.oneof(
        ...example,
        fc.array(valueOf(doc, schema.items, depth + 1), { minLength: 1, maxLength: 3 }),
      );
    }
    case 'object':
    case undefined: {
      if (!schema.properties || depth > 4) return fc.oneof(...example, fc.constant({}));
      const shape: Record<string, Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties))
        shape[name] = valueOf(doc, property, depth + 1, name);
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.oneof(...example, stringOf(schema));
  }
}

function stringOf(schema: OpenApiSchema): Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date' || schema.format === 'date-time')
    return fc.constantFrom('2026-06-01', '2026-10-10');
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(
    fc.string({ minLength: Math.max(schema.minLength ?? 1, 1), maxLength }),
    fc.constantFrom(
      '盱眙通达道路运输有限公司',
      '道路运输车辆未按规定进行年度审验。',
      '《信用修复管理办法》第十二条',
    ),
  );
}

/** Every JSON path (as keys) inside a value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const own = [prefix];
  if (Array.isArray(value)) return own.concat(value.flatMap((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object')
    return own.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k])));
  return own;
}

const PLACEHOLDER = '\u0001hostile\u0001';
const DELETE = Symbol('delete');

/** Replaces (or deletes) what is at `path`; the hostile value is spliced in as raw JSON text. */
function mutateAt(value: unknown, path: (string | number)[], replacement: RawJson | typeof DELETE): RawJson {
  if (path.length === 0) return replacement === DELETE ? '' : replacement;
  const copy: unknown = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), replacement);
}

/** A body for the schema: plausible, or (hostile) plausible with one hostile change somewhere inside. */
export function bodyOf(doc: OpenApiDocument, schema: OpenApiSchema, hostile: boolean): Arbitrary<RawJson> {
  const valid = valueOf(doc, schema);
  if (!hostile) return valid.map((v) => JSON.stringify(v));
  return valid.chain((value) =>
    fc
      .tuple(
        fc.constantFrom(...pathsOf(value)),
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_JSON_VALUES) },
          { weight: 1, arbitrary: fc.constant<typeof DELETE>(DELETE) },
        ),
      )
      .map(([path, replacement]) => mutateAt(value, path, replacement)),
  );
}

/** A query or path value, percent-encoded: plausible for the schema, or hostile. */
export function urlValueOf(
  doc: OpenApiDocument,
  schema: OpenApiSchema | undefined,
  hostile: boolean,
  name = '',
): Arbitrary<string> {
  if (hostile) return fc.constantFrom(...HOSTILE_URL_VALUES);
  return valueOf(doc, schema, 0, name).map((v) =>
    encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v)),
  );
}
