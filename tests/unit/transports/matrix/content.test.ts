import { describe, expect, it } from 'vitest';
import { buildNotice } from '../../../../src/transports/matrix/content.ts';

describe('buildNotice', () => {
  it('renders plain and escaped HTML lines as an m.notice reply without a fallback', () => {
    const c = buildNotice(
      {
        lines: [
          [{ bold: 'Eventlet <removal>' }, ' & more'],
          ['see ', { link: 'https://example.org/a?b=1&c=2', label: 'the "plan"' }],
        ],
      },
      { inReplyTo: '$q', mention: ['@gibi:test'] },
    );
    expect(c).toEqual({
      msgtype: 'm.notice',
      body: 'Eventlet <removal> & more\nsee the "plan" https://example.org/a?b=1&c=2',
      format: 'org.matrix.custom.html',
      formatted_body: '<b>Eventlet &lt;removal&gt;</b> &amp; more<br>see <a href="https://example.org/a?b=1&amp;c=2">the &quot;plan&quot;</a>',
      'm.relates_to': { 'm.in_reply_to': { event_id: '$q' } },
      'm.mentions': { user_ids: ['@gibi:test'] },
    });
  });

  it('mentions nobody by default and sends nothing for an empty reply', () => {
    expect(buildNotice({ lines: [['hi']] })).toMatchObject({ body: 'hi', 'm.mentions': {} });
    expect(buildNotice({ lines: [['hi']] })).not.toHaveProperty('m.relates_to');
    expect(buildNotice({ lines: [] })).toBeNull();
    expect(buildNotice({ lines: [[''], ['\u0000']] })).toBeNull();
  });

  it('caps the size and says how many lines were left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => [`line ${i} ${'x'.repeat(90)}`]);
    const c = buildNotice({ lines }, { maxBytes: 2000 })!;
    const body = c.body.split('\n');
    expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(2000);
    expect(Buffer.byteLength(c.formatted_body)).toBeLessThanOrEqual(2000);
    expect(body.at(-1)).toBe(`(${100 - (body.length - 1)} more lines not shown)`);
    expect(c.formatted_body.endsWith(`<i>${body.at(-1)}</i>`)).toBe(true);
  });

  it('cuts a single giant line instead of dropping it', () => {
    const c = buildNotice({ lines: [['<'.repeat(50_000)], ['next']] }, { maxBytes: 2000 })!;
    expect(Buffer.byteLength(c.formatted_body)).toBeLessThanOrEqual(2000);
    expect(c.formatted_body.startsWith('&lt;&lt;')).toBe(true);
    expect(c.formatted_body).not.toContain('<<');
    expect(c.body.split('\n').at(-1)).toBe('(1 more line not shown)');
  });
});
