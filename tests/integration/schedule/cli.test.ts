// The schedule verbs through the real CLI (bin/cyclebot.js) in child processes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempHome } from '../../helpers/cli.ts';

const FIX = path.join(ROOT, 'tests/fixtures/schedule');

describe('cyclebot schedule', () => {
  it('plan --json lists the reminders for Nova in Flamingo, exactly', () => {
    const db = path.join(tempHome(), 'plan.db');
    const r = cli(['schedule', 'plan', '--db', db, '--from', '2025-05-01', '--to', '2025-10-15', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = JSON.parse(r.stdout) as { reminders: { at: string; event: string; date: string; text: string }[] };
    expect(got).toEqual(JSON.parse(fs.readFileSync(path.join(FIX, 'nova-flamingo-plan.json'), 'utf8')));
    expect(Object.keys(got)).toEqual(['reminders']);
    expect(got.reminders.every((x) => Object.keys(x).join() === 'at,event,date,text')).toBe(true);
    expect(got.reminders.filter((x) => x.event === 'Nova Spec Freeze').map((x) => x.at)).toEqual([
      '2025-06-19T09:00:00.000Z',
      '2025-06-26T09:00:00.000Z',
      '2025-07-02T09:00:00.000Z',
      '2025-07-03T09:00:00.000Z',
    ]);
  });

  it('imports a schedule with warnings on stderr, adds a team date that plan and ics then show', () => {
    const home = tempHome();
    const db = path.join(home, 'x.db');
    const cfg = path.join(home, 'cfg.yaml');
    fs.writeFileSync(cfg, 'schedule:\n  bundled: false\n  channels:\n    - target: "irc:#openstack-nova"\n      timeZone: Europe/Paris\n');
    const imp = cli(['schedule', 'import', path.join(FIX, 'disagree-schedule.yaml'), '--cycle', 'zebra', '--db', db, '-c', cfg]);
    expect(imp.status).toBe(0);
    expect(imp.stdout).toBe('imported 2099.2 Zebra: 6 events (3 for nova), 2099-03-02 to 2099-04-03, 5 warnings\n');
    expect(imp.stderr.split('\n').filter(Boolean)).toHaveLength(5);
    expect(imp.stderr).toContain('warning: z-orphan: in schedule.rst but in no week of schedule.yaml; using its rst date 2099-03-25\n');

    const add = cli(['schedule', 'add', '2099-03-17', 'Spec review day', '--db', db, '-c', cfg]);
    expect(add.stdout).toBe('added team:zebra:spec-review-day: Spec review day (review-day) Tue 2099-03-17\n');
    const plan = cli(['schedule', 'plan', '--from', '2099-03-16', '--to', '2099-03-18', '--db', db, '-c', cfg]);
    expect(plan.stdout).toBe(
      [
        '2 messages for irc:#openstack-nova, Europe/Paris, at 09:00:',
        '2099-03-16 08:00 UTC',
        '  [Zebra] Spec review day tomorrow (Tue 2099-03-17): the core team reviews together that day; next: Nova Implementation Review Day, Thu Mar 19.',
        '2099-03-17 08:00 UTC',
        '  [Zebra] Spec review day today (Tue 2099-03-17): the core team reviews together that day; next: Nova Implementation Review Day, Thu Mar 19.',
        '',
      ].join('\n'),
    );
    const ics = cli(['schedule', 'ics', '--cycle', 'zebra', '--db', db, '-c', cfg]);
    expect(ics.status).toBe(0);
    expect(ics.stdout).toContain('\r\nUID:team-zebra-spec-review-day@cyclebot.invalid\r\n');
    expect(ics.stdout).toContain('\r\nX-WR-CALNAME:Nova 2099.2 Zebra schedule\r\n');
    expect(ics.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(7);
    expect(cli(['schedule', 'remove', 'spec review day', '--db', db, '-c', cfg]).stdout).toBe('removed team:zebra:spec-review-day\n');
  });

  it('refuses bad input with one line', () => {
    const db = path.join(tempHome(), 'y.db');
    const r = cli(['schedule', 'plan', '--from', 'yesterday', '--to', '2025-10-15', '--db', db]);
    expect([r.status, r.stderr]).toEqual([2, 'cyclebot: --from: "yesterday" is not an ISO date or date-time (e.g. 2025-05-01 or 2025-05-01T09:00Z)\n']);
  });
});
