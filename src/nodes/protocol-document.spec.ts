import fs from 'node:fs';
import path from 'node:path';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { AgentController } from './agent.controller';
import { NativeMarketController } from './native-market.controller';
import { ProtocolController } from './protocol.controller';
import { PROTOCOL_EXAMPLES, protocolDocument } from './protocol/protocol-document';
import { SIGNATURE_VERSION } from './protocol/request-signature';
import { CHALLENGE_VERSION } from './protocol/challenge';

/** Where the native adapter keeps its copy of the document (adapters/ never imports src/). */
const ADAPTER_COPY = path.resolve(__dirname, '../../adapters/native/native.contract-schema.json');

/** Every route a controller serves, as "METHOD /path/{param}". */
function routesOf(controller: new (...args: never[]) => unknown): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
  return Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => controller.prototype[name as keyof typeof controller.prototype] as object)
    .filter((fn) => Reflect.getMetadata(PATH_METADATA, fn) !== undefined)
    .map((fn) => {
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
      const sub = (Reflect.getMetadata(PATH_METADATA, fn) as string).replace(/:(\w+)/g, '{$1}');
      return `${method} /${base}/${sub}`.replace(/\/+$/, '');
    });
}

describe('the coordinator protocol document', () => {
  const doc = protocolDocument() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
    components: unknown;
    'x-signing': { canonicalString: { lines: string[] } };
    'x-challenge': { version: string };
  };
  const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));

  it('documents every agent and market route the coordinator serves, and nothing else', () => {
    const served = [...routesOf(AgentController), ...routesOf(NativeMarketController)].sort();
    expect(documented.sort()).toEqual(served);
    expect(routesOf(ProtocolController)).toEqual(['GET /v1/agent/protocol.json']);
  });

  it('states the signing and challenge rules from the constants the code uses', () => {
    expect(doc['x-signing'].canonicalString.lines[0]).toBe(SIGNATURE_VERSION);
    expect(doc['x-challenge'].version).toBe(CHALLENGE_VERSION);
  });

  it('has examples that its own generated JSON schemas accept (not only zod)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'protocol', components: doc.components });
    for (const [name, example] of Object.entries(PROTOCOL_EXAMPLES)) {
      const validate = ajv.getSchema(`protocol#/components/schemas/${name}`)!;
      expect({ name, ok: validate(example), errors: validate.errors ?? null }).toEqual({ name, ok: true, errors: null });
    }
  });

  it('is the same document the native adapter keeps its copy of (regenerate: UPDATE_PROTOCOL_DOCUMENT=1 npx jest src/nodes/protocol-document.spec.ts)', () => {
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (process.env.UPDATE_PROTOCOL_DOCUMENT === '1') fs.writeFileSync(ADAPTER_COPY, text);
    expect(fs.readFileSync(ADAPTER_COPY, 'utf8')).toBe(text);
  });
});
