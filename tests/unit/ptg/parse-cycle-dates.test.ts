// The cycle a summary plans from its date or its PTG's city (src/ptg/parse/cycle-dates.ts), when
// it names no series with trust.
import { describe, expect, it } from 'vitest';
import { seriesOfPtgCity, seriesPlannedOn } from '../../../src/ptg/parse/cycle-dates.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const topics = '\n\nScheduling\n\nWe talked about traits for a long time and agreed on nothing.\n\nGate status\n\nThe gate was red.\n';
const cycle = (text: string, filename?: string) => parseSummary(text, filename ? { filename } : {}).cycle;

describe('cycle from dates', () => {
  it('a PTG held days before a release plans the series after it', () => {
    // Atlanta, 20 February 2017 (Ocata released on the 22nd); Dublin, 26 February 2018 (Queens on the 28th).
    expect(cycle(`From: a@b.org\nSubject: [blazar] notes from the PTG\nDate: Mon, 20 Feb 2017 18:02:11 -0500\n${topics}`)).toBe('pike');
    expect(cycle(`From: a@b.org\nSubject: [blazar] notes from the PTG\nDate: Mon, 26 Feb 2018 09:00:00 +0000\n${topics}`)).toBe('rocky');
  });

  it('knows every release date of the official schedule, 2027.1 Indri on 24 March 2027', () => {
    expect(seriesPlannedOn('2027-03-10')?.name).toBe('indri');
    expect(seriesPlannedOn('2027-03-20')).toBeUndefined();
    expect(seriesPlannedOn('2014-05-12')?.name).toBe('juno');
  });

  it('a mail archive month in the file name or the links dates the summary', () => {
    expect(cycle(`Hello,\n\nThanks all.${topics}`, 'openstack-discuss-2019-May.txt')).toBe('train');
    const links =
      'See http://lists.openstack.org/pipermail/openstack-dev/2018-February/127540.html and\nhttp://lists.openstack.org/pipermail/openstack-dev/2018-March/128051.html';
    expect(cycle(`Hello,\n\nThanks all.${topics}\n${links}\n`)).toBe('rocky');
  });

  it('an in-person PTG named by its city; Denver only with its year', () => {
    expect(cycle(`Hi all,\n\nHere are my notes from the Dublin PTG.${topics}`)).toBe('rocky');
    expect(cycle(`Hi all,\n\nWe met at the PTG in Shanghai, a great week.${topics}`)).toBe('ussuri');
    expect(cycle(`Atlanta PTG Summary: Blazar\n\nThanks all.${topics}`)).toBe('pike');
    expect(cycle(`Hi all,\n\nThe Denver PTG (September 2018) went well.${topics}`)).toBe('stein');
    expect(seriesOfPtgCity('Hi all, the Denver PTG was fun.')).toBeUndefined();
    // A city with no PTG next to it is just a city.
    expect(seriesOfPtgCity('We had dinner in Atlanta. Later, much later, somebody mentioned that a gathering of sorts is a PTG.')).toBeUndefined();
  });

  it('a date in the first line (title or byline) dates the summary', () => {
    expect(cycle(`Heat チーム報告 第12回 / 最終更新:2017.11.24\n\nThanks all.${topics}`)).toBe('queens');
    // Not a date: a version number.
    expect(cycle(`Notes on oslo.db 2017.11.24.1\n\nThanks all.${topics}`)).toBeUndefined();
  });

  it('a month next to PTG, in words or a pad name, is a PTG late in that month', () => {
    expect(cycle(`Hi all,${topics}\nhttps://etherpad.opendev.org/p/feb2018-ptg-blazar\n`)).toBe('rocky');
    expect(cycle(`Notes from the February 2017 PTG.${topics}`)).toBe('pike');
  });

  it("the document's date wins over the newest series it names when they disagree", () => {
    expect(cycle(`From: a@b.org\nSubject: [blazar] PTG notes\nDate: Thu, 13 Sep 2018 10:00:00 +0000\n\nWhat we did in Queens and Rocky.${topics}`)).toBe(
      'stein',
    );
  });
});
