import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, ValidateIf } from 'class-validator';

/** May be left out, but when given may not be null (`IsOptional` would let null through). */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** May be left out or null (null clears the value on PATCH). */
export const OptionalNullable = () => ValidateIf((_, value) => value !== undefined && value !== null);

/**
 * A query parameter that may be left out; an empty one (`?type=&hasAvailableBed=true`, as the contract's
 * template reads) counts as left out.
 */
export const QueryOptional = () =>
  applyDecorators(
    Transform(({ value }) => (value === '' ? undefined : value)),
    OptionalNotNull(),
  );

/** `?flag=true|false` in a query string. */
export const QueryBoolean = () =>
  applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value === '' ? undefined : value)),
    OptionalNotNull(),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );

/** `?type=hostel,refuge` or `?type=hostel&type=refuge`. */
export const QueryList = (allowed?: readonly string[]) =>
  applyDecorators(
    Transform(({ value }) => {
      if (value === undefined || value === '') return undefined;
      const list = (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);
      return list.length ? list : undefined;
    }),
    OptionalNotNull(),
    IsArray(),
    ...(allowed ? [IsIn(allowed, { each: true, message: ({ property }) => `each ${property} must be one of ${allowed.join(', ')}` })] : []),
  );
