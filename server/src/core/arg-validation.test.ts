import { getMetadataStorage as validationStorage, IsUUID, MaxLength, registerDecorator, validateSync } from 'class-validator';
import { ArgumentValidationError, getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from '../schema';
import { createTestApp, TestApp } from '../testing/harness';
import { syncArgumentValidation } from './input-guard';

/**
 * Input-object arguments are validated by a validateFn made once per argument (core/input-guard.ts
 * syncArgumentValidation) over class-validator rules looked up once per class (memoiseValidationMetadata):
 * the same typed errors naming the field as type-graphql's own path gave, and validate: false still respected.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 30 });
});
afterAll(() => app?.close());

const as = { email: 'consultant@midtjylland.demo' };
type Param = { kind: string; methodName: string; index: number; validateFn?: unknown; validateSettings?: unknown };
const param = (methodName: string, index: number) =>
  (getMetadataStorage().params as unknown as Param[]).find((p) => p.methodName === methodName && p.index === index)!;

describe('input-object arguments through the app', () => {
  it('checks firms(search:) with a validateFn of its own and names every broken field', async () => {
    buildAppSchema();
    expect(typeof param('firms', 0).validateFn).toBe('function');
    const r = await app.exec('query($s: FirmSearch) { firms(search: $s) { edges { node { id } } } }', { s: { municipalityId: 'not-a-uuid', namePrefix: 'x'.repeat(201) } }, as);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        { field: 'namePrefix', message: expect.stringMatching(/shorter than or equal to 200/) },
        { field: 'municipalityId', message: expect.stringMatching(/UUID/) },
      ]),
    });
    expect((r.errors?.[0]?.extensions?.fields as unknown[]).length).toBe(2);
  });

  it('lets a valid search through, twice (the memoised rules answer the same)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await app.exec('{ firms(search: { namePrefix: "a" }, first: 2) { edges { node { id } } } }', {}, as);
      expect(r.errors).toBeUndefined();
    }
  });

  it('leaves validate: false arguments alone: createFirm turns a rule break into userErrors, not an error', async () => {
    expect(param('createFirm', 0).validateSettings).toBe(false);
    expect(param('createFirm', 0).validateFn).toBeUndefined();
    const r = await app.exec('mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id } userErrors { field code } } }', { i: { country: 'DK', name: 'x'.repeat(201) } }, as);
    expect(r.errors).toBeUndefined();
    expect((r.data as { createFirm: { userErrors: unknown[] } }).createFirm.userErrors).toEqual([{ field: ['input', 'name'], code: 'TOO_LONG' }]);
  });
});

describe('the mechanism', () => {
  it('sees a rule of a class declared after the rules were memoised', () => {
    buildAppSchema();
    class Later {
      @MaxLength(3)
      code!: string;
    }
    const first = validateSync(Object.assign(new Later(), { code: 'abcd' }), { forbidUnknownValues: false });
    expect(first.map((e) => e.property)).toEqual(['code']);
    class EvenLater extends Later {
      @IsUUID()
      id!: string;
    }
    const second = validateSync(Object.assign(new EvenLater(), { code: 'abcd', id: 'x' }), { forbidUnknownValues: false });
    expect(second.map((e) => e.property).sort()).toEqual(['code', 'id']);
  });

  it('throws type-graphql\'s ArgumentValidationError, for each object of a list too', () => {
    class Item {
      @MaxLength(2)
      v!: string;
    }
    const p = { kind: 'arg', getType: () => Item } as { kind: string; getType: () => unknown; validateFn?: (v: unknown) => void };
    expect(syncArgumentValidation([p], { forbidUnknownValues: false }, validationStorage() as never)).toBe(1);
    expect(() => p.validateFn!(Object.assign(new Item(), { v: 'ok' }))).not.toThrow();
    expect(() => p.validateFn!(null)).not.toThrow();
    expect(() => p.validateFn!([Object.assign(new Item(), { v: 'ok' }), Object.assign(new Item(), { v: 'too long' })])).toThrow(ArgumentValidationError);
  });

  it('changes nothing while any rule is asynchronous (validateSync would skip it)', () => {
    class WithAsync {
      v!: string;
    }
    registerDecorator({ name: 'slowCheck', target: WithAsync, propertyName: 'v', async: true, validator: { validate: async () => true } });
    const p = { kind: 'arg', getType: () => String } as { kind: string; getType: () => unknown; validateFn?: unknown };
    const q = { kind: 'arg', getType: () => WithAsync } as typeof p;
    expect(syncArgumentValidation([p, q], {}, validationStorage() as never)).toBe(0);
    expect(q.validateFn).toBeUndefined();
  });
});
