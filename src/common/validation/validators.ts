import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

interface Options {
  optional?: boolean;
  description?: string;
  /** Still accepted, documented as deprecated. */
  deprecated?: boolean;
}

const doc = (options: Options, schema: Record<string, unknown>) => {
  const base = { description: options.description, deprecated: options.deprecated, ...schema };
  return options.optional ? ApiPropertyOptional(base) : ApiProperty(base);
};

/**
 * An optional field: it may be left out, and then it is not validated. `null` is validated like
 * any other value, so it is refused by the field's type (class-validator's own `IsOptional` lets
 * `null` through to the services). A field that `null` clears says so and allows it explicitly.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

const maybe = (options: Options) => (options.optional ? [Optional()] : []);

/** A nested object of a DTO class: an array or a primitive in its place is refused. */
export function ValidateNestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** Lower-case kebab identifier of 3–64 characters (issuers, standards). */
export function ValidateSlug(options: Options = {}): PropertyDecorator {
  return applyDecorators(
    ...maybe(options),
    IsString(),
    Length(3, 64),
    Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: '$property must be lower-case kebab' }),
    doc(options, { type: String, example: 'co-ens', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' }),
  );
}

/**
 * A country code. Only the shape is checked here; whether the country exists is a business rule
 * (422 INVALID_REFERENCE), checked by the service against the reference data.
 */
export function ValidateCountry(options: Options = {}): PropertyDecorator {
  return applyDecorators(
    ...maybe(options),
    IsString(),
    MaxLength(8),
    doc(options, { type: String, example: 'CO', description: 'ISO 3166-1 alpha-2' }),
  );
}

/** A calendar date, `YYYY-MM-DD`. */
export function ValidateDate(options: Options = {}): PropertyDecorator {
  return applyDecorators(
    ...maybe(options),
    IsString(),
    Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
      message: '$property must be a date YYYY-MM-DD',
    }),
    doc(options, { type: String, format: 'date', example: '2026-01-01' }),
  );
}

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a
// name read differently from what it is; the marks (U+200E, U+200F) stay allowed.
const BIDI_CONTROLS = /^[^\u202A-\u202E\u2066-\u2069]*$/;

/** Free text of bounded length, without bidirectional override characters. */
export function ValidateText(max: number, options: Options = {}): PropertyDecorator {
  return applyDecorators(
    ...maybe(options),
    IsString(),
    Length(1, max),
    Matches(BIDI_CONTROLS, { message: '$property must not contain bidirectional overrides' }),
    doc(options, { type: String, maxLength: max }),
  );
}

/** A did:key DID of an Ed25519 key (issuers that keep their own keys). */
export function ValidateDidKey(options: Options = {}): PropertyDecorator {
  return applyDecorators(
    ...maybe(options),
    IsString(),
    Matches(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{40,60}$/, {
      message: '$property must be an Ed25519 did:key',
    }),
    doc(options, { type: String, example: 'did:key:z6Mk…' }),
  );
}
