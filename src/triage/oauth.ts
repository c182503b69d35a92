// OAuth 1.0a as Launchpad does it: PLAINTEXT signatures only, an empty consumer secret, so the
// signature is "&<token secret>". The token dance: +request-token, a human approves
// +authorize-token in a browser, +access-token exchanges the request token (401 until approved).
import { randomBytes } from 'node:crypto';
import { type Http, LaunchpadError } from './http.ts';

export interface OAuthCredentials {
  consumerKey: string;
  token: string;
  tokenSecret: string;
}

const quote = (v: string) => `"${encodeURIComponent(v)}"`;

/** The Authorization header of every signed API call. */
export function authorizationHeader(c: OAuthCredentials, nowMs = Date.now(), nonce = randomBytes(8).toString('hex')): string {
  const parts: [string, string][] = [
    ['oauth_consumer_key', c.consumerKey],
    ['oauth_token', c.token],
    ['oauth_signature_method', 'PLAINTEXT'],
    ['oauth_signature', `&${c.tokenSecret}`],
    ['oauth_timestamp', String(Math.floor(nowMs / 1000))],
    ['oauth_nonce', nonce],
    ['oauth_version', '1.0'],
  ];
  return `OAuth realm="https://api.launchpad.net/", ${parts.map(([k, v]) => `${k}=${quote(v)}`).join(', ')}`;
}

export interface RequestToken {
  token: string;
  secret: string;
  /** Where a human approves it. */
  authorizeUrl: string;
}

/** Step 1: a request token for the consumer key. */
export async function requestToken(http: Http, webUrl: string, consumerKey: string): Promise<RequestToken> {
  const web = webUrl.replace(/(?<!\/)\/+$/, ''); /* lookbehind: a trailing run is tried once */
  const res = await http.request(`${web}/+request-token`, {
    method: 'POST',
    what: 'a request token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ oauth_consumer_key: consumerKey, oauth_signature_method: 'PLAINTEXT', oauth_signature: '&', oauth_version: '1.0' }).toString(),
  });
  const got = tokenPair(res.text);
  return { ...got, authorizeUrl: `${web}/+authorize-token?oauth_token=${encodeURIComponent(got.token)}&allow_permission=WRITE_PUBLIC` };
}

/** Step 3: the access token, or null while the request token is not yet approved (401). */
export async function accessToken(
  http: Http,
  webUrl: string,
  consumerKey: string,
  request: { token: string; secret: string },
): Promise<OAuthCredentials | null> {
  const web = webUrl.replace(/(?<!\/)\/+$/, ''); /* lookbehind: a trailing run is tried once */
  try {
    const res = await http.request(`${web}/+access-token`, {
      method: 'POST',
      what: 'the access token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        oauth_consumer_key: consumerKey,
        oauth_token: request.token,
        oauth_signature_method: 'PLAINTEXT',
        oauth_signature: `&${request.secret}`,
        oauth_version: '1.0',
      }).toString(),
    });
    const got = tokenPair(res.text);
    return { consumerKey, token: got.token, tokenSecret: got.secret };
  } catch (err) {
    if (err instanceof LaunchpadError && err.kind === 'unauthorized') return null;
    throw err;
  }
}

/** Reads oauth_token / oauth_token_secret from a form-encoded or JSON answer. */
export function tokenPair(text: string): { token: string; secret: string } {
  let token: string | null = null;
  let secret: string | null = null;
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const j = JSON.parse(t) as Record<string, unknown>;
      token = typeof j.oauth_token === 'string' ? j.oauth_token : null;
      secret = typeof j.oauth_token_secret === 'string' ? j.oauth_token_secret : null;
    } catch {
      // fall through to the error below
    }
  } else {
    const p = new URLSearchParams(t);
    token = p.get('oauth_token');
    secret = p.get('oauth_token_secret');
  }
  if (!token || !secret) throw new LaunchpadError('http', 'Launchpad sent no oauth_token/oauth_token_secret');
  return { token, secret };
}
