import { describe, expect, it } from 'vitest';
import { renderIrc } from '../../../../src/transports/irc/render.ts';

describe('IRC renderer', () => {
  it('bolds with ^B and strips injected control characters', () => {
    expect(renderIrc([{ bold: 'x\r\nPRIVMSG #a :evil' }, ' y\u0000'])).toBe('\x02x PRIVMSG #a :evil\x02 y');
  });
});
