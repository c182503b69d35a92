// Decision lists in the shapes mails give them: a blank line between "Action Items:" and its
// list, and items wrapped at the mail's line length.
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';

const decisions = (text: string) => extractDecisions(text.split('\n')).map((d) => d.text);

describe('decision lists in mails', () => {
  it("takes the list below a blank line after an empty marker, and a mail's wrapped lines with their item", () => {
    const mail = [
      'Action Items:',
      '',
      '* Jroll will bring up for discussion if we can update the theme for',
      'rendered specs documentation.',
      '* TheJulia will revise our specification template to attempt to be',
      'more clear about why we ask',
      'After the retrospective we spoke about velocity.',
    ].join('\n');
    expect(decisions(mail)).toEqual([
      'Jroll will bring up for discussion if we can update the theme for rendered specs documentation.',
      'TheJulia will revise our specification template to attempt to be more clear about why we ask',
    ]);
    expect(decisions('Agreed: we keep the old API for one more cycle and then we will\ndeprecate it.\nOther text.')).toEqual([
      'we keep the old API for one more cycle and then we will deprecate it.',
    ]);
    // A text that keeps one statement a line (lines longer than a mail wraps at) is not wrapped.
    const long = '✅ Define a new API to expose capabilities of instances (e.g., can this instance be live-migrated)';
    expect(decisions(`${long}\nValues will be derived by Nova.`)).toEqual([long.slice(2)]);
  });

  it('reads a bullet typed without its space ("-Action item:") as a bullet', () => {
    expect(decisions('1. Searchlight\n-Action item: gmann to start the retirement process.\n2. Placement')).toEqual(['gmann to start the retirement process.']);
    expect(decisions('-Agreed: keep it\n- other')).toEqual(['keep it']);
    expect(decisions('-agreement reached later')).toEqual([]);
  });
});
