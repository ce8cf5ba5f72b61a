/**
 * Fuzzing support: fast-check arbitraries built from a function's zod input schema
 * (through zod 4's JSON Schema export, so it works for any contract without knowing
 * it), hostile request bodies, and a check that an accepted payload had no field
 * outside the schema.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** The subset of JSON Schema (draft 2020-12) that `z.toJSONSchema` emits for our contracts. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** A zod schema as JSON Schema (input side); anything JSON Schema cannot express becomes "any". */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export interface ArbitraryHints {
  /** Strings worth trying in any string field: known ids, sample values. */
  strings: string[];
}

const MAX_DEPTH = 6;

/** An arbitrary of values that (mostly) satisfy `schema`; refinements outside JSON Schema may still fail. */
export function arbitraryFor(schema: JsonSchema, hints: ArbitraryHints, root: JsonSchema = schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    return target ? arbitraryFor(target, hints, root, depth + 1) : fc.jsonValue({ maxDepth: 2 });
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, hints, root, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(Object.assign({}, ...schema.allOf) as JsonSchema, hints, root, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t }, hints, root, depth)));
  switch (type[0]) {
    case 'string':
      return stringArbitrary(schema, hints);
    case 'integer':
      return fc.integer({
        min: Math.ceil(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e9)),
        max: Math.floor(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1e9)),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e9,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? arbitraryFor(schema.items, hints, root, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
    }
    case 'object':
      return objectArbitrary(schema, hints, root, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema, hints: ArbitraryHints): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 80, 300);
  const fits = (s: string) => s.length >= min && s.length <= max;
  const pool = hints.strings.filter(fits);
  let generated: fc.Arbitrary<string>;
  if (schema.pattern) generated = fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  else if (schema.format === 'date') generated = fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  else if (schema.format === 'date-time') generated = fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  else generated = fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'grapheme', minLength: min, maxLength: max }));
  return pool.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 1 }, { arbitrary: generated, weight: 2 }) : generated;
}

function objectArbitrary(schema: JsonSchema, hints: ArbitraryHints, root: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(props)) model[k] = arbitraryFor(s, hints, root, depth + 1);
  const required = (schema.required ?? []).filter((k) => k in props);
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Paths of fields in `value` that `schema` does not declare (where it forbids extra
 * fields). Used on accepted payloads: the host must never accept one of these.
 */
export function fieldsOutsideSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema, at = ''): string[] {
  if (schema.$ref) {
    const target = root.$defs?.[schema.$ref.replace(/^#\/\$defs\//, '')];
    return target ? fieldsOutsideSchema(value, target, root, at) : [];
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) {
    // Outside the schema only if outside every alternative.
    const each = alternatives.map((s) => fieldsOutsideSchema(value, s, root, at));
    return each.reduce((best, cur) => (cur.length < best.length ? cur : best));
  }
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    return schema.items ? value.flatMap((v, i) => fieldsOutsideSchema(v, schema.items!, root, `${at}${at ? '.' : ''}${i}`)) : [];
  }
  const props = schema.properties ?? {};
  const out: string[] = [];
  // Own keys, including `__proto__` when it arrived as an own property from JSON.parse.
  for (const key of Object.keys(value)) {
    const path = `${at}${at ? '.' : ''}${key}`;
    if (Object.prototype.hasOwnProperty.call(props, key)) out.push(...fieldsOutsideSchema((value as Record<string, unknown>)[key], props[key], root, path));
    else if (schema.additionalProperties === false) out.push(path);
  }
  return out;
}

/** Field names a caller must never be able to slip in (privilege, money, state). */
export const PRIVILEGED_FIELDS = ['role', 'roles', 'unionId', 'amount', 'amountFen', 'status', 'isAdmin', 'userId', 'memberId', 'createdBy'];

const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE members; --",
  'bu-cy01\' --',
  '1; SELECT * FROM staff_credentials',
  '" OR ""="',
  "') UNION SELECT password_hash FROM staff_credentials --",
  '%',
  '_',
  '\\',
];

const ODD_STRINGS = ['', ' ', '\u0000', '\u202e逆序', '😀'.repeat(50), '\ud800', '<script>alert(1)</script>', '../../etc/passwd', 'null', 'undefined', 'NaN', '0x7fffffff'];

/** JSON texts of wrong-typed values (some not producible by JSON.stringify: 1e309, -0, big integers). */
const WRONG_TYPED_JSON = ['null', 'true', 'false', '0', '-0', '1e309', '-1e309', '9007199254740993', '3.5', '-1', '[]', '[null]', '{}', '{"$gt":""}', '{"__proto__":{"isAdmin":true}}', '"1"'];

/** Long strings: one at the 1 MB body limit's edge (refused by size), others long but under it. */
const HUGE = [5_000, 70_000, 600_000];

function jsonText(v: unknown): string {
  return JSON.stringify(v);
}

/** Replaces (or adds) one field of an object's JSON text with raw JSON text. */
function withField(base: Record<string, unknown>, key: string, rawValue: string): string {
  const rest = Object.entries(base).filter(([k]) => k !== key);
  const parts = rest.map(([k, v]) => `${jsonText(k)}:${jsonText(v)}`);
  parts.push(`${jsonText(key)}:${rawValue}`);
  return `{${parts.join(',')}}`;
}

/** A hostile request body (JSON text, or not even JSON) built around a valid `sample`. */
export function hostileBodies(schema: JsonSchema, sample: Record<string, unknown>): fc.Arbitrary<{ kind: string; body: string }> {
  const fields = Object.keys(schema.properties ?? {});
  const anyField = fields.length ? fc.constantFrom(...fields) : fc.constant('x');
  const hostileValue = fc.oneof(
    fc.constantFrom(...WRONG_TYPED_JSON),
    fc.constantFrom(...SQL_FRAGMENTS, ...ODD_STRINGS).map(jsonText),
    fc.constantFrom(...HUGE).map((n) => jsonText('长'.repeat(n / 3))),
    fc.jsonValue({ maxDepth: 3 }).map(jsonText),
  );
  const kinds: fc.Arbitrary<{ kind: string; body: string }>[] = [
    fc.constantFrom('null', '[]', '[1,2]', '"text"', '42', 'true', '{"a":', 'not json', '\u0000', '{"a":1}{"b":2}').map((body) => ({ kind: 'non-object body', body })),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom('{"isAdmin":true,"role":"industryAdmin"}', '{"prototype":{"isAdmin":true}}', '1', '"x"', 'null'))
      .map(([k, v]) => ({ kind: 'prototype pollution', body: withField(sample, k, v) })),
    fc.tuple(fc.constantFrom(...PRIVILEGED_FIELDS), fc.oneof(fc.constantFrom('"industryAdmin"', '"approved"', '"ind-cy"', 'true', '100000000', '-1', '"posted"'), hostileValue))
      .map(([k, v]) => ({ kind: 'privileged field', body: withField(sample, k, v) })),
    fc.tuple(anyField, hostileValue).map(([k, v]) => ({ kind: 'wrong type or hostile value', body: withField(sample, k, v) })),
    fc.tuple(anyField, fc.constantFrom(...SQL_FRAGMENTS)).map(([k, v]) => ({ kind: 'SQL fragment', body: withField(sample, k, jsonText(v)) })),
    fc.constantFrom(2_000, 20_000).map((depth) => ({ kind: 'deep nesting', body: withField(sample, fields[0] ?? 'x', `${'['.repeat(depth)}${']'.repeat(depth)}`) })),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((o) => ({ kind: 'random object', body: jsonText(o) })),
  ];
  return fc.oneof(...kinds);
}
