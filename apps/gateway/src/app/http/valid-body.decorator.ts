import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodBody } from './zod-body.pipe';

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
    const jsonSchema = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
    ApiBody({ schema: jsonSchema as Record<string, unknown> })(target, key, descriptor);
  };
}
