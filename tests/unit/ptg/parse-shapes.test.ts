// The shapes real PTG summaries come in (tests/fixtures/ptg/shapes, synthetic but written after
// published ones): each splits into the topics a reader sees, with the rule that split it named.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const dir = path.join(import.meta.dirname, '../../fixtures/ptg/shapes');
const parse = (file: string) => parseSummary(fs.readFileSync(path.join(dir, file), 'utf8'), { filename: file });

describe('summary shapes', () => {
  it('pipermail mail: bare topic lines; header, greeting, quotes, signature and list footer are not topics', () => {
    const p = parse('pipermail-bare-lines.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['bare topic lines', 'nova', 'stein']);
    expect(p.topics.map((t) => t.title)).toEqual(['Cells v2 and multi-cell deployments', 'Placement extraction', 'Bandwidth-aware scheduling']);
    const all = p.topics.map((t) => t.body).join('\n');
    for (const gone of ['mriedemos', 'Previous message', 'this must not be a topic', 'Unsubscribe', 'Thanks,', 'Hi all']) expect(all).not.toContain(gone);
    expect(p.topics[2].decisions).toEqual(['update the bandwidth spec with the port binding flow.']);
    expect(p.topics[2].owners).toEqual(['gibi']);
  });

  it('numbered emphasised titles with *Agreement*: / *AI*: / Actions: lists', () => {
    const p = parse('numbered-emphasis.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['numbered titles', 'cinder', 'rocky']);
    expect(p.topics.map((t) => [t.title, t.decisions, t.owners])).toEqual([
      [
        '1. Development goal',
        ['v2 is removed in Rocky, with a release note.', 'jungleboyj to send the deprecation mail to the operators list.'],
        ['jungleboyj'],
      ],
      ['2. Replication', ['failback stays manual, documented per driver.'], []],
      [
        '3. Testing',
        ['smcginnis will ping the CI owners that have not reported for a month', 'e0ne to add a periodic job for the LVM backend'],
        ['smcginnis', 'e0ne'],
      ],
    ]);
  });

  it('wiki == Day == / === Topic === headings: days group the topics', () => {
    const p = parse('wiki-days.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['== wiki headings ==', 'neutron', 'train']);
    expect(p.topics.map((t) => [t.title, t.decisions.length])).toEqual([
      ['OVN driver parity', 1],
      ['Stadium projects', 1],
      ['Port binding', 1],
      ['QoS minimum bandwidth', 1],
    ]);
  });

  it('text whose line breaks were lost: inline #### markers and decision markers are put back on lines', () => {
    const p = parse('lost-line-breaks.txt');
    expect([p.split, p.topics.map((t) => t.title)]).toEqual(['#### headings ####', ['Upgrade checks', 'Unified limits', 'API cleanup']]);
    expect(p.topics.map((t) => t.decisions.length)).toEqual([1, 1, 1]);
    expect(p.topics[2].body).not.toContain('Thanks');
  });

  it('an HTML mail part of <br> lines: short lines standing alone are the topics', () => {
    const p = parse('html-br.html');
    expect([p.format, p.split, p.project, p.cycle]).toEqual(['html', 'bare topic lines', 'octavia', 'zed']);
    expect(p.topics.map((t) => t.title)).toEqual(['Amphora image builds', 'Jobboard', 'Provider drivers']);
    expect(p.topics[1].owners).toEqual(['gthiemonge']);
  });

  it('an etherpad export: top-level lines over nested bullets; "Action items" lists are actions', () => {
    const p = parse('etherpad-retro.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['bare topic lines', 'keystone', 'zed']);
    expect(p.topics.map((t) => t.title)).toEqual(['Retrospective', 'Secure RBAC', 'Unified limits']);
    expect(p.topics[0].decisions).toEqual(['knikolla to set up a weekly bug triage rota', 'dmendiza to fix the tempest plugin job']);
    expect(p.topics[0].owners).toEqual(['knikolla', 'dmendiza']);
  });

  it('--- group --- headings over ALL-CAPS titles: the titles are the topics; [all][tc] names the project', () => {
    const p = parse('caps-dashes.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['--- headings --- grouping ALL-CAPS titles', 'tc', 'caracal']);
    expect(p.topics.map((t) => t.title)).toEqual(['TC CHARTER CHANGES', 'PYTHON VERSION SUPPORT', 'SKIP-LEVEL UPGRADES']);
    expect(p.topics[2].owners).toEqual(['elod']);
  });

  it('a Jekyll post: front matter names project and cycle; a {: .prompt-info } call-out is one decision', () => {
    const p = parse('jekyll-callouts.md');
    expect([p.project, p.cycle, p.topics.map((t) => t.title)]).toEqual(['ironic', 'caracal', ['Deploy steps']]);
    expect(p.topics[0].decisions).toEqual(['Deploy steps get a new API field. It is documented in the API ref.']);
    expect(p.topics[0].body).not.toContain('prompt');
  });

  it('a numbered outline: the shallowest items with items below them are the topics; the file name names the project', () => {
    const p = parse('designate-outline.txt');
    expect([p.split, p.project, p.topics.map((t) => t.title)]).toEqual([
      'outline items',
      'designate',
      ['Catalog zones', 'Shared zones', 'Pool manager removal'],
    ]);
    expect(p.topics[1].body).toContain('johnsom will write the horizon patch.');
  });

  it('one line with inline rst underlines: titles before the runs, days group, Action Items bullets', () => {
    const p = parse('oneline-underlines.txt');
    expect([p.split, p.project, p.cycle]).toEqual(['underlined titles', 'tc', 'caracal']);
    expect(p.topics.map((t) => t.title)).toEqual(['Release cadence', 'Community goals']);
    expect(p.topics[0].decisions).toEqual(['Add the job template to the remaining projects.', 'Write the release note guide.']);
    expect(p.topics[1].body).not.toContain('Thanks');
  });

  it('underlined titles in a mail, with underlines shorter than the title; mbox ">From" is not a quote', () => {
    const mail =
      'Hi,\n\nIntro.\n\nAndrea\n\nTempest Stable Interfaces\n=============\n\nCredential providers first.\n\n>From our retrospective\n=====\n\nSpecs were slow.\n';
    const p = parseSummary(mail);
    expect([p.split, p.topics.map((t) => t.title)]).toEqual(['underlined titles', ['Tempest Stable Interfaces', 'From our retrospective']]);
  });

  it('a long section of sub-sections (h2 > h3 > h4) answers as its sub-sections; short ones stay whole', () => {
    const para = (w: string) => `<p>${`${w} was discussed at length by the team and the outcome recorded. `.repeat(10)}</p>`;
    const html =
      `<h1>Ironic Queens PTG</h1><h2>Status of Pike priorities</h2><h3>Finished</h3><h4>Booting from cinder volumes</h4>${para('BFV')}` +
      `<h4>Rolling upgrades</h4>${para('Upgrades')}<h3>Not finished</h3><h4>Deploy steps</h4>${para('Deploy steps')}<h4>Networking features</h4>${para('Networking')}` +
      `<h2>Release cycle</h2>${para('Cycle')}<h3>Dates</h3><p>Short.</p><h3>Freeze</h3><p>Short too.</p>`;
    const p = parseSummary(html, { filename: 'ironic-queens.html' });
    expect(p.topics.map((t) => t.title)).toEqual(['Booting from cinder volumes', 'Rolling upgrades', 'Deploy steps', 'Networking features', 'Release cycle']);
    expect(p.topics[2].subtopics).toEqual(['Status of Pike priorities', 'Not finished']);
  });

  it('once one section splits into its sub-sections, a long sibling splits too', () => {
    const para = (w: string) => `<p>${`${w} was discussed at length by the team and the outcome recorded. `.repeat(10)}</p>`;
    const big = ['Booting from volumes', 'Rolling upgrades', 'Deploy steps', 'Networking', 'Rescue mode', 'BIOS settings'].map(
      (t) => `<h3>${t}</h3>${para(t)}`,
    );
    // Under a fifth of the page, but 1200+ characters in two sub-sections of their own.
    const html =
      `<h1>Ironic Queens PTG</h1><h2>Status of Pike priorities</h2>${big.join('')}` +
      `<h2>OpenStack goals status</h2><h3>Python 3</h3>${para('Python 3')}<h3>Switching to uWSGI</h3>${para('uWSGI')}` +
      `<h2>Release cycle</h2>${para('Cycle')}<h3>Dates</h3><p>Short.</p><h3>Freeze</h3><p>Short too.</p>`;
    const p = parseSummary(html, { filename: 'ironic-queens.html' });
    expect(p.topics.map((t) => t.title).slice(6)).toEqual(['Python 3', 'Switching to uWSGI', 'Release cycle']);
    expect(p.topics[6].subtopics).toEqual(['OpenStack goals status']);
  });

  it('once the page splits, a section with text of its own over one long sub-section splits too', () => {
    const para = (w: string) => `${`${w} was reviewed at length by the team and the plan changed. `.repeat(10)}\n\n`;
    const md =
      `# Project team updates\n\nThe teams gave updates.\n\n## Build\n\n${para('Build')}## Docs\n\n${para('Docs')}` +
      `# Release\n\n${para('The 9.0 release')}## Security\n\n${para('Security')}${para('Hardening')}`;
    const p = parseSummary(md, { filename: 'stx.md' });
    expect(p.topics.map((t) => t.title)).toEqual(['Build', 'Docs', 'Release', 'Security']);
    expect(p.topics[2].body).not.toContain('Security was reviewed');
  });

  it('"# Title" lines in an HTML mail part; lower-case "v1 API" and "Greetings, …" titles; wiki chrome', () => {
    const html =
      '<div dir="ltr">Hello Everyone,<br><br>Tuesday, April 20<br># Wallaby Retrospective<br><br>We merged useful features.<br><br># Bug squashing<br><br>We revisit old bugs.<br></div>';
    expect(parseSummary(html, { filename: 'glance.html' }).topics.map((t) => t.title)).toEqual(['Wallaby Retrospective', 'Bug squashing']);
    const wiki =
      'Jump to: navigation, search\n\nTuesday 19 October\n\nGreetings, user survey discussion\n\nThe survey had 40 answers.\n\nv1 API\n\nThe v1 API is removed in Pike.\n';
    const p = parseSummary(wiki);
    expect([p.split, p.topics.map((t) => t.title)]).toEqual(['bare topic lines', ['Greetings, user survey discussion', 'v1 API']]);
  });

  it('falls back to paragraph blocks titled by their first words, and never refuses prose', () => {
    const text =
      'We spent the morning on the gate. It was broken for a week by a tempest change.\n\n' +
      'The afternoon went to specs: eleven were approved, three were deferred to the next cycle.\n';
    const p = parseSummary(text);
    expect([p.split, p.topics.map((t) => t.title)]).toEqual(['paragraph blocks', ['We spent the morning on the gate', 'The afternoon went to specs']]);
    expect(p.topics[0].body).toContain('It was broken for a week');
  });

  it('a substantive preamble becomes an Overview topic; a greeting with thanks does not', () => {
    const intro =
      'The team agreed on three priorities for the cycle: finishing the unified limits migration, ' +
      'removing the legacy quota driver and making the scheduler faster for large deployments.';
    const withIntro = parseSummary(`Hi all,\n\n${intro}\n\n#### Quotas ####\ntext\n\n#### Scheduler ####\nmore\n`);
    expect(withIntro.topics.map((t) => t.title)).toEqual(['Overview', 'Quotas', 'Scheduler']);
    expect(withIntro.topics[0].body).toContain('three priorities');
    const chatter = parseSummary(
      'Hello everyone,\n\nThanks to all who joined the PTG last week! Here is my summary; the etherpad has the details.\n\n#### Quotas ####\ntext\n',
    );
    expect(chatter.topics.map((t) => t.title)).toEqual(['Quotas']);
    const guidance =
      'Hey folks,\n\nAs a reminder, please do not open the main etherpad link if your browser translates pages automatically: ' +
      'it would rewrite every line of the etherpad as if you had edited it yourself.\n\n#### Quotas ####\ntext\n';
    expect(parseSummary(guidance).topics.map((t) => t.title)).toEqual(['Overview', 'Quotas']);
  });

  it('a preamble about the mail itself is no Overview, even wrapped over lines', () => {
    const topics = '#### Quotas ####\nThe quota driver goes.\n\n#### Scheduler ####\nIt gets faster.\n';
    const meta = [
      'Hi all,',
      '',
      'This is a summary of Queens PTG discussion for Blazar. We had lots of',
      'items in the meeting. So I write down main topics in the mail. If you are',
      'interested in all items, please see the queens PTG etherpad page[1].',
      '',
      'Sorry this is getting to you later than usual. Please feel free to follow up',
      'here if you have any questions; the sessions were recorded.',
      '',
    ].join('\n');
    expect(parseSummary(`${meta}\n${topics}`).topics.map((t) => t.title)).toEqual(['Quotas', 'Scheduler']);
    const said = [
      'Hi all,',
      '',
      'The team agreed to remove the legacy quota driver in this cycle, to make',
      'the scheduler faster for large deployments and to drop Python 3.8 from',
      'the test matrix once the gate jobs are moved.',
      '',
    ].join('\n');
    expect(parseSummary(`${said}\n${topics}`).topics.map((t) => t.title)).toEqual(['Overview', 'Quotas', 'Scheduler']);
  });

  it('a single Markdown title over unmarked sections splits on its lines', () => {
    const body = Array.from({ length: 4 }, (_, i) =>
      `Topic number ${i + 1}\n\n${'Some discussion text that goes on. '.repeat(3)}\n${'More lines here. '.repeat(2)}\n`.repeat(1),
    ).join('\n');
    const long = `# Glance Dalmatian PTG\n\n${body}\n${'filler line\n'.repeat(30)}`;
    const p = parseSummary(long, { filename: 'glance.md' });
    expect(p.topics.map((t) => t.title).slice(0, 4)).toEqual(['Topic number 1', 'Topic number 2', 'Topic number 3', 'Topic number 4']);
  });
});
