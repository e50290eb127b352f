import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { createValidationPipe } from './validation-pipe.js';

class DocumentDto {
  @IsString()
  country: string;
}

class PersonDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(0)
  age: number;

  @ValidateNested()
  @Type(() => DocumentDto)
  document: DocumentDto;
}

async function validate(value: unknown): Promise<unknown> {
  return createValidationPipe().transform(value, { type: 'body', metatype: PersonDto });
}

describe('the global validation pipe', () => {
  it('accepts a valid body as the DTO class', async () => {
    const person = await validate({ name: 'Ana', age: 30, document: { country: 'CO' } });
    expect(person).toBeInstanceOf(PersonDto);
  });

  it('refuses unknown fields, wrong types and nested errors, naming each path', async () => {
    const error = await validate({
      name: 7,
      age: '30',
      extra: true,
      document: { country: 1 },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const { code, errors } = error as AppError;
    expect(code).toBe('VALIDATION_FAILED');
    expect(new Set(errors?.map((e) => e.path))).toEqual(
      new Set(['name', 'age', 'extra', 'document.country']),
    );
  });
});
