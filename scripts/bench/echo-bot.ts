// The echo bot of the IRC round-trip bench, in a child process (`echo-bot.ts <port> <channel>`):
// a trivial irc-framework bot as the baseline. In the bench's own process the client's clock
// would also count whatever the bot does after its line, as no user's client would.
// Each bot has a channel of its own: a bot that sees lines it does not answer leaves ngIRCd's
// socket to it waiting on a delayed ACK (Nagle), which stalled the next query by 40 ms.
import IRC from 'irc-framework';

const [port, channel] = process.argv.slice(2);
const client = new IRC.Client();
// The socket option cyclebot sets too: without it Nagle stalls some echoes by tens of ms.
client.on('raw socket connected', (socket: { setNoDelay(v: boolean): void }) => socket.setNoDelay(true));
await new Promise<void>((resolve) => {
  client.on('join', () => resolve());
  client.on('registered', () => client.join(channel));
  client.connect({ host: '127.0.0.1', port: Number(port), nick: 'echobot', auto_reconnect: false });
});
client.on('privmsg', (e: { target: string; message: string }) => {
  if (e.message.startsWith('!echo ')) client.say(e.target, e.message.slice(6));
});
process.send!('ready');
process.once('message', () => {
  client.quit('bye');
  setTimeout(() => process.exit(0), 100);
});
