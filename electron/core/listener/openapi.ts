import { z } from 'zod';
import { MAX_EVENT_KEYS } from '../../../shared/domain/inventory/event-keys';
import {
  CALLBACK_KINDS,
  CallbackAcceptedSchema,
  HEALTH_EXAMPLE,
  HealthCallbackSchema,
  ListenerProblemSchema,
  OFFBOARDING_EXAMPLE,
  ONBOARDING_ADDRESS_LINE_EXAMPLE,
  ONBOARDING_EXAMPLE,
  OffboardingCallbackSchema,
  OnboardingCallbackSchema,
  type CallbackKind,
} from '../../../shared/protocol/listener';

/** Version of the public callback API; bump only compatibly (listener-api.md). */
export const LISTENER_API_VERSION = '1.0.0';

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, generated so doc and validator agree. */
function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

const problem = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
};

const OPERATIONS: Record<
  CallbackKind,
  { schema: string; summary: string; examples: Record<string, unknown> }
> = {
  onboarding: {
    schema: 'OnboardingCallback',
    summary: 'The controller is ready to be controlled.',
    examples: {
      structured: { value: ONBOARDING_EXAMPLE },
      addressLine: { value: ONBOARDING_ADDRESS_LINE_EXAMPLE },
    },
  },
  offboarding: {
    schema: 'OffboardingCallback',
    summary: 'The external signal was removed; control is no longer possible.',
    examples: { offboarding: { value: OFFBOARDING_EXAMPLE } },
  },
  health: {
    schema: 'HealthCallback',
    summary: 'Status of the controller and its devices, sent regularly.',
    examples: { health: { value: HEALTH_EXAMPLE } },
  },
};

function operation(kind: CallbackKind) {
  const op = OPERATIONS[kind];
  return {
    operationId: kind,
    summary: op.summary,
    description:
      'Unknown fields are kept with the record. A health or offboarding call for an unknown serial is still recorded.',
    parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: `#/components/schemas/${op.schema}` }, examples: op.examples },
      },
    },
    responses: {
      '202': {
        description: 'Durably recorded (also the replayed answer to a repeated idempotency key).',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/CallbackAccepted' } } },
      },
      '400': problem('Invalid body or header; `errors` lists the offending fields.'),
      '401': problem('Missing, unknown or revoked token.', {
        'WWW-Authenticate': { schema: { type: 'string' } },
      }),
      '403': problem('The token is bound to another serial.'),
      '405': problem('Wrong method for this path; `Allow` lists the right one.', {
        Allow: { schema: { type: 'string' } },
      }),
      '413': problem('Body larger than 64 KiB.'),
      '415': problem('Body is not UTF-8 `application/json`.'),
      '422': problem(
        'Idempotency-Key reused with a different request: the key (or `eventId`) already answered a call with another body. That first call stands; this one is not recorded. Send a new event with a new key.',
      ),
      '429': problem('Too many requests.', retryAfter),
      '503': problem(
        'Shutting down, or the call could not be recorded yet; retry with the same idempotency key.',
        retryAfter,
      ),
    },
  };
}

/** The OpenAPI 3.1 document served at `GET /v1/openapi.json`. */
export function buildOpenApiDocument(publicUrl?: string): Record<string, unknown> {
  const paths: Record<string, unknown> = Object.fromEntries(
    CALLBACK_KINDS.map((kind) => [`/v1/${kind}`, { post: operation(kind) }]),
  );
  paths['/v1/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1 document.' } },
    },
  };
  paths['/healthz'] = {
    get: {
      operationId: 'healthz',
      summary: "The listener's own liveness.",
      security: [],
      responses: {
        '200': {
          description: 'Up.',
          content: {
            'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } },
          },
        },
        '503': problem('Shutting down.', retryAfter),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fleetdesk callback listener',
      version: LISTENER_API_VERSION,
      description:
        'Onboarding, offboarding and health callbacks of SmartgridOne controllers. JSON over HTTP(S), body at most 64 KiB, Authorization: Bearer <token>. Errors are RFC 9457 problem documents. Unknown paths answer 404, wrong methods on known paths 405.',
    },
    ...(publicUrl ? { servers: [{ url: publicUrl }] } : {}),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token from Fleetdesk Settings, bound to one controller serial or valid for the whole integration.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: `A repeated key (per token, endpoint and serial) with the same body returns the first answer without a second effect; with a different body it is refused (422). The last ${MAX_EVENT_KEYS.toLocaleString('en')} keys recorded are remembered. Defaults to the body \`eventId\`.`,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
      schemas: {
        OnboardingCallback: schemaOf(OnboardingCallbackSchema),
        OffboardingCallback: schemaOf(OffboardingCallbackSchema),
        HealthCallback: schemaOf(HealthCallbackSchema),
        CallbackAccepted: schemaOf(CallbackAcceptedSchema),
        Problem: schemaOf(ListenerProblemSchema),
      },
    },
  };
}
