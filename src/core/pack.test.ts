import Ajv from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import {
  describeIssue,
  LIMITS,
  PACK_ENTITY_FIELDS,
  PackEntitySchema,
  PackWriter,
  parsePack,
  writeBackup,
  writePack,
} from './pack';

const schema = JSON.parse(
  readFileSync(new URL('../../assets/pack-v1.schema.json', import.meta.url), 'utf8'),
) as object;
const validateWithJsonSchema = new Ajv({ allErrors: true }).compile(schema);

const pack = (entities: unknown[], extra: object = {}) =>
  JSON.stringify({ format: 'backstory-pack', version: 1, title: 'T', entities, ...extra });

describe('parsePack', () => {
  it('reads a minimal pack, filling defaults', () => {
    const result = parsePack(pack([{ name: 'Hulusi Akar' }]));
    expect(result).toEqual({
      ok: true,
      pack: {
        title: 'T',
        description: '',
        entities: [
          {
            name: 'Hulusi Akar',
            aliases: [],
            kind: 'other',
            note: '',
            tags: [],
            links: [],
            sources: [],
          },
        ],
      },
    });
  });

  it('keeps unknown fields of entities', () => {
    const result = parsePack(pack([{ name: 'A', wikidata: 'Q42', score: { x: 1 } }]));
    expect(result.ok && result.pack.entities[0]!.extra).toEqual({
      wikidata: 'Q42',
      score: { x: 1 },
    });
  });

  it.each([
    ['not json', '{', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['wrong format', JSON.stringify({ format: 'other', version: 1, entities: [] }), /format/],
    [
      'wrong version',
      JSON.stringify({ format: 'backstory-pack', version: 2, entities: [] }),
      /version/,
    ],
    ['no entities', JSON.stringify({ format: 'backstory-pack', version: 1 }), /entities/],
  ])('rejects %s', (_, text, message) => {
    const result = parsePack(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(describeIssue).join('\n')).toMatch(message);
  });

  it('names the entry and field of each problem', () => {
    const result = parsePack(
      pack([
        { name: 'Fine' },
        { name: '  ' },
        { name: 'B', kind: 'planet' },
        { name: 'C', links: [{ title: 'x', url: 'javascript:alert(1)' }] },
        { name: 'D', aliases: 'not a list' },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(describeIssue)).toEqual([
      'Entry 2, field name: must not be empty',
      'Entry 3, field kind: must be one of person, organization, place, topic, other',
      'Entry 4, field links.0.url: must be an http(s) URL',
      expect.stringMatching(/^Entry 5, field aliases: /),
    ]);
  });

  it('rejects repeated ids', () => {
    const result = parsePack(
      pack([
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ]),
    );
    expect(!result.ok && result.issues.map(describeIssue)).toEqual([
      'Entry 2, field id: repeats the id of entry 1',
    ]);
  });

  it('gives back the valid entries along with the issues', () => {
    const result = parsePack(pack([{ name: 'A' }, { name: '' }, { id: 'x', name: 'B' }]));
    expect(!result.ok && result.valid.map((e) => e.name)).toEqual(['A', 'B']);
  });

  it('gives back the header and the refused entries’ ids along with the valid part', () => {
    const result = parsePack(
      pack([{ id: 'a', name: 'A' }, { id: ' b ', name: '' }, { name: '' }, { id: 7, name: '' }], {
        updated: '2026-11-26T00:00:00Z',
        expires: '12h',
        sha256: 'f'.repeat(64),
      }),
    );
    expect(!result.ok && result.header).toEqual({
      title: 'T',
      description: '',
      updated: '2026-11-26T00:00:00Z',
      expires: '12h',
      sha256: 'f'.repeat(64),
    });
    expect(!result.ok && result.invalidIds).toEqual(['b']);
  });

  it('names the repeated id, and gives no header when the header itself is wrong', () => {
    const repeated = parsePack(
      pack([
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ]),
    );
    expect(!repeated.ok && repeated.issues[0]!.params).toEqual(['1', 'a']);
    const wrong = parsePack(pack([{ name: 'A' }], { expires: 'soon' }));
    expect(!wrong.ok && wrong.header).toBeUndefined();
  });

  it('gives back no entries when the file itself is wrong', () => {
    const result = parsePack(JSON.stringify({ format: 'other', version: 1, entities: [{}] }));
    expect(!result.ok && result.valid).toEqual([]);
  });

  it('rejects a note over the size limit', () => {
    const result = parsePack(pack([{ name: 'A', note: 'x'.repeat(1_000_000) }]));
    expect(!result.ok && result.issues.map(describeIssue)[0]).toMatch(
      /Entry 1, field note: longer than 100,000/,
    );
  });
});

describe('the JSON Schema file', () => {
  it.each([
    ['minimal', pack([{ name: 'A' }])],
    ['full', readFileSync(new URL('../../assets/starter-pack.json', import.meta.url), 'utf8')],
    ['unknown fields', pack([{ name: 'A', x: 1 }], { y: 2 })],
    ['empty name', pack([{ name: ' ' }])],
    ['missing name', pack([{ note: 'x' }])],
    ['bad kind', pack([{ name: 'A', kind: 'planet' }])],
    ['script link', pack([{ name: 'A', links: [{ url: 'javascript:alert(1)' }] }])],
    ['wrong version', JSON.stringify({ format: 'backstory-pack', version: 2, entities: [] })],
    ['aliases not a list', pack([{ name: 'A', aliases: 'x' }])],
    ['case rules', pack([{ name: 'US', matchCase: { US: 'any' } }])],
    ['bad case rule', pack([{ name: 'US', matchCase: { US: 'upper' } }])],
  ])('agrees with the parser on %s', (_, text) => {
    expect(validateWithJsonSchema(JSON.parse(text))).toBe(parsePack(text).ok);
  });

  it("knows the same entity fields as the parser's schema and its list of known fields", () => {
    const { entity } = (schema as { $defs: { entity: { properties: object } } }).$defs;
    const known = [...PACK_ENTITY_FIELDS].sort();
    expect(Object.keys(entity.properties).sort()).toEqual(known);
    expect(Object.keys(PackEntitySchema.entries).sort()).toEqual(known);
  });
});

describe('the header fields of a pack read by URL', () => {
  const withHeader = (field: string, value: unknown) => pack([{ name: 'A' }], { [field]: value });
  /** Each case with its value as the test's name shows it: long ones by their length. */
  const shown = (cases: [field: string, value: unknown, code?: string][]) =>
    cases.map(([field, value, code]): [string, string, unknown, string | undefined] => {
      const text = JSON.stringify(value);
      const long = typeof value === 'string' && text.length > 80;
      return [field, long ? `(${value.length} characters)` : text, value, code];
    });

  it.each(
    shown([
      ['expires', '12h'],
      ['expires', '7d'],
      ['expires', '9999d'],
      ['homepage', 'https://example.org/packs/'],
      ['homepage', 'http://127.0.0.1:8080/'],
      ['license', 'CC-BY-4.0'],
      ['license', 'x'.repeat(200)],
      ['revision', '2026-12-01 (second edition)'],
      ['revision', 'r'.repeat(100)],
      ['sha256', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ]),
  )('takes %s %s, as the JSON Schema does, and gives it back', (field, _, value) => {
    const text = withHeader(field, value);
    const result = parsePack(text);
    expect(result.ok && result.pack).toMatchObject({ [field]: value });
    expect(validateWithJsonSchema(JSON.parse(text))).toBe(true);
  });

  it.each(
    shown([
      ['expires', '7', undefined],
      ['expires', '7w', undefined],
      ['expires', '12 h', undefined],
      ['expires', '7D', undefined],
      ['expires', '-1d', undefined],
      ['expires', '10000d', undefined],
      ['expires', '7d\n', undefined],
      ['expires', 7, undefined],
      ['homepage', 'ftp://example.org/', 'notWebUrl'],
      ['homepage', 'javascript:alert(1)', 'notWebUrl'],
      ['homepage', 'example.org', 'notWebUrl'],
      ['homepage', `https://example.org/${'x'.repeat(2_000)}`, 'tooLong'],
      ['license', 'x'.repeat(201), 'tooLong'],
      ['license', 42, 'wrongType'],
      ['revision', 'r'.repeat(101), 'tooLong'],
      ['revision', null, 'wrongType'],
      ['sha256', 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD', undefined],
      ['sha256', 'a'.repeat(63), undefined],
      ['sha256', 'a'.repeat(65), undefined],
      ['sha256', 'g'.repeat(64), undefined],
      ['sha256', `sha256-${'a'.repeat(64)}`, undefined],
    ]),
  )('refuses %s %s, naming the field, as the JSON Schema does', (field, _, value, code) => {
    const text = withHeader(field, value);
    const result = parsePack(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // A problem with the whole file: no entry, nothing valid.
    expect(result.issues).toEqual([
      expect.objectContaining({ entry: undefined, field, ...(code ? { code } : {}) }),
    ]);
    expect(result.valid).toEqual([]);
    expect(validateWithJsonSchema(JSON.parse(text))).toBe(false);
  });

  it('gives back none of them for a pack without them, nor an empty licence or revision', () => {
    const plain = parsePack(pack([{ name: 'A' }], { license: '', revision: '' }));
    expect(plain.ok && Object.keys(plain.pack).sort()).toEqual([
      'description',
      'entities',
      'title',
    ]);
  });
});

describe('writePack', () => {
  const entity: Entity = {
    id: 'e1',
    name: 'Hulusi Akar',
    aliases: ['Akar'],
    kind: 'person',
    note: 'Turkish **minister**',
    tags: ['turkey'],
    links: [{ title: 'W', url: 'https://en.wikipedia.org/wiki/Hulusi_Akar' }],
    sources: [],
    origin: 'local',
    createdAt: 1,
    updatedAt: 2,
    matchCase: { Akar: 'exact' },
    extra: { wikidata: 'Q123' },
  };

  it('writes a pack that reads back to the same entities, unknown fields included', () => {
    const result = parsePack(writePack('Mine', [entity]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { id, name, aliases, kind, note, tags, links, matchCase, extra } = entity;
    expect(result.pack.entities).toEqual([
      { id, name, aliases, kind, note, tags, links, sources: [], matchCase, extra },
    ]);
  });

  it('writes in pieces exactly the text JSON.stringify gives the whole pack', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const backup = { id: 'b', exportedAt: now.toISOString() };
    const other = { ...entity, id: 'e2', note: 'two\nlines "quoted"\u2028', extra: {} };
    for (const list of [[], [entity], [entity, other, entity]]) {
      for (const meta of [undefined, backup]) {
        const writer = new PackWriter('Mine', now, meta);
        // Written one note at a time, as the export does a page at a time.
        const pieces =
          writer.head() + list.map((e) => writer.entries([e])).join('') + writer.tail();
        const whole = writePack('Mine', list, now, meta);
        expect(pieces).toBe(whole);
        const doc = JSON.parse(whole) as { entities: unknown[] };
        expect(whole).toBe(`${JSON.stringify(doc, null, 2)}\n`);
        expect(doc.entities).toHaveLength(list.length);
      }
    }
  });

  it('writes a pack the JSON Schema accepts', () => {
    expect(validateWithJsonSchema(JSON.parse(writePack('Mine', [entity])))).toBe(true);
  });

  it('writes a backup whose notes keep their origin and times, and which the JSON Schema accepts', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const text = writeBackup([entity], now, 'backup-1');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc.backup).toEqual({ id: 'backup-1', exportedAt: '2026-12-01T10:00:00.000Z' });
    expect(validateWithJsonSchema(doc)).toBe(true);
    const result = parsePack(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.backup).toEqual({ id: 'backup-1', exportedAt: '2026-12-01T10:00:00.000Z' });
    expect(result.pack.entities[0]).toMatchObject({ origin: 'local', createdAt: 1, updatedAt: 2 });
    // The control: a pack to share carries none of them.
    const shared = parsePack(writePack('Mine', [entity]));
    expect(shared.ok && shared.pack.entities[0]).not.toHaveProperty('origin');
  });

  it("keeps a source's licence through export and import, and refuses one too long, as the JSON Schema does", () => {
    const source = {
      url: 'https://en.wikipedia.org/wiki/Hulusi_Akar',
      title: 'Hulusi Akar',
      at: '2026-12-01T10:00:00.000Z',
      license: 'CC BY-SA 4.0',
    };
    const text = writePack('Mine', [{ ...entity, sources: [source] }]);
    expect(validateWithJsonSchema(JSON.parse(text))).toBe(true);
    const result = parsePack(text);
    expect(result.ok && result.pack.entities[0]!.sources).toEqual([source]);
    // The control: one character past the limit is refused by both, naming the field.
    const long = { ...source, license: 'x'.repeat(LIMITS.sourceLicense + 1) };
    const doc = {
      format: 'backstory-pack',
      version: 1,
      entities: [{ name: 'A', sources: [long] }],
    };
    const refused = parsePack(JSON.stringify(doc));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.issues[0]).toMatchObject({ entry: 1, field: 'sources.0.license' });
    expect(validateWithJsonSchema(doc)).toBe(false);
  });

  it('refuses times that are not UTC moments, naming the entry and field, as the JSON Schema does', () => {
    const doc = {
      format: 'backstory-pack',
      version: 1,
      entities: [{ name: 'A', updatedAt: 'yesterday' }],
    };
    const result = parsePack(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ entry: 1, field: 'updatedAt' });
    expect(validateWithJsonSchema(doc)).toBe(false);
  });

  it('drops a time that names no real moment, lies ahead, or has the update before the creation', () => {
    const read = (createdAt: string, updatedAt: string) => {
      const result = parsePack(
        JSON.stringify({
          format: 'backstory-pack',
          version: 1,
          entities: [{ name: 'A', createdAt, updatedAt }],
        }),
      );
      return result.ok ? result.pack.entities[0]! : null;
    };
    expect(read('2026-02-30T00:00:00Z', '2026-03-01T00:00:00Z')).not.toHaveProperty('createdAt');
    expect(read('2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z')).not.toHaveProperty('updatedAt');
    expect(read('2021-01-01T00:00:00Z', '2020-01-01T00:00:00Z')).not.toHaveProperty('updatedAt');
    expect(read('2020-01-01T00:00:00Z', '2021-01-01T00:00:00.5Z')).toMatchObject({
      createdAt: Date.UTC(2020, 0, 1),
      updatedAt: Date.UTC(2021, 0, 1) + 500,
    });
  });

  it('refuses an unknown field nested too deep or too large, naming entry and field; keeps one within', () => {
    const nested = (depth: number) => {
      let value: unknown = 'leaf';
      for (let i = 1; i < depth; i++) value = { d: value };
      return value;
    };
    const read = (extra: object) => parsePack(pack([{ name: 'A' }, { name: 'B', ...extra }]));
    const deep = read({ deep: nested(3_000) });
    expect(deep.ok).toBe(false);
    if (!deep.ok) {
      expect(deep.issues).toMatchObject([{ entry: 2, field: 'deep', code: 'tooDeep' }]);
      expect(describeIssue(deep.issues[0]!)).toBe(
        'Entry 2, field deep: nested deeper than 16 levels',
      );
      // The rest of the file is still previewed.
      expect(deep.valid.map((e) => e.name)).toEqual(['A']);
    }
    const large = read({ blob: 'x'.repeat(LIMITS.extraChars) });
    expect(large.ok).toBe(false);
    if (!large.ok)
      expect(large.issues).toMatchObject([{ entry: 2, field: 'blob', code: 'tooLarge' }]);
    // The controls: at the limits, kept as they are.
    const within = read({
      deep: nested(LIMITS.extraDepth),
      blob: 'x'.repeat(LIMITS.extraChars - 1_000),
    });
    expect(within.ok).toBe(true);
    if (within.ok)
      expect(within.pack.entities[1]!.extra).toEqual({
        deep: nested(LIMITS.extraDepth),
        blob: 'x'.repeat(LIMITS.extraChars - 1_000),
      });
  });
});

describe('regressions found by the fuzz tests (pack.fuzz.test.ts)', () => {
  const file = (entities: string) =>
    `{"format":"backstory-pack","version":1,"entities":[${entities}]}`;

  // Seed 1202: a case rule for "__proto__" was dropped without a word (valibot leaves such keys
  // out of what it gives back), and so were unknown fields of those names.
  it('keeps a case rule or an unknown field named __proto__, constructor or prototype', () => {
    const result = parsePack(
      file(
        '{"id":"e","name":"constructor","matchCase":{"__proto__":"exact","constructor":"any"},' +
          '"__proto__":{"a":1},"prototype":2,"constructor":[3]}',
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const entity = result.pack.entities[0]!;
    expect(Object.entries(entity.matchCase!)).toEqual([
      ['__proto__', 'exact'],
      ['constructor', 'any'],
    ]);
    expect(Object.entries(entity.extra!)).toEqual([
      ['__proto__', { a: 1 }],
      ['prototype', 2],
      ['constructor', [3]],
    ]);
    // Fields of their own, not the objects' prototypes.
    expect(Object.getPrototypeOf(entity.extra)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(entity.matchCase)).toBe(Object.prototype);
    // And written back out as they came.
    const again = parsePack(
      writePack('T', [{ ...entity, id: 'e', origin: 'local', createdAt: 0, updatedAt: 0 }]),
    );
    expect(again.ok && again.pack.entities).toEqual([entity]);
  });

  // Seed 1404: an unknown field "__proto__" nested too deep passed unchecked, and its entry,
  // which should have been refused, was imported.
  it('refuses an unknown field named __proto__ nested too deep, and a bad case rule for one', () => {
    const deep = `${'{"d":'.repeat(LIMITS.extraDepth + 1)}0${'}'.repeat(LIMITS.extraDepth + 1)}`;
    const result = parsePack(
      file(
        `{"name":"A"},{"name":"B","__proto__":${deep}},` +
          '{"name":"C","matchCase":{"__proto__":"upper"}}',
      ),
    );
    expect(!result.ok && result.issues.map((i) => [i.entry, i.field, i.code])).toEqual([
      [2, '__proto__', 'tooDeep'],
      [3, 'matchCase.__proto__', 'notOneOf'],
    ]);
    expect(!result.ok && result.valid.map((e) => e.name)).toEqual(['A']);
  });

  // Seed 1201: a problem quoted the value it found, or the field's name, whole (a key of 5,000
  // characters, text where a list belongs), so the report on a large file was as large again.
  it('quotes at most 100 characters of what it found and of the field it names', () => {
    const result = parsePack(
      pack([
        { name: 'A', matchCase: { ['k'.repeat(5_000)]: 'any' } },
        { name: 'B', aliases: 'x'.repeat(5_000) },
        { name: 'C', ['u'.repeat(5_000)]: 'x'.repeat(LIMITS.extraChars) },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.entry, i.field, i.code])).toEqual([
      [1, `matchCase.${'k'.repeat(90)}…`, 'tooLong'],
      [2, 'aliases', 'wrongType'],
      [3, `${'u'.repeat(100)}…`, 'tooLarge'],
    ]);
    expect(result.issues[1]!.params).toEqual(['Array', `"${'x'.repeat(99)}…`]);
    for (const issue of result.issues) expect(describeIssue(issue).length).toBeLessThan(300);
  });

  // Seed 1201: a case rule outside its choices was reported with the choices of a kind, so the
  // manager told the reader a case rule "must be one of person, organization, place…".
  it('names the choices of a case rule for a wrong case rule', () => {
    const result = parsePack(pack([{ name: 'A', matchCase: { A: 'upper' } }]));
    expect(!result.ok && result.issues).toMatchObject([
      { field: 'matchCase.A', code: 'notOneOf', params: ['exact, any'] },
    ]);
  });

  // Seed 1403: a tag holding half of a character (a "\ud800" escape) was imported; a CSV
  // export saved it as U+FFFD, and the note came back another.
  it('refuses text holding half of a character, naming entry and field; keeps whole ones', () => {
    const result = parsePack(
      pack([
        { name: ' \u0000', tags: [' \ud800'] },
        { name: 'B', note: 'cut \ud83d', links: [{ title: '\ude00', url: 'https://e.org/' }] },
        { name: 'C \ud83d\ude00', matchCase: { '\udfff': 'any' } },
      ]),
    );
    expect(!result.ok && result.issues.map((i) => [i.entry, i.field, i.code])).toEqual([
      [1, 'tags.0', 'notText'],
      [2, 'note', 'notText'],
      [2, 'links.0.title', 'notText'],
      [3, 'matchCase.\udfff', 'notText'],
    ]);
  });

  // Seed 1201: an unknown field's 1e400 (Infinity to JSON.parse) was kept as Infinity, and its
  // backup wrote null; the restored collection was another.
  it('keeps numbers in unknown fields as JSON writes them back: 1e400 as null, -0 as 0', () => {
    const result = parsePack(file('{"name":"A","":{"n":1e400,"m":-0,"k":[-1e400,1e-400]}}'));
    expect(result.ok && result.pack.entities[0]!.extra).toEqual({
      '': { n: null, m: 0, k: [null, 0] },
    });
    expect(
      result.ok && Object.is((result.pack.entities[0]!.extra![''] as { m: number }).m, 0),
    ).toBe(true);
  });
});
