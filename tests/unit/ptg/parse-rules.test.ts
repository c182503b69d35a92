// The individual rules: detection, decisions, owners, subtopics, links, topic level, project/cycle.
import { describe, expect, it } from 'vitest';
import { detectContext } from '../../../src/ptg/parse/context.ts';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';
import { decodeEntities } from '../../../src/ptg/parse/formats/entities.ts';
import { mdInline } from '../../../src/ptg/parse/formats/markdown.ts';
import { detectFormat, parseSummary } from '../../../src/ptg/parse/index.ts';
import { classifyLink, extractLinks, trimUrl } from '../../../src/ptg/parse/links.ts';
import { extractOwners } from '../../../src/ptg/parse/owners.ts';
import { standaloneSubtopics } from '../../../src/ptg/parse/subtopics.ts';

const decisions = (text: string) => extractDecisions(text.split('\n')).map((d) => d.text);
const owners = (...lines: string[]) => extractOwners(extractDecisions(lines));

describe('detectFormat', () => {
  it('trusts specific extensions', () => {
    expect(detectFormat('#### A ####', 'x.md')).toBe('markdown');
    expect(detectFormat('Topic: A', 'x.rst')).toBe('rst');
    expect(detectFormat('Topic: A', 'x.HTML')).toBe('html');
  });

  it('reads the text when the extension says nothing', () => {
    expect(detectFormat('<!DOCTYPE html><html><body>x</body></html>', 'x.txt')).toBe('html');
    expect(detectFormat('<p>a</p>\n<p>b</p>\n<h2>c</h2>')).toBe('html');
    expect(detectFormat('Intro\n\n#### Topic A ####\ntext\n#### Topic B ####\n')).toBe('etherpad');
    expect(detectFormat('# Title\n\n## A\n\ntext<br>more [x](https://a.org)\n\n## B\n')).toBe('markdown');
    expect(detectFormat('Title\n~~~~~\n\n.. _x:\n\nSub\n^^^\n')).toBe('rst');
    expect(detectFormat('Hi,\n\nTopic: A\nfoo\n=== B ===\nbar\n')).toBe('mail');
    expect(detectFormat('just some words')).toBe('mail');
  });
});

describe('decisions', () => {
  it('recognises every marker, case-insensitively, behind a bullet or not', () => {
    const text = [
      '✅ One',
      '✅Two',
      '- ✅ Three',
      'Agreed: four',
      'AGREED: five',
      '* agreed: six',
      'Decision: seven',
      '#agreed eight',
      'AR: nine',
      'AI: ten',
      'AI(gibi): eleven',
      'Action: twelve',
      'ACTION: thirteen',
      '#action fourteen',
      'We agreed on nothing',
      'Action items were discussed',
      'AIR: no',
    ].join('\n');
    expect(decisions(text)).toEqual([
      'One',
      'Two',
      'Three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'eleven',
      'twelve',
      'thirteen',
      'fourteen',
    ]);
  });

  it('continues over list items and indented lines directly below, not over siblings or after a blank', () => {
    expect(decisions('✅ Do two things:\n- first.\n- second.\nAfter text.\n\n- unrelated')).toEqual(['Do two things: first. second.']);
    expect(decisions('- Agreed: a\n- b\n  - c')).toEqual(['a']);
    expect(decisions('- Agreed: a\n  - b\n    - c\n- d')).toEqual(['a b c']);
    expect(decisions('✅ Wrapped\n    onto the next line.\nNot this one.')).toEqual(['Wrapped onto the next line.']);
    expect(decisions('✅ Stop at a blank:\n\n- not this')).toEqual(['Stop at a blank:']);
    expect(decisions('✅ Outcome:\nline one\nline two\n\nother')).toEqual(['Outcome: line one line two']);
    expect(decisions('✅ First:\n✅ Second')).toEqual(['First:', 'Second']);
  });

  it('reads markers in emphasis, bare upper-case ones and the other words teams use', () => {
    const text = [
      '*Agreement*: one',
      '**Agreed:** two',
      '*AI*: three',
      '_Decision_: four',
      'Conclusion: five',
      'Outcome: six',
      'AGREED we keep seven',
      'AGREED - eight',
      'Next steps: nine',
      '#agree ten',
      'Agreed that nothing',
      'Decision making is hard',
      'Conclusions were drawn',
      'AIR: no',
    ].join('\n');
    expect(decisions(text)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'we keep seven', 'eight', 'nine', 'ten']);
    expect(extractDecisions(['*AI*: x', 'AGREED y']).map((d) => d.kind)).toEqual(['action', 'agreed']);
  });

  it('takes each item under a list heading line ("Action items", "Decisions") as one', () => {
    expect(decisions('Action items\n  * knikolla to triage\n  * dmendiza to fix\n\nother')).toEqual(['knikolla to triage', 'dmendiza to fix']);
    expect(decisions('* Decisions\n  * keep A\n* unrelated')).toEqual(['keep A']);
  });

  it('makes each item under an empty marker its own decision', () => {
    expect(decisions('Decisions:\n- keep A\n- drop B\n  (soon)\n\n- not this')).toEqual(['keep A', 'drop B (soon)']);
    expect(decisions('AGREED:\nwe keep the\nold API.\n\nother')).toEqual(['we keep the old API.']);
    expect(decisions('AGREED:\n\ntext')).toEqual([]);
  });
});

describe('owners', () => {
  it('finds assignment patterns', () => {
    expect(owners('✅ Gibi will track this.')).toEqual(['Gibi']);
    expect(owners('AI: **gibi** to update the spec', '- ✅ *sean-k-mooney* will review')).toEqual(['gibi', 'sean-k-mooney']);
    expect(owners('✅ r-taketn to reopen the spec.')).toEqual(['r-taketn']);
    expect(owners('✅ Sbauza volunteered to help.')).toEqual(['Sbauza']);
    expect(owners('✅ Uggla may submit a small spec.')).toEqual(['Uggla']);
    expect(owners('✅ Stephen is happy to join.')).toEqual(['Stephen']);
    expect(owners('✅ HJ-KIM will test it.')).toEqual(['HJ-KIM']);
    expect(owners('✅ gmann will check.')).toEqual(['gmann']);
    expect(owners('✅ Sean and Gibi will pair on it.')).toEqual(['Sean', 'Gibi']);
    expect(owners('✅ Sean will also write it; melwitt to review.')).toEqual(['Sean', 'melwitt']);
    expect(owners('✅ Write a spec (Sean).')).toEqual(['Sean']);
    expect(owners('✅ Sylvain Bauza will lead.')).toEqual(['Sylvain Bauza']);
    expect(owners('AI(gibi, sean-k-mooney): fix it')).toEqual(['gibi', 'sean-k-mooney']);
    expect(owners('Action: gmann: update the docs')).toEqual(['gmann']);
    expect(owners('AR: r-taketn reopen the spec')).toEqual(['r-taketn']);
    expect(owners('#action jbernard send the summary')).toEqual(['jbernard']);
  });

  it('never takes projects, pronouns, generic nouns or imperatives for people', () => {
    for (const line of [
      '✅ Nova will not support hooks.',
      '✅ Neutron team is open to it.',
      '✅ We will work on tests.',
      '✅ It would be nice.',
      '✅ This will help.',
      '✅ Fix will be reviewed and backported.',
      '✅ Operators may use hooks.',
      '✅ A spec will be required.',
      '✅ Nova should stop storing them.',
      '✅ Plan to pull os-traits into Placement.',
      '✅ Monitor it, which may help.',
      '✅ Confirm with gmann whether a microversion is needed.',
      '✅ Placement will reject it.',
      '✅ Tempest will cover it.',
      '✅ OVN will be fixed (OVN).',
      '✅ Done, patches to review later.',
      'Action: update the docs',
      '#action review the patches',
      'Agreed: jdoe update the docs',
    ]) {
      expect([line, owners(line)]).toEqual([line, []]);
    }
  });

  it('de-duplicates case-insensitively, keeping the first spelling', () => {
    expect(owners('✅ Sean will do it. (sean)', '✅ SEAN-K will help', '✅ sean will review')).toEqual(['Sean', 'SEAN-K']);
  });
});

describe('subtopics in plain text', () => {
  it('takes short standalone lines followed by text, and numbered items opening a block', () => {
    const lines = [
      'Intro paragraph.',
      '',
      'Intel TDX',
      '',
      'Kernel support is nearly ready.',
      '',
      'Ends with a period.',
      '',
      'text',
      '',
      'Has a colon: yes',
      '',
      'text',
      '',
      'one two three four five six seven',
      '',
      'text',
      '',
      'lower case start',
      '',
      'text',
      '',
      '1. Live-migratable flag handling (physical_network tag)',
      'Bug: https://bugs.launchpad.net/nova/+bug/2102161',
      '',
      '1. tight',
      '2. list',
      '',
      '✅ Not a subtopic',
      '',
      'text',
      '',
      'Trailing title',
      '',
    ];
    expect(standaloneSubtopics(lines)).toEqual(['Intel TDX', '1. Live-migratable flag handling (physical_network tag)']);
  });
});

describe('links', () => {
  it('strips trailing punctuation and unbalanced parentheses', () => {
    expect(trimUrl('https://a.org/x).')).toBe('https://a.org/x');
    expect(trimUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
    expect(trimUrl('https://a.org/x>,')).toBe('https://a.org/x');
    expect(extractLinks('see <https://a.org/p>, (https://b.org/q). https://a.org/p again')).toEqual([
      { url: 'https://a.org/p', kind: 'other' },
      { url: 'https://b.org/q', kind: 'other' },
    ]);
  });

  it('classifies by host and path', () => {
    const kinds = [
      'https://specs.openstack.org/openstack/nova-specs/specs/2025.2/approved/x.html',
      'https://review.opendev.org/c/openstack/nova-specs/+/945549',
      'https://blueprints.launchpad.net/nova/+spec/foo',
      'https://opendev.org/openstack/neutron-specs/src/branch/master/specs/2025.2/x.rst',
      'https://review.opendev.org/c/openstack/nova/+/942786',
      'https://review.openstack.org/#/c/123456/',
      'https://etherpad.opendev.org/p/nova-ptg',
      'https://etherpad.openstack.org/p/old',
      'https://gibizer.github.io/posts/x/',
      'https://medium.com/@me/x',
      'https://developers.redhat.com/articles/2024/09/05/x',
      'https://blog.example.com/x',
      'https://www.example.com/blog/2025/x',
      'https://docs.openstack.org/nova/latest/',
    ].map((u) => classifyLink(u).kind);
    expect(kinds).toEqual(['spec', 'spec', 'spec', 'spec', 'review', 'review', 'etherpad', 'etherpad', 'blog', 'blog', 'blog', 'blog', 'blog', 'other']);
  });

  it('reads bug numbers from Launchpad and Storyboard URLs and bare mentions', () => {
    expect(classifyLink('https://bugs.launchpad.net/nova/+bug/2102161')).toEqual({
      url: 'https://bugs.launchpad.net/nova/+bug/2102161',
      kind: 'bug',
      bug: 2102161,
    });
    expect(classifyLink('https://launchpad.net/bugs/1930406').bug).toBe(1930406);
    expect(classifyLink('https://storyboard.openstack.org/#!/story/2010123').bug).toBe(2010123);
    expect(extractLinks('like bug #2098892 and LP: #2000001; https://bugs.launchpad.net/nova/+bug/2000001')).toEqual([
      { url: 'https://bugs.launchpad.net/bugs/2098892', kind: 'bug', bug: 2098892 },
      { url: 'https://bugs.launchpad.net/nova/+bug/2000001', kind: 'bug', bug: 2000001 },
    ]);
  });
});

describe('topic level', () => {
  it('skips a single title and "day" headings that only group topics', () => {
    const p = parseSummary('# Octavia PTG\n\nIntro.\n\n## Monday\n\n### Amphora\n\nAgreed: drop v1.\n\n### Limits\n\ntext\n\n## Tuesday\n\n### Jobs\n\nt\n');
    expect(p.topics.map((t) => t.title)).toEqual(['Amphora', 'Limits', 'Jobs']);
  });

  it('keeps top-level headings when there are several with text', () => {
    const p = parseSummary('Manila notes\n============\n\nIntro\n\nBackups\n-------\n\nAgreed: a\n\nQuotas\n------\n\nb\n');
    expect(p.format).toBe('markdown');
    expect(p.topics.map((t) => t.title)).toEqual(['Backups', 'Quotas']);
    expect(parseSummary('## A\n\ntext\n\n### A.1\n\nx\n\n## B\n\ny').topics.map((t) => [t.title, t.subtopics])).toEqual([
      ['A', ['A.1']],
      ['B', []],
    ]);
  });

  it('uses "=== x ===" levels by order of appearance in plain text', () => {
    const p = parseSummary('== Day 1 ==\n=== Alpha ===\na\n=== Beta ===\nb\n== Day 2 ==\n=== Gamma ===\nc\n');
    expect([p.format, p.topics.map((t) => t.title)]).toEqual(['mail', ['Alpha', 'Beta', 'Gamma']]);
    const stars = parseSummary('Hi all,\n\n*** Gate health ***\nAI(frickler): fix it\n\n*** Zuul upgrade ***\ndone\n-----\nnext');
    expect(stars.topics.map((t) => [t.title, t.owners, t.body])).toEqual([
      ['Gate health', ['frickler'], 'AI(frickler): fix it'],
      ['Zuul upgrade', [], 'done\n\nnext'],
    ]);
  });
});

describe('inline markup and entities', () => {
  it('strips Markdown emphasis but not snake_case or code', () => {
    expect(mdInline('**Agreed:** use `hw:io_threads` and *delete_on_terminate*, see [spec](https://a.org/s)')).toBe(
      'Agreed: use hw:io_threads and delete_on_terminate, see spec (https://a.org/s)',
    );
    expect(mdInline('keep my_var_name and 2*3*4 as is, _emph_ goes')).toBe('keep my_var_name and 2*3*4 as is, emph goes');
  });

  it('decodes named and numeric references', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&#39;&nbsp;&rsquo;&mdash;&hellip;&#9989;&#x2705;&bogus;&#0;')).toBe(`&<>"' \u2019\u2014\u2026✅✅&bogus;\ufffd`);
  });

  it('keeps <pre> whitespace and turns <br> and nested lists into lines', () => {
    const p = parseSummary('<h2>T</h2><p>a<br>b</p><ul><li>x<ul><li>y</li></ul></li></ul><pre>  keep\n    this</pre>', { filename: 't.html' });
    expect(p.topics[0].body).toBe('a\nb\n\n- x\n  - y\n\n  keep\n    this');
    // <p> inside <li> (a loose list) keeps items together, so a decision still takes its sub-items.
    const loose = parseSummary('<h2>T</h2><ul><li><p>AGREED: one:</p><ul><li><p>two</p></li></ul></li><li><p>three</p></li></ul><p>after</p>', {
      filename: 't.html',
    });
    expect([loose.topics[0].body, loose.topics[0].decisions]).toEqual(['- AGREED: one:\n  - two\n- three\n\nafter', ['one: two']]);
  });
});

describe('project and cycle', () => {
  it('prefers a "<series> PTG" phrase, then the file name, then planning, then the newest series', () => {
    expect(detectContext('Caracal PTG summary', 'We will revisit in Dalmatian.')).toMatchObject({ cycle: 'caracal', release: '2024.1' });
    expect(detectContext('', 'notes from the 2024.2 PTG')).toMatchObject({ cycle: 'dalmatian', release: '2024.2' });
    expect(detectContext('', 'Epoxy retro. Gazpacho later.', 'nova-2025.2-flamingo.txt').cycle).toBe('flamingo');
    expect(detectContext('', '2025.1 Epoxy Retrospective\n2025.2 Flamingo Planning\nGazpacho maybe')).toMatchObject({ cycle: 'flamingo' });
    expect(detectContext('Notes', 'Antelope and Bobcat')).toMatchObject({ cycle: 'bobcat', release: '2023.2' });
    expect(detectContext('Stein PTG', '')).toEqual({ project: undefined, cycle: 'stein', release: undefined });
    expect(detectContext('', 'we will train people').cycle).toBeUndefined();
  });

  it('finds the project in the file name, the head, then the whole text', () => {
    expect(detectContext('agenda for Nova', '', 'cinder-notes.txt').project).toBe('cinder');
    expect(detectContext('We had a pretty full agenda for Nova and some Neutron', '').project).toBe('nova');
    expect(detectContext('', 'Ironic and ironic, Ironic; nova').project).toBe('ironic');
    expect(detectContext('an ironic glance at the horizon', 'nothing').project).toBeUndefined();
  });
});
