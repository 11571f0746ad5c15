// One source of truth for the API's contract: each route names the zod schemas that validate its input and
// describe its answers; src/common/openapi.ts turns them into the OpenAPI document (zod 4's own
// z.toJSONSchema: JSON Schema 2020-12, as OpenAPI 3.1 uses it), so the document cannot drift from what the code validates.
import { SetMetadata } from '@nestjs/common';
import { z, ZodType } from 'zod';

export const API_CONTRACT = 'switchyard.api-contract';

export interface ApiContractSpec {
  /** zod object of the path parameters. */
  params?: z.ZodObject;
  /** zod object of the query parameters (as the controller parses them). */
  query?: z.ZodObject;
  /** The JSON request body. */
  body?: ZodType;
  /** An example request body. */
  bodyExample?: unknown;
  /** Also accepts a job document as YAML (an Akash SDL). */
  yamlBody?: boolean;
  /** Success statuses and their JSON bodies (absent: Nest's default success response is kept). */
  responses?: Record<number, { description: string; schema?: ZodType; example?: unknown; mediaType?: string }>;
  /** Error statuses this route answers (problem+json) beyond those every route shares. */
  errors?: number[];
  /** Response headers worth naming (e.g. Location on 202). */
  headers?: Record<number, Record<string, string>>;
  /** Request headers (name → description). */
  requestHeaders?: Record<string, string>;
}

/** Declares a route's contract (read by the OpenAPI document builder). */
export const ApiContract = (spec: ApiContractSpec) => SetMetadata(API_CONTRACT, spec);

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12, which OpenAPI 3.1 uses as it is). */
export function openApiSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** The one error body: RFC 9457 problem details. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .catchall(z.unknown());
