// The round report for the mailing list or an etherpad: per round, the backlog, each reviewed
// bug with its outcome and who decided, the deferred ones, and what was (not) written back.
// Built from SQLite only; no Launchpad request.
import { safeMeetingName } from '../meetings/tracker.ts';
import { sanitizeLine } from '../core/text.ts';
import type { TriageRepo } from './repo.ts';
import { dailyPoints } from './backlog.ts';
import { isoDay, plural, shortDate, shortTitle } from './format.ts';
import { effective, itemProject, summarize, type Decision, type Round } from './round.ts';
import { ORDER_LABEL, isOutcome } from './types.ts';
import { outcomeText } from './writeback.ts';

export type ReportFormat = 'text' | 'markdown';

interface BugRow {
  id: number;
  title: string;
  url: string;
  outcome: string;
  by: string;
}

/**
 * Escapes what would break a Markdown table cell in untrusted text (titles, reasons): the
 * backslash and '|' (newlines are removed by sanitizeLine). Nothing else, so a title pasted into
 * an etherpad reads as written: "(case 13)", not "\(case 13\)".
 */
export function mdEscape(text: string): string {
  return sanitizeLine(text).replace(/[\\|]/g, '\\$&');
}

function rowsOf(repo: TriageRepo, round: Round, decisions: Decision[]): { reviewed: BugRow[]; deferred: BugRow[] } {
  const byBug = new Map<number, Decision[]>();
  for (const d of decisions) byBug.set(d.bugId, [...(byBug.get(d.bugId) ?? []), d]);
  const row = (bugId: number, ds: Decision[]): BugRow => {
    const task = repo.task(itemProject(round, bugId), bugId);
    const cached = repo.getBug(bugId)?.details.title;
    const shown = effective(ds).filter((d) => d.kind !== 'skip' && d.kind !== 'defer');
    // Corrections stay visible: what was undone or replaced, and by whom.
    const byId = new Map(ds.map((d) => [d.id, d]));
    const corrections = ds
      .filter((d) => d.corrects !== null)
      .map((d) =>
        d.kind === 'undo' ? `"${d.value}" undone by ${d.by.display}` : `corrected from "${outcomeText(byId.get(d.corrects!) ?? d)}" by ${d.by.display}`,
      );
    return {
      id: bugId,
      title: shortTitle(cached || task?.title || ''),
      url: task?.webLink ?? `https://bugs.launchpad.net/bugs/${bugId}`,
      outcome: [...shown.map((d) => `${outcomeText(d)}${d.reason ? ` (${sanitizeLine(d.reason)})` : ''}`), ...corrections].join('; '),
      by: [...new Set(shown.map((d) => d.by.display))].join(', '),
    };
  };
  const reviewed: BugRow[] = [];
  const deferred: BugRow[] = [];
  for (const q of round.queue) {
    const ds = byBug.get(q.bugId) ?? [];
    if (q.state === 'decided') reviewed.push(row(q.bugId, ds));
    else if (q.state === 'deferred' || (q.state !== 'skipped' && round.endedAt !== null)) deferred.push(row(q.bugId, ds));
  }
  return { reviewed, deferred };
}

function writesLine(decisions: Decision[]): string | null {
  // An undone or amended decision is not to be applied by hand; its correction counts instead.
  const corrected = new Set(decisions.map((d) => d.corrects));
  const counted = decisions.filter((d) => d.writeState !== 'none' && !corrected.has(d.id));
  if (counted.length === 0) return null;
  const by = (s: Decision['writeState']) => counted.filter((d) => d.writeState === s).length;
  const parts = [
    by('written') && `${by('written')} written`,
    by('dry-run') && `${by('dry-run')} not written (dry-run: apply them on Launchpad by hand)`,
    by('pending') && `${by('pending')} waiting for Launchpad`,
    by('failed') && `${by('failed')} refused by Launchpad`,
  ].filter(Boolean);
  return `Launchpad: ${parts.join(', ')}.`;
}

export function renderReport(repo: TriageRepo, project: string, rounds: Round[], format: ReportFormat, now: number): string {
  const md = format === 'markdown';
  const esc = (t: string) => (md ? mdEscape(t) : sanitizeLine(t));
  const out: string[] = [];
  if (rounds.length === 0) return `No ${project} triage round recorded in that period.\n`;
  for (const round of rounds) {
    const decisions = repo.decisionsOfRound(round.id);
    const sum = summarize(round.queue, effective(decisions), (k) => isOutcome(k));
    const meeting = round.meeting ? ` (${safeMeetingName(round.meeting.name) ?? 'team'} meeting)` : '';
    const title = `${project} bug triage, ${isoDay(round.startedAt)}${meeting}`;
    out.push(md ? `## ${esc(title)}` : title, '');
    const state = round.endedAt === null ? ' (still running)' : '';
    out.push(
      `Untriaged (${round.query}): ${round.backlog} at the start${round.halfTriaged !== null ? `, ${round.halfTriaged} half-triaged` : ''}. ` +
        `Reviewed ${sum.reviewed} of ${round.queue.length}, ${ORDER_LABEL[round.order]}, started by ${esc(round.startedBy.display)}${state}.`,
    );
    if (sum.outcomes.length) out.push(`Outcomes: ${sum.outcomes.map(([l, n]) => `${n} ${l}`).join(', ')}.`);
    const corrected = decisions.filter((d) => d.corrects !== null).length;
    if (corrected) out.push(`Corrections: ${corrected} (undone or amended during the round; shown with each bug).`);
    out.push('');
    const { reviewed, deferred } = rowsOf(repo, round, decisions);
    if (reviewed.length) {
      if (md) {
        out.push('| Bug | Title | Outcome | Decided by |', '|---|---|---|---|');
        for (const r of reviewed) out.push(`| [${r.id}](${r.url}) | ${esc(r.title)} | ${esc(r.outcome)} | ${esc(r.by)} |`);
      } else {
        for (const r of reviewed) out.push(`- Bug ${r.id} "${esc(r.title)}": ${esc(r.outcome)} (${esc(r.by)}) ${r.url}`);
      }
      out.push('');
    }
    if (deferred.length) {
      const list = deferred.map((r) => (md ? `[${r.id}](${r.url}) ${esc(r.title)}` : `Bug ${r.id} "${esc(r.title)}" ${r.url}`));
      out.push(`Carried to the next round (${deferred.length}):`, ...list.map((l) => `- ${l}`), '');
    }
    const writes = writesLine(decisions);
    if (writes) out.push(writes, '');
  }
  const trend = dailyPoints(repo.backlog(project, 200)).slice(0, 8);
  if (trend.length) out.push(`Backlog (newest first): ${trend.map((p) => `${p.untriaged} (${shortDate(p.takenAt, now)})`).join(', ')}.`);
  out.push(`${plural(rounds.length, 'round')} reported.`);
  return `${out.join('\n')}\n`;
}
