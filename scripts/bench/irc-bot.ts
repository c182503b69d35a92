// One bot of the IRC round-trip bench, run in a child process (`irc-bot.ts cyclebot|echo <port>`).
// In the bench's own process the client's clock would also count whatever the bot does after
// its first line (and the other bot's handling of every channel line), as no user's client would.
import IRC from 'irc-framework';
import { allJoined, startBot } from '../../tests/integration/irc/harness.ts';

// Each bot has a channel of its own: a bot that sees lines it does not answer leaves ngIRCd's
// socket to it waiting on a delayed ACK (Nagle), which stalled the next query by 40 ms.
const [kind, port, channel] = process.argv.slice(2);

// Generous flood settings: this measures latency, not the (deliberate) pacing of the outbox.
// The burst covers every line of the run: pacing would be timed instead of latency.
const FAST = { burst: 100_000, perSecond: 100, maxQueue: 5000 };

async function echoBot(port: number): Promise<{ stop(): Promise<void> }> {
  const client = new IRC.Client();
  // The socket option cyclebot sets too: without it Nagle stalls some echoes by tens of ms.
  client.on('raw socket connected', (socket: { setNoDelay(v: boolean): void }) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => {
    client.on('join', () => resolve());
    client.on('registered', () => client.join(channel));
    client.connect({ host: '127.0.0.1', port, nick: 'echobot', auto_reconnect: false });
  });
  client.on('privmsg', (e: { target: string; message: string }) => {
    if (e.message.startsWith('!echo ')) client.say(e.target, e.message.slice(6));
  });
  return { stop: async () => client.quit('bye') };
}

async function cyclebot(port: number): Promise<{ stop(): Promise<void> }> {
  const bot = await startBot({ irc: { port, channels: [channel], flood: FAST }, config: { rateLimit: { burst: 100000, refillSeconds: 1 } } });
  await allJoined(bot.irc);
  return { stop: () => bot.stop() };
}


const bot = await (kind === 'echo' ? echoBot : cyclebot)(Number(port));
process.send!('ready');
process.once('message', () => void bot.stop().finally(() => process.exit(0)));
