// In a mail (an .eml file, or a copy whose line breaks were put back), "# Kolla" with a line of
// its own over "## …" lines groups those topics: each "##" section is a topic. On a page the same
// nesting is one topic with sub-sections.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const para = (topic: string) =>
  `We went through ${topic} in detail and agreed on the next steps for the cycle, with owners for each of them. `.repeat(4).trim();

const mail = [
  'Hi all, here is what the kolla team discussed at the PTG.',
  '',
  '# Kolla',
  'Two image topics this time.',
  '',
  '## Dropping binary images',
  para('the binary images'),
  '',
  '## Rocky Linux images',
  para('the Rocky Linux images'),
  '',
  '# Kolla-Ansible',
  'And two for the deployment side.',
  '',
  '## Opensearch migration',
  para('the opensearch migration'),
  '',
  '## Let it go: ceph-ansible',
  para('the ceph-ansible retirement'),
].join('\n');

describe('"# group" lines with a line of their own over "## topic" lines', () => {
  it('in a mail: the "##" sections are the topics', () => {
    const titles = parseSummary(mail, { filename: 'kolla.eml' }).topics.map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(['Dropping binary images', 'Rocky Linux images', 'Opensearch migration', 'Let it go: ceph-ansible']));
    expect(titles).not.toContain('Kolla');
  });

  it('a group with much text of its own stays one topic', () => {
    const own = mail.replace('Two image topics this time.', para('the state of the images').repeat(3));
    const titles = parseSummary(own, { filename: 'kolla.eml' }).topics.map((t) => t.title);
    expect(titles).toContain('Kolla');
  });
});
