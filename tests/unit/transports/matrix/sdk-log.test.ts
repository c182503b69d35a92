import { LogService } from 'matrix-bot-sdk';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { routeSdkLogs, sdkLogLine } from '../../../../src/transports/matrix/sdk-log.ts';

describe('SDK log routing', () => {
  it('joins the parts and keeps errors as objects', () => {
    const err = new Error('boom');
    expect(sdkLogLine('MatrixClientLite', ['Error handling sync', err, { a: 1 }])).toEqual({
      obj: { sdk: 'MatrixClientLite', err },
      msg: 'Error handling sync {"a":1}',
    });
    expect(sdkLogLine('X', ['GET /x?access_token=secret&y=1']).msg).toBe('GET /x?access_token=<redacted>&y=1');
  });

  it('sends SDK messages to pino, demoting HTTP errors to debug', () => {
    const lines: { level: number; msg: string; sdk: string }[] = [];
    const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    routeSdkLogs(log);
    LogService.error('MatrixHttpClient', '(REQ-1)', { errcode: 'M_NOT_FOUND' });
    LogService.error('MatrixClientLite', 'Error handling sync');
    LogService.info('MatrixClientLite', 'Client stop requested');
    expect(lines.map((l) => [l.level, l.sdk, l.msg])).toEqual([
      [20, 'MatrixHttpClient', '(REQ-1) {"errcode":"M_NOT_FOUND"}'],
      [50, 'MatrixClientLite', 'Error handling sync'],
      [20, 'MatrixClientLite', 'Client stop requested'],
    ]);
  });
});
