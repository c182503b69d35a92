// Page chrome left after a blog post (src/ptg/parse/chrome.ts) is no topic.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { isPageChrome } from '../../../src/ptg/parse/chrome.ts';

const para = (w: string) => `<p>${w} was discussed at length by the team, and the plan is written down on the etherpad.</p>`;

describe('page chrome', () => {
  it('a "Comments" heading over the comment widget is no topic', () => {
    const html =
      `<article><h1>Ironic PTG</h1><h2>Deploy steps</h2>${para('Deploy steps')}<h2>Rescue</h2>${para('Rescue')}` +
      '<section class="comments"><h2>Comments</h2><div id="disqus_thread"></div><p>Comments powered by <a href="https://disqus.com">Disqus.</a></p></section></article>';
    expect(parseSummary(html, { filename: 'post.html' }).topics.map((t) => t.title)).toEqual(['Deploy steps', 'Rescue']);
  });

  it('keeps a section of that name that says something, and a page of nothing else', () => {
    const long = { title: 'Comments', body: 'Reviewers asked for the API to be versioned. '.repeat(10), decisions: [] };
    expect(isPageChrome(long)).toBe(false);
    expect(isPageChrome({ title: 'Share this:', body: 'Twitter Facebook', decisions: [] })).toBe(true);
    expect(isPageChrome({ title: '12 Comments', body: 'Leave a reply', decisions: [] })).toBe(true);
    expect(isPageChrome({ title: 'Comments on the spec', body: 'short', decisions: [] })).toBe(false);
    expect(parseSummary('<h2>Comments</h2><p>Powered by Disqus.</p>', { filename: 'post.html' }).topics.map((t) => t.title)).toEqual(['Comments']);
  });
});
