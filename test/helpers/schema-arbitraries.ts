/**
 * fast-check arbitraries derived from an API method's input schema (through its JSON Schema, so a new
 * method or field is covered without touching the tests): inputs that are well-formed but hostile
 * (control characters, strings at their limit, ids that name nothing), and inputs that are malformed
 * (wrong types, missing and extra fields, values past the limits, junk that is not an object at all).
 */
import fc from 'fast-check';
import { z } from 'zod';

export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
}

// Junk: anything a transport can carry (JSON, or Electron's structured clone)
// ----------------------------------------

const junkScalar = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  false,
  0,
  -0,
  -1,
  1,
  0.5,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  Number.MIN_VALUE,
  '',
  ' ',
  '0',
  '1',
  '-1',
  'NaN',
  'null',
  'true',
  '1e3',
  '0x10',
  '[]',
  '{}',
  '\u0000',
  '\ud800',
  '__proto__',
);

/** An object nested `depth` levels deep, arrays and objects alternating. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Objects with keys that mean something to JavaScript, made the way JSON.parse makes them (own keys). */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const trickyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'id');

export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: junkScalar, weight: 4 },
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
  fc.bigInt(),
  fc.array(junkScalar, { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
  fc.integer({ min: 1, max: 1000 }).map(nested),
  fc.tuple(trickyKey, junkScalar).map(([key, value]) => withOwnKey({}, key, value)),
);

// Hostile text
// ----------------------------------------

const hostileUnit = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\uffff',
  '\r',
  '\n',
  '\t',
  '"',
  "'",
  '`',
  '\\',
  '/',
  '%',
  '*',
  ':',
  '-',
  '(',
  ')',
  '{',
  '}',
  '#',
  '<',
  '&',
  ';',
  '^',
  '|',
  ' OR ',
  ' NEAR ',
  ' NOT ',
  '..',
  'é',
  'e\u0301',
  '😀',
  '日本',
);

const hostileWords = fc.constantFrom(
  "'; DROP TABLE cards; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{c1::x}}',
  '"unbalanced',
  '""',
  'deck:',
  'deck:"',
  'section:""',
  'is:',
  'is:nothing',
  'due<',
  'due<9999-99-99',
  'lapses>',
  'lapses>1e999',
  'reviews>=-1',
  'stability>NaN',
  'tag:*',
  '-',
  '--',
  '-"-"',
  '*',
  'NEAR(a b)',
  '^a',
  'a:b',
  '../../etc/passwd',
  'C:\\x',
  'CON',
  'nul',
  '.',
  '..',
  ' ',
  'x'.repeat(64),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.oneof(hostileUnit, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
    maxLength: 30,
  }),
  hostileWords,
  fc.array(fc.oneof(hostileWords, hostileUnit), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')),
);

/** A string of exactly `length` UTF-16 units, of one repeated hostile unit after a hostile start. */
function stringOfLength(length: number): fc.Arbitrary<string> {
  return fc
    .tuple(hostileString, fc.constantFrom('x', ' x', '😀', '\u0000', 'é', 'e\u0301', '\n'))
    .map(([start, unit]) => (start + unit.repeat(Math.ceil(length / unit.length) + 1)).slice(0, length));
}

// Well-formed values
// ----------------------------------------

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function integerBounds(schema: JsonSchema): { min: number; max: number } {
  const min =
    schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : (schema.minimum ?? -MAX_SAFE);
  return { min: Math.ceil(min), max: Math.floor(schema.maximum ?? MAX_SAFE) };
}

function validInteger(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = integerBounds(schema);
  const edges = [min, min + 1, max, max - 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, MAX_SAFE].filter(
    (n) => n >= min && n <= max,
  );
  const near = (top: number) =>
    fc.integer({ min: Math.max(min, Math.min(1, max)), max: Math.min(max, Math.max(min, top)) });
  return fc.oneof(
    // the ids a small collection has (decks, sections, cards, batches), mostly; its first ones often
    { arbitrary: near(3), weight: 3 },
    { arbitrary: near(12), weight: 3 },
    { arbitrary: near(60), weight: 1 },
    { arbitrary: fc.integer({ min, max }), weight: 2 },
    { arbitrary: fc.constantFrom(...edges), weight: 1 },
  );
}

/** Real calendar days from year 0 to 9999, with the ones that matter to a study day near the edges. */
const isoDate: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))
    .filter((s) => /^\d{4}-\d\d-\d\d$/.test(s)),
  fc.constantFrom('0000-01-01', '0001-01-01', '1969-12-31', '1970-01-01', '2000-02-29', '2026-03-01', '9999-12-31'),
);

const base64: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.constant(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64')),
  fc.constant(''),
);

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.const !== undefined) return fc.constant(schema.const as string);
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'base64') return base64;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: hostileString.filter((s) => s.length >= min && s.length <= max), weight: 5 },
  ];
  if (max <= 200_000) options.push({ arbitrary: stringOfLength(max), weight: 1 });
  return fc.oneof(...options);
}

/**
 * Values that name things the collection has, by field name (an upload id, a backup file): the schema
 * can't know them, and without them every call would stop at "not found".
 */
export type KnownValues = Record<string, fc.Arbitrary<unknown>>;

/** Well-formed values with hostile content (the schema's own check decides in the end). */
export function validValue(schema: JsonSchema, known: KnownValues = {}): fc.Arbitrary<unknown> {
  if (schema.anyOf || schema.oneOf) {
    return fc.oneof(...(schema.anyOf ?? schema.oneOf ?? []).map((variant) => validValue(variant, known)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return validInteger(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'string':
      return validString(schema);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const min = schema.minItems ?? 0;
      const items = validValue(schema.items ?? {}, known);
      const arrays = [
        fc.array(items, { minLength: min, maxLength: Math.min(schema.maxItems ?? 20, Math.max(min, 20)) }),
      ];
      // a full array, where that is small enough to build for every case
      if (schema.maxItems !== undefined && schema.maxItems <= 1000) {
        arrays.push(fc.array(items, { minLength: schema.maxItems, maxLength: schema.maxItems }));
      }
      return fc.oneof(...arrays);
    }
    case 'object':
      return validObject(schema, known);
    default:
      return junk;
  }
}

function validObject(schema: JsonSchema, known: KnownValues = {}): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties)) {
    const generated = validValue(value, known);
    shape[key] = Object.hasOwn(known, key) ? fc.oneof(generated, known[key]) : generated;
  }
  return fc.record(shape, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}

// Malformed values
// ----------------------------------------

function numberPastLimits(schema: JsonSchema): fc.Arbitrary<unknown> {
  const { min, max } = integerBounds(schema);
  const low = schema.type === 'integer' ? min : (schema.minimum ?? -MAX_SAFE);
  const high = schema.type === 'integer' ? max : (schema.maximum ?? MAX_SAFE);
  return fc.oneof(
    fc.constantFrom(
      low - 1,
      low - 0.5,
      high + 1,
      high + 0.5,
      0.5,
      -1,
      0,
      -0,
      MAX_SAFE + 1,
      2 ** 53,
      2 ** 63,
      -(2 ** 53),
      1e308,
      -1e308,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
    ),
    fc.double(),
    fc.integer({ min: -(2 ** 31), max: 0 }),
  );
}

/** The longest string a case builds (2 MB): huge for a name or a query, quick to make. */
const MAX_BUILT_LENGTH = 2_000_000;

const NEAR_DATES = [
  '2026-02-30',
  '2026-13-01',
  '26-01-01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
  ' 2026-01-01',
  '+02026-01-01',
];

function stringPastLimits(schema: JsonSchema): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.string({ unit: 'binary', maxLength: 20 })];
  if ((schema.minLength ?? 0) >= 1) options.push(fc.constantFrom('', ' ', '\t\n', '\u00a0 \u3000'));
  const max = schema.maxLength;
  // Past the limit where such a string is cheap to build for every case; the limits of uploads and
  // images (hundreds of MB, 28 MB) are left to example tests.
  if (max === undefined) options.push(stringOfLength(1_000_000));
  else if (max <= MAX_BUILT_LENGTH) {
    options.push(fc.integer({ min: 1, max: 3 }).chain((extra) => stringOfLength(max + extra)));
    options.push(stringOfLength(Math.min(max * 10 + 7, MAX_BUILT_LENGTH)));
  }
  if (schema.enum) {
    const names = (schema.enum as string[]).flatMap((e) => [e.toUpperCase(), ` ${e}`, `${e}\u0000`]);
    options.push(fc.constantFrom(...names));
  }
  if (schema.format === 'date') options.push(fc.constantFrom(...NEAR_DATES));
  if (schema.format === 'base64') options.push(fc.constantFrom('====', 'abc', 'ab=c', 'a b=', '\u0000AAA'));
  return fc.oneof(...options);
}

/** A value of any type but `type`. */
function wrongType(type: JsonSchema['type']): fc.Arbitrary<unknown> {
  const isType = (value: unknown) => {
    if (type === 'integer' || type === 'number') return typeof value === 'number';
    if (type === 'array') return Array.isArray(value);
    if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
    return typeof value === type;
  };
  return junk.filter((value) => !isType(value));
}

/** Values `schema` refuses (mostly: the schema's own check decides in the end). */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf || schema.oneOf) {
    const variants = schema.anyOf ?? schema.oneOf ?? [];
    return fc.oneof(
      junk,
      fc.constantFrom(0, 5, '3', 3.5, -1, 'setdue'),
      ...variants.map((variant) => malformedValue(variant)),
    );
  }
  if (schema.const !== undefined) return fc.oneof(junk, fc.constant(String(schema.const).toUpperCase()));
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(wrongType(schema.type), numberPastLimits(schema));
    case 'string':
      return fc.oneof(wrongType('string'), stringPastLimits(schema));
    case 'array': {
      const items = schema.items ?? {};
      const options: fc.Arbitrary<unknown>[] = [
        wrongType('array'),
        fc
          .tuple(fc.array(validValue(items), { maxLength: 5 }), invalidValue(items), fc.nat())
          .map(([list, bad, at]) => list.toSpliced(at % (list.length + 1), 0, bad)),
      ];
      if ((schema.minItems ?? 0) > 0) options.push(fc.constant([]));
      if (schema.maxItems !== undefined) {
        const max = schema.maxItems;
        options.push(fc.integer({ min: 1, max: 60 }).map((id) => Array.from({ length: max + 1 }, () => id)));
      }
      return fc.oneof(...options);
    }
    case 'object':
      return malformedValue(schema);
    default:
      return wrongType(schema.type);
  }
}

/** Inputs the method's schema refuses: junk, a missing required field, an extra field, one wrong field. */
export function malformedValue(schema: JsonSchema, known: KnownValues = {}): fc.Arbitrary<unknown> {
  const options: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: junk, weight: 2 }];
  if (schema.type === 'object') {
    const properties = schema.properties ?? {};
    const names = Object.keys(properties);
    const required = schema.required ?? [];
    const base = validObject(schema, known);
    if (required.length) {
      const missing = fc.tuple(base, fc.subarray(required, { minLength: 1 })).map(([input, keys]) => {
        const copy = { ...input };
        for (const key of keys) delete copy[key];
        return copy;
      });
      options.push({ arbitrary: missing, weight: 2 });
    }
    const extraKey = fc.oneof(trickyKey, fc.string({ maxLength: 12 })).filter((key) => !names.includes(key));
    const extra = fc.tuple(base, extraKey, junk).map(([input, key, value]) => withOwnKey(input, key, value));
    options.push({ arbitrary: extra, weight: 2 });
    if (names.length) {
      const wrong = fc
        .tuple(base, fc.constantFrom(...names))
        .chain(([input, key]) => invalidValue(properties[key]).map((value) => withOwnKey(input, key, value)));
      options.push({ arbitrary: wrong, weight: 5 });
    }
  }
  return fc.oneof(...options);
}
