import { afterEach, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  HEALTH_EXAMPLE,
  OFFBOARDING_EXAMPLE,
  ONBOARDING_ADDRESS_LINE_EXAMPLE,
  ONBOARDING_EXAMPLE,
} from '../../shared/protocol/listener';
import { startListener, type Harness } from './listener-harness';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

type OpenApi = {
  openapi: string;
  info: { version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { $ref: string } }> };
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, object> };
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function fetchDocument(): Promise<OpenApi> {
  h = await startListener();
  const res = await fetch(`${h.url}/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(await res.text()) as OpenApi;
}

/** The JSON Schema validator of an operation's request body, resolved from components. */
function requestValidator(doc: OpenApi, path: string) {
  const ref = doc.paths[path]?.['post']?.requestBody?.content['application/json']?.schema.$ref ?? '';
  const name = ref.replace('#/components/schemas/', '');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`no schema ${ref}`);
  return ajv.compile(schema);
}

describe('listener OpenAPI document', () => {
  it('is OpenAPI 3.1 JSON with the three callback paths, needing no token', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.0.0');
    for (const kind of ['onboarding', 'offboarding', 'health']) {
      const op = doc.paths[`/v1/${kind}`]?.['post'];
      expect(op, kind).toBeDefined();
      expect(Object.keys(op?.responses ?? {})).toEqual(
        expect.arrayContaining(['202', '400', '401', '403', '413', '415', '429', '503']),
      );
    }
    expect(doc.paths['/v1/openapi.json']?.['get']?.security).toEqual([]);
    expect(doc.paths['/healthz']?.['get']).toBeDefined();
  });

  it('has request schemas that accept the examples of listener-api.md', async () => {
    const doc = await fetchDocument();
    for (const [path, example] of [
      ['/v1/onboarding', ONBOARDING_EXAMPLE],
      ['/v1/onboarding', ONBOARDING_ADDRESS_LINE_EXAMPLE],
      ['/v1/offboarding', OFFBOARDING_EXAMPLE],
      ['/v1/health', HEALTH_EXAMPLE],
    ] as const) {
      const validate = requestValidator(doc, path);
      expect(validate(example), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // Unknown fields are part of the contract.
      expect(validate({ ...example, futureField: { nested: true } })).toBe(true);
    }
  });

  it('has request schemas that refuse what the listener refuses', async () => {
    const doc = await fetchDocument();
    const onboarding = requestValidator(doc, '/v1/onboarding');
    expect(onboarding({ ...ONBOARDING_EXAMPLE, serialNumber: 'has space' })).toBe(false);
    expect(onboarding({ ...ONBOARDING_EXAMPLE, devices: [{ type: 'toaster' }] })).toBe(false);
    expect(onboarding({ contractNumber: 'C-1' })).toBe(false);
    const health = requestValidator(doc, '/v1/health');
    expect(health({ serialNumber: 'SG1-1', status: 'fine' })).toBe(false);
    expect(health({ ...HEALTH_EXAMPLE, eventId: 'x'.repeat(201) })).toBe(false);
  });
});
