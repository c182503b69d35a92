// The fake Launchpad's OAuth: +request-token, +access-token (approved after a number of polls)
// and the PLAINTEXT check of a write's Authorization header.
import type { LaunchpadState, Recorded, Send, Text } from './state.ts';

export function requestToken(lp: LaunchpadState, rec: Recorded, send: Send): void {
  const form = new URLSearchParams(rec.body);
  if (!form.get('oauth_consumer_key')) return send(401, 'Unauthorized', { 'Content-Type': 'text/plain' });
  const seq = lp.nextSeq();
  const token = `req${seq}`;
  const secret = `reqsecret${seq}`;
  lp.requestTokens.set(token, { secret, pollsLeft: lp.approveAfterPolls });
  send(200, new URLSearchParams({ oauth_token: token, oauth_token_secret: secret }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
}

export function accessToken(lp: LaunchpadState, rec: Recorded, send: Send, text: Text): void {
  const form = new URLSearchParams(rec.body);
  const t = lp.requestTokens.get(form.get('oauth_token') ?? '');
  if (!t || form.get('oauth_signature') !== `&${t.secret}` || form.get('oauth_signature_method') !== 'PLAINTEXT') return text(401, 'Invalid request token.');
  if (t.pollsLeft > 0) {
    t.pollsLeft--;
    return text(401, 'Request token has not yet been reviewed. Try again later.');
  }
  lp.requestTokens.delete(form.get('oauth_token')!);
  const seq = lp.nextSeq();
  const token = `acc${seq}`;
  const secret = `accsecret${seq}`;
  lp.tokens.set(token, { secret, supervisor: true });
  send(200, new URLSearchParams({ oauth_token: token, oauth_token_secret: secret, 'lp.context': 'None' }).toString(), {
    'Content-Type': 'application/x-www-form-urlencoded',
  });
}

/** ok: a valid token; supervisor: and in the bug team; unknown: 401; bad-method: not PLAINTEXT. */
export function authorize(lp: LaunchpadState, rec: Recorded): 'ok' | 'supervisor' | 'unknown' | 'bad-method' {
  const header = String(rec.headers.authorization ?? '');
  if (!header.startsWith('OAuth ')) return 'unknown';
  const params = new Map<string, string>();
  for (const m of header.slice(6).matchAll(/(\w+)="([^"]*)"/g)) params.set(m[1], decodeURIComponent(m[2]));
  if (params.get('oauth_signature_method') !== 'PLAINTEXT') return 'bad-method';
  const t = lp.tokens.get(params.get('oauth_token') ?? '');
  if (!t || params.get('oauth_signature') !== `&${t.secret}`) return 'unknown';
  return t.supervisor ? 'supervisor' : 'ok';
}
