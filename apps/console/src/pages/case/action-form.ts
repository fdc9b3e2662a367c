/**
 * One form per case action, built from the request schema of the action's route in the API's OpenAPI document
 * (`POST /api/v1/<collection>/{id}/<action>`, served at /api/docs-json): each property becomes a labelled field, so
 * a new field of an action's request reaches the workbench without a change here.
 */
export interface BilingualLabel {
  zh: string;
  en: string;
}

export type FieldKind = 'text' | 'longText' | 'lines' | 'choice' | 'choices' | 'boolean';

export interface ActionField {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** From the property's description ("审查意见 / the officer's opinion"); null when it has none. */
  label: BilingualLabel | null;
  options: string[];
  maxLength: number | null;
}

export interface ActionFormSpec {
  path: string;
  fields: ActionField[];
  /** Properties no workbench field can fill (nested objects such as uploaded materials). */
  unsupported: string[];
}

interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  maxLength?: number;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The collection of each case type's action routes (the API's controllers). */
const COLLECTIONS: Record<string, string> = {
  repairApplication: 'repair-applications',
  objection: 'objections',
  commitment: 'commitments',
};

export function actionPath(caseType: string, action: string): string | null {
  const collection = COLLECTIONS[caseType];
  return collection ? `/api/v1/${collection}/{id}/${action}` : null;
}

function resolve(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

export function labelOf(description: string | undefined): BilingualLabel | null {
  if (!description) return null;
  const [zh, ...rest] = description.split(' / ');
  return { zh: zh.trim(), en: (rest.join(' / ') || zh).trim() };
}

function fieldOf(name: string, schema: JsonSchema, required: boolean): ActionField | null {
  const base = { name, required, label: labelOf(schema.description), options: [], maxLength: null };
  if (schema.type === 'boolean') return { ...base, kind: 'boolean' };
  if (schema.enum) return { ...base, kind: 'choice', options: schema.enum.map(String) };
  if (schema.type === 'string') {
    const maxLength = schema.maxLength ?? null;
    return { ...base, kind: maxLength !== null && maxLength <= 500 ? 'text' : 'longText', maxLength };
  }
  if (schema.type === 'array' && schema.items?.enum)
    return { ...base, kind: 'choices', options: schema.items.enum.map(String) };
  if (schema.type === 'array' && schema.items?.type === 'string') return { ...base, kind: 'lines' };
  return null;
}

/** The form of an action: null when the API has no such route (the action is not one a console can call). */
export function actionFormOf(
  document: OpenApiDocument,
  caseType: string,
  action: string,
): ActionFormSpec | null {
  const path = actionPath(caseType, action);
  const operation = path ? document.paths[path]?.post : undefined;
  if (!path || !operation) return null;
  const body = resolve(document, operation.requestBody?.content?.['application/json']?.schema);
  const required = new Set(body?.required ?? []);
  const fields: ActionField[] = [];
  const unsupported: string[] = [];
  for (const [name, property] of Object.entries(body?.properties ?? {})) {
    const field = fieldOf(name, resolve(document, property) ?? property, required.has(name));
    if (field) fields.push(field);
    else if (required.has(name)) unsupported.push(name);
  }
  return { path, fields, unsupported };
}

/** The request body from the form's values: lines split into lists, empty optional fields left out. */
export function requestBodyOf(
  fields: ActionField[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'lines') {
      const lines = (typeof value === 'string' ? value : '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      if (lines.length) body[field.name] = lines;
    } else if (field.kind === 'choices') {
      if (Array.isArray(value) && value.length) body[field.name] = value;
    } else if (field.kind === 'boolean') {
      body[field.name] = value === true;
    } else if (typeof value === 'string' && value.trim() !== '') {
      body[field.name] = value.trim();
    }
  }
  return body;
}
