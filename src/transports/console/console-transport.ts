// A chat on standard input/output: the local operator talks to the bot line by line.
// Ends when input ends, after every answer has been printed.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderPlain } from '../../core/formatting.ts';
import type { ChatMessage, Delivery, Reply, Transport } from '../../core/types.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a "> " prompt (interactive terminals only). */
  prompt: boolean;
  user?: string;
}

export class ConsoleTransport implements Transport {
  readonly name = 'console';
  readonly maxLineBytes = Infinity;
  readonly ordered = true;
  private rl: readline.Interface | null = null;
  private ended!: Promise<void>;

  constructor(private readonly opts: ConsoleOptions) {}

  async start(onMessage: (msg: ChatMessage) => void): Promise<void> {
    const user = this.opts.user ?? 'you';
    this.rl = readline.createInterface({ input: this.opts.input, terminal: false });
    this.ended = new Promise((resolve) => this.rl!.once('close', () => resolve()));
    // A reader that went away (`| head`) ends the chat instead of crashing it.
    this.opts.output.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.rl?.close();
    });
    this.showPrompt();
    this.rl.on('line', (line) => {
      if (line.trim() === '') return this.showPrompt();
      onMessage({
        transport: this.name,
        room: 'console',
        isPrivate: true,
        addressed: true,
        text: line,
        sender: { key: 'console:operator', display: user, isLocalOperator: true },
      });
    });
  }

  /** Resolves when standard input has ended. */
  closed(): Promise<void> {
    return this.ended;
  }

  async send(_room: string, reply: Reply): Promise<Delivery> {
    if (this.opts.output.writableEnded || this.opts.output.destroyed) return { delivered: false, reason: 'the console output is closed' };
    for (const line of reply.lines) this.opts.output.write(`${renderPlain(line)}\n`);
    this.showPrompt();
    return { delivered: true };
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  private showPrompt(): void {
    if (this.opts.prompt) this.opts.output.write('> ');
  }
}
