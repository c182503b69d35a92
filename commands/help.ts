// !help [command [sub-command]] — lists commands, or shows one command's help, sub-commands and examples.
import { command, rich } from '../src/core/rich.ts';
import type { Registry } from '../src/core/registry.ts';
import type { CommandExample, CommandSpec, Inline, RichLine, Role } from '../src/core/types.ts';
import { CommandError } from '../src/errors.ts';

const LINE_CHARS = 380;

/** "e.g. !ptg eventlet · !ptg OTU": examples as commands rendered with the prefix. */
function examplesLine(examples: CommandExample[]): RichLine {
  const line: RichLine = ['e.g. '];
  examples.forEach((e, i) => line.push(...(i ? [' · '] : []), command(e.input)));
  return line;
}

const forWhom = (p: Role) => (p === 'anyone' ? '' : ` (${p}s)`);

const width = (item: Inline[]) => item.reduce((n: number, p) => n + (typeof p === 'string' ? p.length : 'command' in p ? p.command.length + 1 : 20), 0);

/** Items separated by `sep`, packed into lines of about LINE_CHARS characters. */
function packed(head: string, items: Inline[][], sep = ' · '): RichLine[] {
  const lines: RichLine[] = [];
  let line: RichLine = [head];
  let size = head.length;
  let first = true;
  for (const item of items) {
    const len = width(item);
    if (!first && size + sep.length + len > LINE_CHARS) {
      lines.push(line);
      [line, size, first] = [[], 0, true];
    }
    if (!first) line.push(sep);
    line.push(...item);
    size += len + (first ? 0 : sep.length);
    first = false;
  }
  lines.push(line);
  return lines;
}

export function helpCommands(registry: () => Registry): CommandSpec[] {
  return [
    {
      name: 'help',
      aliases: ['commands'],
      usage: '[command [sub-command]]',
      help: 'Lists the commands, or explains one with its sub-commands.',
      permission: 'anyone',
      examples: [{ input: 'help ptg', expect: /^e\.g\. \S+ptg eventlet · / }],
      handler: (ctx) => {
        const reg = registry();
        // "!help !ptg" or "!help .ptg": the first non-word characters are someone's prefix.
        const words = ctx.args.trim().split(/\s+/).filter(Boolean);
        const word = (words[0] ?? '').replace(/^[^\p{L}\p{N}]{1,3}/u, '');
        if (!word) {
          const items = reg.all().map((s) => [command(s.name), forWhom(s.permission)]);
          return { lines: [[...packed('commands: ', items, ', ')[0], ' — ', ...rich`${command('help <command>')} for details`]] };
        }
        const spec = reg.find(word);
        if (!spec) throw new CommandError(rich`no command "${word.slice(0, 32)}"; ${command('help')} lists them`);
        const sub = words.length > 1 ? reg.subcommand(spec, words.slice(1).join(' ')) : undefined;
        if (sub) {
          const lines: RichLine[] = [
            [command(`${spec.name} ${sub.name} ${sub.usage}`.trim()), forWhom(sub.permission ?? spec.permission), ...(sub.help ? [` — ${sub.help}`] : [])],
          ];
          if (sub.aliases?.length) lines.push([`also: ${sub.aliases.join(', ')}`]);
          if (sub.examples?.length) lines.push(examplesLine(sub.examples));
          return { lines };
        }
        const lines: RichLine[] = [[command(`${spec.name} ${spec.usage}`.trim()), ` — ${spec.help}`]];
        if (spec.subcommands?.length) {
          const items = spec.subcommands.map((s) => [`${s.name}${s.usage ? ` ${s.usage}` : ''}${forWhom(s.permission ?? spec.permission)}`]);
          lines.push(...packed('sub-commands: ', items));
        }
        const examples = [...(spec.examples ?? []), ...(spec.subcommands ?? []).flatMap((s) => s.examples ?? [])];
        if (examples.length) lines.push(examplesLine(examples.slice(0, 4)));
        return { lines };
      },
    },
  ];
}
