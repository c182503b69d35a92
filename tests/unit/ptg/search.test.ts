import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importParsed } from '../../../src/ptg/importer.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const nova = [
  topic({ title: 'Eventlet removal', body: 'Please read the blog post series from Gibi.' }),
  topic({
    title: 'Preparation for Python 3.13',
    body: 'eventlet is broken on 3.13',
    decisions: ['Gibi will track this as part of the eventlet removal work.'],
    owners: ['Gibi'],
  }),
  topic({
    title: 'Confidential Computing',
    body: 'SEV-SNP is supported in libvirt. Several things remain.',
    decisions: ['Tkajinam will write a new spec for SEV-SNP.'],
    owners: ['Tkajinam'],
  }),
  topic({ title: 'Review Process', body: 'Several reviews were slow during several weeks.' }),
  topic({ title: 'Templates', body: 'Sean will write the spec template.', decisions: ['Sean writes the spec template.'] }),
  topic({ title: 'One-Time-Use (OTU) Devices', body: 'OTU devices are consumed once.' }),
  topic({ title: 'Upstream PCI testing', body: 'This would also benefit testing of one-time-use devices.' }),
  topic({ title: 'Secure RBAC – Finalization Plan', body: 'Tobias raised concerns about secure RBAC support.' }),
  topic({ title: 'Flavor extra specs', body: 'hw:io_threads=4 and hw:blk_multiqueue=2 for threads tuning' }),
  topic({ title: 'Thread pools', body: 'io threads in the API and threads elsewhere' }),
  topic({ title: 'Planning', body: 'FF: August 28th. Soft spec freeze June 1st.' }),
  topic({ title: 'Server sever', body: 'The word sever appears here once.' }),
  topic({ title: 'Linux bridge deprecation', body: 'The linuxbridge mechanism driver is deprecated.' }),
  topic({ title: 'OVN Migration & Port Setup Timing', body: 'OVN port binding timing during live migration.' }),
  topic({ title: 'Unified limits', body: 'Unified limits replace the quota driver.' }),
  ...filler(30),
];
const neutron = [
  topic({ title: 'OVN agent', body: 'The OVN agent replaces the metadata agent.' }),
  topic({ title: 'Port binding', body: 'port binding levels' }),
  topic({ title: 'Unified limits', body: 'Unified limits replace the quota driver.' }),
  ...filler(10, 7),
];

const { repo } = corpus([
  { id: 'neutron-2025.1-epoxy', project: 'neutron', cycle: 'epoxy', topics: neutron },
  { id: 'nova-2025.2-flamingo', project: 'nova', cycle: 'flamingo', topics: nova },
]);
const search = new PtgSearch(repo);
const top = (q: string) => search.search(q).hits[0]?.topic;
const topics = (q: string) => search.search(q).hits.map((h) => h.topic);

describe('PtgSearch', () => {
  it('ranks a title match first', () => {
    expect(top('eventlet')).toBe('Eventlet removal');
    expect(topics('eventlet')).toContain('Preparation for Python 3.13');
  });

  it('corrects typos against the vocabulary', () => {
    expect(top('evenlet')).toBe('Eventlet removal');
    expect(top('linuxbrige')).toBe('Linux bridge deprecation');
    expect(search.search('evenlet').analysis.terms[0].alternatives.map((a) => a.kind)).toEqual(['exact', 'typo']);
  });

  it('never corrects a word the index has', () => {
    const terms = search.search('sever').analysis.terms;
    expect(terms[0].alternatives.map((a) => a.kind)).toEqual(['exact']);
    expect(top('sever')).toBe('Server sever');
  });

  it('matches whole tokens: sev does not match several', () => {
    expect(topics('sev')).toEqual(['Confidential Computing']);
    expect(topics('sev')).not.toContain('Review Process');
  });

  it('keeps identifiers whole', () => {
    expect(topics('hw:io_threads')).toEqual(['Flavor extra specs']);
  });

  it('answers only with topics that have the identifier asked about', () => {
    expect(topics('who writes the sev-snp spec')).toEqual(['Confidential Computing']);
    expect(topics('who writes the spec')).toContain('Templates');
  });

  it('expands acronyms learned from the text and built in, both ways', () => {
    expect(topics('OTU')).toEqual(expect.arrayContaining(['One-Time-Use (OTU) Devices', 'Upstream PCI testing']));
    expect(top('SRBAC')).toBe('Secure RBAC – Finalization Plan');
    expect(top('feature freeze')).toBe('Planning');
  });

  it('finds people by nick and by name, owners first', () => {
    expect(top('gibi')).toBe('Preparation for Python 3.13');
    expect(topics('gibizer')).toEqual(expect.arrayContaining(['Preparation for Python 3.13', 'Eventlet removal']));
    expect(top('GIBI')).toBe('Preparation for Python 3.13');
  });

  it('lets content words of a question decide', () => {
    expect(top('who writes the sev snp spec')).toBe('Confidential Computing');
    expect(top('who writes the sev-snp spec?')).toBe('Confidential Computing');
  });

  it('boosts the project or cycle named in the query; newer cycles win ties', () => {
    expect(top('neutron ovn')).toBe('OVN agent');
    expect(top('epoxy ovn')).toBe('OVN agent');
    expect(search.search('unified limits').hits.map((h) => h.cycle)).toEqual(['flamingo', 'epoxy']);
    expect(search.search('epoxy unified limits').hits[0].cycle).toBe('epoxy');
  });

  it('says nothing rather than guess', () => {
    expect(topics('kubernetes helm charts for the sandwich shop')).toEqual([]);
    expect(topics('what is the')).toEqual([]);
    expect(topics('xyzzyplugh')).toEqual([]);
  });

  it('survives FTS5 syntax and huge input', () => {
    for (const q of ['"', 'AND OR NEAR(', 'foo*', 'title:x', '-foo', "it's", 'c++', '(', 'NOT', '*', '^eventlet', 'x'.repeat(10_000)]) {
      expect(() => search.search(q)).not.toThrow();
    }
    expect(top('"eventlet')).toBe('Eventlet removal');
  });

  it('answers from the new text right after a re-import, even within the same millisecond', () => {
    const { repo: r } = corpus([
      { id: 'doc', project: 'nova', cycle: 'flamingo', topics: [topic({ title: 'Quota driver', decisions: ['Keep the old driver.'] }), ...filler(5)] },
    ]);
    const s = new PtgSearch(r);
    expect(s.search('quota driver').hits[0].decisions).toEqual(['Keep the old driver.']);
    const at = Date.now();
    const replace = (decision: string) =>
      importParsed(
        r,
        { format: 'markdown', topics: [topic({ title: 'Quota driver', decisions: [decision] }), ...filler(5)] },
        { id: 'doc', project: 'nova', cycle: 'flamingo' },
      );
    vi.spyOn(Date, 'now').mockReturnValue(at);
    try {
      replace('Drop the old driver.');
      expect(s.search('quota driver').hits[0].decisions).toEqual(['Drop the old driver.']);
      replace('Drop it in Gazpacho.');
      expect(s.search('quota driver').hits[0].decisions).toEqual(['Drop it in Gazpacho.']);
      expect(s.search('gazpacho').hits.map((h) => h.topic)).toEqual(['Quota driver']);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('sees a summary another process imported within two seconds, without asking the database per question', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-search-'));
    const file = path.join(dir, 'bot.db');
    const mine = new PtgRepo(openDb(file));
    const theirs = new PtgRepo(openDb(file));
    const add = (repo: PtgRepo, id: string, title: string) =>
      importParsed(repo, { format: 'markdown', topics: [topic({ title }), ...filler(5)] }, { id, project: 'nova', cycle: 'flamingo' });
    add(mine, 'a', 'Xylophone tuning');
    let now = 0;
    const s = new PtgSearch(mine, () => now);
    expect(s.search('xylophone').hits.map((h) => h.topic)).toEqual(['Xylophone tuning']);
    add(theirs, 'b', 'Gazpacho planning');
    now = 1000;
    expect(s.search('gazpacho').hits).toEqual([]);
    now = 2500;
    expect(s.search('gazpacho').hits.map((h) => h.topic)).toEqual(['Gazpacho planning']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
