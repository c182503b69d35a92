// RFC 5545 output: CRLF, 75-octet folding (never inside a character), escaping, all-day dates.
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from '../../../src/schedule/ics.ts';
import { flamingo, own } from './helpers.ts';

const now = new Date('2025-11-25T16:00:00Z');
const cycles = new Map([[flamingo.cycle.name, flamingo.cycle]]);
const nova = flamingo.events.filter((e) => e.project === null || e.project === 'nova');
const ics = toIcs(nova, { now, cycles, name: 'Nova 2025.2 Flamingo schedule' });
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar export', () => {
  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // long descriptions were folded
  });

  it('has one VEVENT per event with UID, DTSTAMP and dates', () => {
    const text = unfold(ics);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(nova.length);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cyclebot//release schedule//EN\r\n')).toBe(true);
    const block = (uid: string) => text.slice(text.indexOf(`UID:${uid}`), text.indexOf('END:VEVENT', text.indexOf(`UID:${uid}`)));
    expect(block('flamingo-f-nova-spec-review-day@cyclebot.invalid')).toBe(
      [
        'UID:flamingo-f-nova-spec-review-day@cyclebot.invalid',
        'DTSTAMP:20251125T160000Z',
        'DTSTART;VALUE=DATE:20250617',
        'DTEND;VALUE=DATE:20250618',
        'SUMMARY:Nova Spec Review Day (2025.2 Flamingo)',
        'DESCRIPTION:On 17 June 2025\\, Nova specifications targeting 2025.2 Flamingo implementation will be prioritized for reviews by the Nova core team.\\n\\nWeek R-15.',
        'URL:https://releases.openstack.org/flamingo/schedule.html#f-nova-spec-review-day',
        'CATEGORIES:project-specific,nova,review-day',
        'TRANSP:TRANSPARENT',
        '',
      ].join('\r\n'),
    );
    expect(block('flamingo-f-nova-spec-freeze@')).toContain('DTSTART:20250703T235900Z\r\nSUMMARY:Nova Spec Freeze (2025.2 Flamingo)');
    expect(block('flamingo-f-nova-spec-freeze@')).not.toContain('DTEND');
    expect(block('flamingo-f-vptg@')).toContain('DTSTART;VALUE=DATE:20250407\r\nDTEND;VALUE=DATE:20250412');
    expect(block('flamingo-f-ff@')).toContain('CATEGORIES:cross-project,feature-freeze');
  });

  it('escapes text and folds between characters, not inside them', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'SUMMARY:' + 'é'.repeat(80);
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(folded.split('\r\n')[0]).toBe('SUMMARY:' + 'é'.repeat(33)); // 8 + 66 = 74 octets; one more é would be 76
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it("includes the team's own events, escaped", () => {
    const e = { ...own('Spec review day; round 2, remote', '2025-06-24', 'review-day'), description: 'Bring specs\nand coffee' };
    const text = unfold(toIcs([e], { now, cycles, name: 'x', domain: 'example.org' }));
    expect(text).toContain('UID:team-flamingo-spec-review-day-round-2-remote@example.org\r\n');
    expect(text).toContain('SUMMARY:Spec review day\\; round 2\\, remote (2025.2 Flamingo)\r\n');
    expect(text).toContain('DESCRIPTION:Bring specs\\nand coffee\r\n');
    expect(text).toContain('CATEGORIES:team,nova,review-day\r\n');
    expect(text).not.toContain('URL:');
  });
});
