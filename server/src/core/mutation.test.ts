import { ArrayMinSize, IsNotEmpty, Max, MaxLength, Min, MinLength, ValidateNested, validate } from 'class-validator';
import { toUserErrors } from './mutation';

class LineInput {
  @Min(0)
  @Max(100)
  sharePercent!: number;
}

class ExampleInput {
  @MaxLength(20)
  title!: string;

  @MinLength(1)
  purpose!: string;

  @MinLength(5)
  code!: string;

  @IsNotEmpty()
  owner!: string;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  lines!: LineInput[];
}

const params = (e: { parameters: Array<{ name: string; value: string }> }) => Object.fromEntries(e.parameters.map((p) => [p.name, p.value]));

describe('toUserErrors', () => {
  it('gives each class-validator error a stable code, the field path and the rule with its limits', async () => {
    const input = Object.assign(new ExampleInput(), {
      title: 'x'.repeat(21),
      purpose: '',
      code: 'abc',
      owner: '',
      lines: [Object.assign(new LineInput(), { sharePercent: 105 })],
    });
    const errors = toUserErrors(await validate(input, { validationError: { target: true, value: false } }), ['input']);
    const byField = Object.fromEntries(errors.map((e) => [e.field.join('.'), { code: e.code, ...params(e) }]));
    expect(byField).toEqual({
      'input.title': { code: 'TOO_LONG', constraint: 'maxLength', max: '20' },
      'input.purpose': { code: 'REQUIRED', constraint: 'minLength', min: '1' },
      'input.code': { code: 'INVALID', constraint: 'minLength', min: '5' },
      'input.owner': { code: 'REQUIRED', constraint: 'isNotEmpty' },
      'input.lines.0.sharePercent': { code: 'INVALID', constraint: 'max', max: '100' },
    });
    // The English message stays for API consumers.
    expect(errors.find((e) => e.field.join('.') === 'input.title')?.message).toMatch(/20 characters/);
  });

  it('still names the rule when the error carries no target to read limits from', async () => {
    const input = Object.assign(new ExampleInput(), { title: 'x'.repeat(21), purpose: 'p', code: 'abcde', owner: 'o', lines: [] });
    const errors = toUserErrors(await validate(input, { validationError: { target: false, value: false } }), ['input']);
    expect(errors.map((e) => [e.field.join('.'), e.code, params(e)])).toEqual([
      ['input.title', 'TOO_LONG', { constraint: 'maxLength' }],
      ['input.lines', 'INVALID', { constraint: 'arrayMinSize' }], // without the limit, "at least 1" cannot be told from "at least 5"
    ]);
  });
});
