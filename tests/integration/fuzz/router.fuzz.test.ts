// Property test: 10,000 hostile messages through the real router, search and renderers.
// No exception escapes and no handler crashes, IRC lines stay within 512 bytes with no CR/LF/NUL, Matrix HTML is escaped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderHtml } from '../../../src/render/html.ts';
import { lineBudget, wireLines } from '../../../src/transports/irc/lines.ts';
import { utf8Length } from '../../../src/core/text.ts';
import { createRootLogger } from '../../../src/log.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { roomMsg } from '../../helpers/messages.ts';

const app = createApp({
  dbPath: ':memory:',
  // The largest burst the config allows, and a clock a second ahead per reading: every
  // message is answered (none is merely rate-limited), so every renderer path is exercised.
  config: validateConfig({ rateLimit: { burst: 1000, refillSeconds: 0.001 } }),
  clock: (() => {
    let t = Date.parse('2025-06-01T00:00:00Z');
    return () => new Date((t += 1000));
  })(),
  log: createRootLogger({ level: 'silent', format: 'json' }),
});
seedIfEmpty(app.repo);

// Worst case the server relays: ":" + nick(30) + "!~" + user(10) + "@" + host(63) + " PRIVMSG "
// + target(50) + " :" + text + CRLF.
const NICK = 'n'.repeat(30);
const TARGET = '#' + 'c'.repeat(49);
const prefixBytes = (line: string) => utf8Length(`:${NICK}!~${'u'.repeat(10)}@${'h'.repeat(63)} PRIVMSG ${TARGET} :${line}\r\n`);
const BUDGET = lineBudget({ target: TARGET, nick: NICK, user: 'u'.repeat(10), configured: 400 });
const ALLOWED_TAG = /^<(\/?(b|code|a)|a href="https?:\/\/[^"<>]*"|br)>$/;

const invalidUtf8 = fc.uint8Array({ maxLength: 64 }).map((b) => new TextDecoder('utf-8', { fatal: false }).decode(b));
const loneSurrogates = fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 8 }).map((cs) => String.fromCharCode(...cs));
const controls = fc.array(fc.integer({ min: 0, max: 0x1f }), { maxLength: 16 }).map((cs) => String.fromCharCode(...cs));
const ftsSyntax = fc.constantFrom('"', 'AND', 'OR', 'NOT', 'NEAR(', ')', '*', '^', 'title:', '-', '+', "it's", '{title}:x', '""');
const ircCodes = fc.constantFrom('\x02', '\x03', '\x034,5', '\x0f', '\x16', '\x1d', '\x1f', '\x01ACTION x\x01', '\r\nQUIT :bye');
const html = fc.constantFrom('<script>alert(1)</script>', '<b>', '&amp;', '"><img src=x onerror=1>', "'", '</a>');
const words = fc.constantFrom('eventlet', 'OTU', 'gibi', 'sev-snp', 'hw:io_threads', 'more', 'topics', 'nova', 'flamingo', 'who', 'the');
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  invalidUtf8,
  loneSurrogates,
  controls,
  ftsSyntax,
  ircCodes,
  html,
  words,
);
const body = fc.oneof(
  { weight: 10, arbitrary: fc.array(piece, { maxLength: 12 }).map((ps) => ps.join(' ')) },
  { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 12_000 }).map((n) => 'é'.repeat(n)) },
);
const message = fc
  .tuple(
    fc.constantFrom(
      '!ptg ',
      '!ptg more ',
      '!ptg topics ',
      '!ptg import ',
      '!help ',
      '!help triage ',
      '!',
      'cyclebot: ptg ',
      '!status',
      '!whoami ',
      '!triage ',
      '!triage dup ',
      '!schedule ',
      '!schedule all ',
      '',
    ),
    body,
  )
  .map(([p, b]) => p + b);

describe('fuzzing the router and renderers', () => {
  it('survives 10,000 hostile messages with safe output', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const result = await app.router.handle(roomMsg(text));
        // A handler that throws is answered politely, but it is a bug: no input may cause one.
        expect(result.kind, text).not.toBe('crashed');
        if (result.kind === 'ignored') return;
        for (const reply of result.replies) {
          for (const line of wireLines(reply, BUDGET, 4)) {
            expect(line).not.toMatch(/[\r\n\0]/);
            expect(prefixBytes(line)).toBeLessThanOrEqual(512);
          }
          for (const l of reply.lines) {
            const htmlLine = renderHtml(l);
            for (const tag of htmlLine.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(ALLOWED_TAG);
            expect(htmlLine).not.toMatch(/[\r\n\0]/);
          }
        }
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
