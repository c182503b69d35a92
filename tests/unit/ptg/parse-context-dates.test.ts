// Project and cycle from the text alone: the mail's or page's date, retrospectives, team names;
// a text that names neither is still imported, under 'unknown'.
import { describe, expect, it } from 'vitest';
import { importText } from '../../../src/ptg/importer.ts';
import { normalizeDate } from '../../../src/ptg/parse/context.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';

const body = '\n\nScheduling\n\nWe talked about traits for a long time and agreed on nothing.\n\nGate status\n\nThe gate was red.\n';

describe('project and cycle from the text', () => {
  it('normalises the date shapes archives and pages use', () => {
    expect(
      ['Thu Mar  8 21:07:47 UTC 2018', 'Mon, 30 Oct 2023 18:02:11 -0500', '2017-03-01 15:30 UTC+01:00', 'Sept. 20, 2018, 8:34 p.m.'].map(normalizeDate),
    ).toEqual(['2018-03-08', '2023-10-30', '2017-03-01', '2018-09-20']);
  });

  it('a dated mail plans the series released next after its date', () => {
    const pipermail = parseSummary(`[openstack-dev] [ironic] PTG Summary\n\nJulia Kreger juliaashleykreger at gmail.com\nThu Mar 8 21:07:47 UTC 2018${body}`);
    expect([pipermail.project, pipermail.cycle]).toEqual(['ironic', 'rocky']);
    const rfc = parseSummary(`From: a@b.org\nSubject: [octavia] PTG notes\nDate: Wed, 6 Nov 2019 10:00:00 +0000\n${body}`);
    expect([rfc.project, rfc.cycle]).toEqual(['octavia', 'ussuri']);
    const nikola = parseSummary(
      `.. title: Atlanta PTG Summary: Ironic (part 2)\n.. date: 2017-03-01 15:30 UTC+01:00\n\nCI\n--\n\nThe gate.\n\nDocs\n----\n\nWritten.\n`,
      { filename: 'x.rst' },
    );
    expect([nikola.project, nikola.cycle]).toEqual(['ironic', 'pike']);
    const blog = parseSummary(
      '<html><head><title>Denver PTG Summary: Ironic</title></head><body><time datetime="2017-09-21T15:22:52+02:00">x</time><h2>Status of Pike priorities</h2><p>Done.</p><h2>CI</h2><p>Red.</p></body></html>',
    );
    expect([blog.project, blog.cycle]).toEqual(['ironic', 'queens']);
  });

  it('a retrospective looks back at the cycle before the one planned; a team name counts', () => {
    const p = parseSummary(`Fellow Octavians,\n\nUssuri Retrospective\n\nIt went well overall this time.\n\nMetrics\n\nWe want metrics.\n`);
    expect([p.project, p.cycle]).toEqual(['octavia', 'victoria']);
  });

  it('a PTG the text reviews ("Review Victoria PTG Actions") is not the one it is about', () => {
    const p = parseSummary(
      `Hi, thanks to everyone who joined the kolla sessions.\n\n# Victoria cycle retrospective\n\nFocal went smoothly.\n\n# Review Victoria PTG Actions\n\nWe looked back at the actions from the last PTG.\n`,
    );
    expect([p.project, p.cycle]).toEqual(['kolla', 'wallaby']);
    const own = parseSummary(`Hi, here is the kolla Wallaby PTG summary.\n\n# Victoria cycle retrospective\n\nFocal went smoothly.\n`);
    expect(own.cycle).toBe('wallaby');
  });

  it('a text naming no project or cycle is imported under "unknown", and says so', () => {
    const repo = new PtgRepo(openDb(':memory:'));
    const r = importText(repo, `Scheduling${body}`, 'notes.txt');
    expect([r.project, r.cycle, r.unknown, r.topics]).toEqual(['unknown', 'unknown', ['project', 'cycle'], 2]);
  });
});
