// !status, !whoami — what the bot knows and who it thinks you are (for checking permissions).
import type { CommandSpec } from '../src/core/types.ts';
import type { PtgRepo } from '../src/ptg/repo.ts';

export interface AdminDeps {
  repo: PtgRepo;
  version: string;
  startedAt: Date;
  /** Problems worth a line in !status (e.g. another bot answering our prefix). */
  warnings?: () => string[];
  /** One line per live source (ptg.sources, schedule sync): ok, or failing and why. */
  sources?: (now: Date) => string[];
}

export function adminCommands(deps: AdminDeps): CommandSpec[] {
  return [
    {
      name: 'status',
      usage: '',
      help: 'Version, uptime, the imported PTG summaries and the live sources (last check, last error).',
      permission: 'anyone',
      examples: [{ input: 'status', expect: /^cyclebot \S+, up \d+ min; \d+ topics from \d+ PTG summar(y|ies): / }],
      handler: (ctx) => {
        const docs = deps.repo.documents();
        const up = Math.round((ctx.now.getTime() - deps.startedAt.getTime()) / 60000);
        const list = docs.map((d) => `${d.project} ${d.cycle}`).join(', ') || 'none';
        const head = `cyclebot ${deps.version}, up ${up} min; ${deps.repo.topicCount()} topics from ${docs.length} PTG summar${docs.length === 1 ? 'y' : 'ies'}: ${list}`;
        const extra = [...(deps.sources?.(ctx.now) ?? []), ...(deps.warnings?.() ?? [])];
        return { lines: [[head], ...extra.map((w) => [w])] };
      },
    },
    {
      name: 'whoami',
      usage: '',
      help: 'Shows how the bot identifies you and the role you hold (anyone, chair, admin).',
      permission: 'anyone',
      examples: [{ input: 'whoami', expect: 'alice: account alice, role anyone' }],
      handler: (ctx) => {
        const s = ctx.message.sender;
        const how = s.account ? `account ${s.account}` : s.isLocalOperator ? 'local console operator' : 'no verified account';
        return { lines: [[`${s.display}: ${how}, role ${ctx.role}`]], private: !ctx.message.isPrivate };
      },
    },
  ];
}
