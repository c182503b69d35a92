// !help [command] — lists commands, or shows one command's help and examples.
import type { CommandSpec } from '../src/core/types.ts';
import type { Registry } from '../src/core/registry.ts';
import { CommandError } from '../src/errors.ts';

export function helpCommands(registry: () => Registry, prefix: string): CommandSpec[] {
  return [
    {
      name: 'help',
      aliases: ['commands'],
      usage: '[command]',
      help: 'Lists the commands, or explains one.',
      permission: 'anyone',
      examples: [{ input: '!help ptg', expect: 'ptg' }],
      handler: (ctx) => {
        const reg = registry();
        const word = ctx.args.trim().replace(/^!/, '').split(/\s+/)[0];
        if (!word) {
          const list = reg.all().map((s) => `${prefix}${s.name}${s.permission === 'anyone' ? '' : ` (${s.permission}s)`}`);
          return { lines: [[`commands: ${list.join(', ')} — ${prefix}help <command> for details`]] };
        }
        const spec = reg.find(word);
        if (!spec) throw new CommandError(`no command "${word}"; ${prefix}help lists them`);
        const lines = [[{ bold: `${prefix}${spec.name} ${spec.usage}` }, ` — ${spec.help}`]];
        if (spec.examples?.length) lines.push([`e.g. ${spec.examples.map((e) => e.input).join(' · ')}`]);
        return { lines };
      },
    },
  ];
}
