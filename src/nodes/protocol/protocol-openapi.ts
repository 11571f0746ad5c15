// Small builders for the protocol document's OpenAPI parts (protocol-document.ts, protocol-challenge.ts).
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const problem = {
  description: 'Refused: application/problem+json naming the field and the reason',
  content: { 'application/problem+json': { schema: ref('Problem') } },
};
/** The answer for `status` (200 unless said), and the problem answer for any 4xx. */
export const ok = (name: string, status = '200') => ({ [status]: { description: 'OK', ...json(name) }, '4XX': problem });
/** A required JSON body of schema `name`, with its example. */
export const requestBody = (name: string, example: unknown) => ({ required: true, content: { 'application/json': { schema: ref(name), example } } });
/** POSTs that carry no data: the body is an empty JSON object, still signed like any other. */
export const emptyBody = { required: false, content: { 'application/json': { schema: { type: 'object', maxProperties: 0 }, example: {} } } };
export const idParam = (name: string, what: string) => ({ name, in: 'path', required: true, description: what, schema: { type: 'string' } });
/** Agent calls: signed with the node key (x-signing). */
export const signed = [{ nodeSignature: [] }];
/** Market calls: an API key with the nodes:operate scope. */
export const apiKey = [{ apiKey: [] }];
