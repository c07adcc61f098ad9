import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodBody } from './zod-body.pipe';

/** A shared schema as OpenAPI 3.0 describes it: the body it accepts (input) or the answer it gives (output). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io }) as Record<
    string,
    unknown
  >;
}

/**
 * The request body, validated by a shared schema, and documented in the
 * OpenAPI description from that same schema: one source for both.
 */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodBody(schema))(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) return;
    ApiBody({ schema: openApiSchema(schema, 'input') })(target, key, descriptor);
  };
}
