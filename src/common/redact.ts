// Keeping secrets out of messages. Config errors echo what was wrong, and upstream libraries quote the URL they
// called; URLs carry credentials (postgres://user:password@…) and API keys (https://rpc.example/v2/<key>, ?api-key=…).

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)$/i;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** A URL reduced to its scheme and host (credentials, path and query dropped); anything else unchanged. */
export function redactUrl(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(value);
  if (!scheme) return value;
  try {
    const url = new URL(value);
    const rest = url.pathname.replace(/^\/$/, '') || url.search || url.username || url.password || !url.host ? '/…' : '';
    return `${url.protocol}//${url.host}${rest}`;
  } catch {
    return `${scheme[1]}//…`;
  }
}

/** A request URL with every query value replaced (names kept): keys and tokens sent in a query stay out of logs. */
export function redactQueryValues(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${url.slice(0, q)}?${names.join('&')}`;
}

/** Every URL in a message reduced to scheme and host: for errors of libraries that quote the URL they called. */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/** How a configuration value may be shown in an error: hidden when its name says secret, URLs reduced. */
export function displayableConfigValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'null';
  if (SECRET_NAME.test(name)) return '(hidden)';
  return JSON.stringify(redactUrl(value));
}
