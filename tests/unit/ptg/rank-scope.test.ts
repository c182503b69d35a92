// Ranking rules: a cycle or project named in the query picks that summary; "nothing found" rather
// than a guess. Small synthetic summaries, several cycles of one project sharing their subjects.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { ScopeFilter } from '../../../src/ptg/scope.ts';
import { TopicIndex } from '../../../src/ptg/topic-index.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';
import { importParsed } from '../../../src/ptg/importer.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { openDb } from '../../../src/store/db.ts';

const planning = (cycle: string, date: string) =>
  topic({ title: `${cycle} planning`, body: `Spec freeze is on ${date}; feature freeze follows at milestone 3. We keep the usual review days.` });

const { repo } = corpus([
  {
    id: 'nova-caracal',
    project: 'nova',
    cycle: 'caracal',
    topics: [
      planning('Caracal', 'January 11th'),
      topic({ title: 'Unified limits', body: 'Unified limits replace the quota driver, default in Caracal.' }),
      ...filler(12, 3),
    ],
  },
  {
    id: 'nova-dalmatian',
    project: 'nova',
    cycle: 'dalmatian',
    topics: [
      topic({ title: 'Caracal retrospective', body: 'Nineteen blueprints were approved and ten landed; the review backlog grew.' }),
      planning('Dalmatian', 'June 20th'),
      topic({ title: 'Eventlet removal', body: 'Native threading replaces eventlet service by service, scheduler first.' }),
      ...filler(12, 5),
    ],
  },
  {
    id: 'ironic-queens',
    project: 'ironic',
    cycle: 'queens',
    topics: [
      topic({ title: 'Queens priorities', body: 'Deploy steps, rescue mode and the BIOS interface are the priorities.' }),
      topic({ title: 'Retrospective', body: 'The gate was unstable for weeks; the review backlog grew.' }),
      ...filler(10, 7),
    ],
  },
  {
    id: 'tc-flamingo',
    project: 'tc',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Goals retrospective', body: 'Retrospective of the community goals: they moved slowly; two are carried over.' }),
      topic({ title: 'TC retrospective', body: 'Leadership gaps and licensing questions took most of the time.' }),
      ...filler(6, 15),
    ],
  },
  {
    id: 'blazar-queens',
    project: 'blazar',
    cycle: 'queens',
    topics: [
      topic({ title: 'Priorities for Queens cycle', body: 'Resiliency and manageability of reservations are the priorities.' }),
      topic({ title: 'Swift object storage', body: 'Swift lists containers; the coding of the client is old.' }),
      // "swift" and "coding" are common words here, as in real summaries.
      ...['quota', 'leases', 'hosts', 'events', 'plugins'].flatMap((w) => [
        topic({ title: `Swift ${w}`, body: `Swift keeps ${w}.` }),
        topic({ title: `Coding ${w}`, body: `Coding style for ${w}.` }),
      ]),
      topic({ title: 'API', body: 'The REST API gains a vTPM field for leases.' }),
      ...filler(10, 9),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => {
  const h = search.search(q).hits[0];
  return h ? `${h.document}: ${h.topic}` : undefined;
};
const all = (q: string) => search.search(q).hits.map((h) => `${h.document}: ${h.topic}`);

describe('a cycle named in the query picks that summary', () => {
  it('answers from the named cycle, by name or release number', () => {
    expect(first('caracal spec freeze')).toBe('nova-caracal: Caracal planning');
    expect(first('dalmatian spec freeze')).toBe('nova-dalmatian: Dalmatian planning');
    expect(first('2024.1 spec freeze')).toBe('nova-caracal: Caracal planning');
    // The other cycle's planning topic is not even among the answers.
    expect(all('caracal spec freeze')).not.toContain('nova-dalmatian: Dalmatian planning');
  });

  it("counts a topic that names the cycle inside another cycle's summary", () => {
    expect(first('caracal retrospective')).toBe('nova-dalmatian: Caracal retrospective');
    expect(all('caracal retrospective')).not.toContain('ironic-queens: Retrospective');
  });

  it('answers nothing for a cycle no summary has, unless the other words name a title', () => {
    expect(all('gazpacho spec freeze')).toEqual([]);
    expect(all('epoxy retrospective')).toEqual([]);
    // Every other word in one title: that topic, though from another cycle.
    expect(first('gazpacho eventlet removal')).toBe('nova-dalmatian: Eventlet removal');
  });
});

describe('a project named in the query picks its summaries', () => {
  it('prefers the summary of both the project and the cycle named', () => {
    expect(first('blazar queens priorities')).toBe('blazar-queens: Priorities for Queens cycle');
    expect(first('ironic queens priorities')).toBe('ironic-queens: Queens priorities');
    expect(first('ironic retrospective')).toBe('ironic-queens: Retrospective');
  });

  it('prefers, within the summary, the topic whose title names the project too', () => {
    expect(first('tc flamingo retrospective')).toBe('tc-flamingo: TC retrospective');
    expect(first('flamingo retrospective')).toBe('tc-flamingo: Goals retrospective');
  });
});

describe('nothing found rather than a guess', () => {
  it("needs more than half of the query's weight: two common words of three are not an answer", () => {
    // "swift" and "coding" are in one topic (and each in five more), "erasure" nowhere: 52 % of the weight.
    expect(all('swift erasure coding')).toEqual([]);
    expect(first('swift containers coding')).toBe('blazar-queens: Swift object storage');
  });

  it('does not take a short unknown word, or a different first letter, for a typo', () => {
    const alternatives = (q: string) => search.search(q).analysis.terms[0].alternatives.map((a) => a.phrase.join(' '));
    // Four letters: only two swapped letters are a typo ("vtmp" for "vtpm"), "rust" is not "rest".
    expect(alternatives('rust')).toEqual(['rust']);
    expect(all('rust rewrite')).toEqual([]);
    expect(alternatives('vtmp')).toContain('vtpm');
    expect(alternatives('reservatoins')).toContain('reservations');
    expect(alternatives('deservations')).toEqual(['deservations']);
  });
});

describe("the summary's own names in the index", () => {
  it("count as the document's cycle, so an import can name more than one", () => {
    // A "Rocky PTG summary - Queens retrospective" whose index metadata names both cycles.
    const docs = [{ id: 'nova-rocky', project: 'nova', cycle: 'rocky', release: null, format: 'mail', source: null, imported_at: 0 }];
    const columns = (title: string, meta: string) => [title, '', '', '', 'Volume multiattach landed for libvirt.', meta];
    const index = TopicIndex.build(
      [
        { id: 1, documentId: 'nova-rocky', columns: columns('What went well', 'nova rocky queens') },
        { id: 2, documentId: 'nova-rocky', columns: columns('Queens retrospective', 'nova rocky queens') },
      ],
      (ws) => ws,
    );
    const scope = new ScopeFilter(index, Int32Array.from([0, 0]), docs).prepare(['queens'], [])!;
    expect([scope(0), scope(1)]).toEqual([1, 1.3]);
    const pike = new ScopeFilter(index, Int32Array.from([0, 0]), docs).prepare(['pike'], [])!;
    expect([pike(0), pike(1)]).toEqual([0, 0]);
  });
});

describe('a summary stored under the wrong project', () => {
  it('is still of the project its text names more often than its own', () => {
    const { repo: r } = corpus([
      {
        // Detected as neutron from one mention; the text is about nova.
        id: 'mail-2024',
        project: 'neutron',
        cycle: 'dalmatian',
        topics: [
          topic({
            title: 'Bug triage',
            body: 'Nova will hold a bug triage day each milestone; nova cores rotate, and the nova bug list is sorted by age. Neutron helps with port bugs.',
          }),
          topic({ title: 'Nova specs', body: 'Spec review day before the freeze.' }),
          ...filler(8, 17),
        ],
      },
      { id: 'other-nova', project: 'nova', cycle: 'dalmatian', topics: [topic({ title: 'Triage day', body: 'A bug triage day then.' }), ...filler(8, 19)] },
    ]);
    const s = new PtgSearch(r);
    expect(s.search('nova bug triage day').hits[0]?.topic).toBe('Bug triage');
    expect(s.search('neutron bug triage day').hits[0]?.topic).toBe('Bug triage');
  });

  it('ranks below a summary stored as of that project, on the same words', () => {
    const { repo: r } = corpus([
      {
        // Another team's summary with a section on each project: it names nova more than its own name.
        id: 'eventlet-removal',
        project: 'eventlet-removal',
        cycle: 'flamingo',
        topics: [
          topic({ title: 'Migration plan', body: 'Nova moves its functional tests to native threads; nova-compute first, nova-api next.' }),
          ...filler(8, 53),
        ],
      },
      {
        id: 'nova-flamingo',
        project: 'nova',
        cycle: 'flamingo',
        topics: [
          topic({
            title: 'Threading',
            body: 'The functional tests run services in native threads from now on, once the scheduler and the conductor are moved and their jobs are green.',
          }),
          ...filler(8, 59),
        ],
      },
    ]);
    const s = new PtgSearch(r);
    expect(s.search('nova functional tests').hits.map((h) => h.document)).toEqual(['nova-flamingo', 'eventlet-removal']);
  });
});

describe('a summary whose text named no project or cycle (stored as unknown)', () => {
  const db = openDb(':memory:');
  const r = new PtgRepo(db);
  // A mail that names neither its team nor its cycle: imported as unknown/unknown.
  importParsed(
    r,
    { format: 'mail', topics: [topic({ title: 'Availability zones', body: 'Load balancers should live in the zone of their members.' }), ...filler(8, 23)] },
    { id: 'mail' },
  );
  importParsed(
    r,
    { format: 'mail', topics: [topic({ title: 'Zones', body: 'Availability zones for members are planned.' }), ...filler(8, 29)] },
    { id: 'octavia-ussuri', project: 'octavia', cycle: 'ussuri' },
  );
  importParsed(
    r,
    { format: 'mail', topics: [topic({ title: 'Flavors', body: 'Flavors for load balancers.' }), ...filler(8, 31)] },
    { id: 'nova-train', project: 'nova', cycle: 'train' },
  );
  const s = new PtgSearch(r);
  const docs = (q: string) => s.search(q).hits.map((h) => h.document);

  it('may be of any project or cycle a query names', () => {
    expect(r.document('mail')?.project).toBe('unknown');
    expect(docs('octavia load balancers zone members')).toContain('mail');
    expect(docs('ussuri load balancers zone members')).toContain('mail');
    // A summary known to be of another project or cycle stays out.
    expect(docs('octavia flavors load balancers')).not.toContain('nova-train');
  });

  it('ranks below a summary known to be of it, on the same words', () => {
    expect(docs('octavia availability zones members')[0]).toBe('octavia-ussuri');
    expect(docs('ussuri availability zones members')[0]).toBe('octavia-ussuri');
  });
});

describe('a summary looks back at the cycle before its own', () => {
  it('so naming that cycle often does not make it of that cycle', () => {
    const { repo: r } = corpus([
      {
        id: 'ironic-queens',
        project: 'ironic',
        cycle: 'queens',
        topics: [
          topic({ title: 'Status of Pike priorities', body: 'Pike priorities: most landed in Pike; the Pike gate was slow.' }),
          topic({ title: 'Python 3', body: 'Python 3 jobs vote now.' }),
          ...filler(8, 37),
        ],
      },
      {
        id: 'ironic-pike',
        project: 'ironic',
        cycle: 'pike',
        topics: [topic({ title: 'Python 3 support', body: 'A non-voting Python 3 job first.' }), ...filler(8, 41)],
      },
      // Named more often than its own cycle, and not the one before it: the detected cycle was wrong.
      {
        id: 'ironic-stein',
        project: 'ironic',
        cycle: 'stein',
        topics: [topic({ title: 'Queens leftovers', body: 'Queens bugs, Queens backports and Queens docs: Python 3 docs.' }), ...filler(8, 43)],
      },
    ]);
    const s = new PtgSearch(r);
    // Queens's "Python 3" names every other word of the query: it stays, but after Pike's.
    expect(s.search('ironic pike python 3').hits.map((h) => h.document)).toEqual(['ironic-pike', 'ironic-queens']);
    expect(s.search('pike python').hits.map((h) => h.document)).toEqual(['ironic-pike']);
    expect(
      s
        .search('queens python 3')
        .hits.map((h) => h.document)
        .slice(0, 2),
    ).toEqual(['ironic-queens', 'ironic-stein']);
  });
});
