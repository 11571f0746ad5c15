// The typed client (client/, @switchyard/client) cannot drift from the API: this starts the service, reads
// the document it serves at /docs/json, renders it to TypeScript with the same generator and options as
// `npm run generate -w @switchyard/client`, and fails when that differs from the checked-in client/src/schema.d.ts.
// After an intended API change: `UPDATE_CLIENT_TYPES=1 npm test -- test/client-types.test.ts` rewrites it.
import fs from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { startTestApp, TestApp } from './support/test-app';

const { typesFromDocument } = require('../client/scripts/types-from-document.cjs') as { typesFromDocument(document: unknown): Promise<string> };
const SCHEMA = path.resolve(__dirname, '../client/src/schema.d.ts');

describe('the typed client against the live OpenAPI document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('has checked-in types equal to what the served document generates', async () => {
    const document = (await axios.get(`${app.url}/docs/json`)).data;
    const generated = await typesFromDocument(document);
    if (process.env.UPDATE_CLIENT_TYPES === '1') fs.writeFileSync(SCHEMA, generated);
    const checkedIn = fs.existsSync(SCHEMA) ? fs.readFileSync(SCHEMA, 'utf8') : '(missing)';
    expect(checkedIn).toEqual(generated);
  });
});
