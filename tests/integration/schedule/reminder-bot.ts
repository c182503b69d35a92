// A bot process for the kill -9 test: the real app, Bot and IrcTransport, plus the reminder
// scheduler, on a database file shared between runs. Its clock is shifted: it starts at the
// instant given and runs at real speed. Logs are JSON lines on stdout.
//   tsx reminder-bot.ts <db> <ircd port> <start ISO> [normal|hang-after-post]
// hang-after-post: the reminder reaches the channel, then post() never returns (the process is
// killed before the scheduler can mark it sent).
import pino from 'pino';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { Bot } from '../../../src/core/bot.ts';
import { ReminderScheduler } from '../../../src/schedule/scheduler.ts';
import { splitTarget } from '../../../src/schedule/settings.ts';
import { IrcTransport } from '../../../src/transports/irc/irc-transport.ts';

const [dbFile, port, startIso, mode = 'normal'] = process.argv.slice(2);
const shift = Date.parse(startIso) - Date.now();
const clock = () => new Date(Date.now() + shift);

const log = pino({ level: 'debug', timestamp: false, base: null }, pino.destination({ dest: 1, sync: true }));
const config = validateConfig(
  {
    irc: { host: '127.0.0.1', port: Number(port), tls: false, channels: ['#nova'], flood: { burst: 10, perSecond: 10, maxQueue: 60 } },
    schedule: { channels: ['irc:#nova'] },
  },
  'test',
  {},
);
const app = createApp({ dbPath: dbFile, config, log, clock });
const irc = new IrcTransport(config.irc!, { nick: config.nick, log: log.child({ module: 'irc' }), reconnectMinDelayMs: 200 });
const bot = new Bot(app.router, [irc], log.child({ module: 'bot' }));
const joined = new Promise<void>((resolve) => irc.on('joined', (ch: string) => ch === '#nova' && resolve()));
await bot.start();
await joined;
log.info({ pid: process.pid }, 'joined #nova');

const scheduler = new ReminderScheduler({
  repo: app.schedules,
  settings: app.scheduleSettings,
  clock,
  // A dropped line must not count as posted: only post while registered.
  post: async (channel, reply) => {
    const { transport, room } = splitTarget(channel);
    if (irc.state !== 'registered') return false;
    const ok = await bot.post(transport, room, reply);
    await irc.drained();
    if (mode === 'hang-after-post') {
      log.info('posted; hanging before the ledger is marked');
      await new Promise(() => undefined);
    }
    return ok;
  },
  meetingRunning: () => false,
  log: log.child({ module: 'schedule' }),
});
scheduler.start();
