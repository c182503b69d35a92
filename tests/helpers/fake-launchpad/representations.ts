// The JSON Launchpad answers for a bug task and a bug (devel API field names and links), and
// the ETag of a bug entry.
import { CANONICAL, PROJECT_DISPLAY, taskOf, type FakeBug, type LaunchpadState } from './state.ts';

export function etag(b: FakeBug): string {
  return `"${b.id}-${b.version ?? 0}"`;
}

export function taskJson(lp: LaunchpadState, project: string, b: FakeBug): Record<string, unknown> {
  const api = `${lp.linkOrigin ?? CANONICAL}/devel`;
  const display = PROJECT_DISPLAY[project] ?? project;
  const task = taskOf(b, project);
  return {
    self_link: `${api}/${project}/+bug/${b.id}`,
    web_link: `https://bugs.launchpad.net/${project}/+bug/${b.id}`,
    resource_type_link: `${api}/#bug_task`,
    http_etag: `"task-${b.id}-${b.version ?? 0}"`,
    title: `Bug #${b.id} in ${display}: "${b.title}"`,
    bug_link: `${api}/bugs/${b.id}`,
    target_link: `${api}/${project}`,
    bug_target_name: project,
    bug_target_display_name: display,
    status: task.status,
    status_explanation: null,
    importance: task.importance,
    importance_explanation: null,
    assignee_link: task.assignee ? `${api}/~${task.assignee}` : null,
    owner_link: `${api}/~reporter`,
    milestone_link: null,
    bug_watch_link: null,
    related_tasks_collection_link: `${api}/${project}/+bug/${b.id}/related_tasks`,
    is_complete: false,
    date_created: b.created,
    date_assigned: null,
    date_confirmed: null,
    date_incomplete: null,
    date_in_progress: null,
    date_triaged: null,
    date_fix_committed: null,
    date_fix_released: null,
    date_closed: null,
    date_left_new: null,
    date_left_closed: null,
    date_deferred: null,
  };
}

export function bugJson(lp: LaunchpadState, b: FakeBug): Record<string, unknown> {
  const api = `${lp.linkOrigin ?? CANONICAL}/devel`;
  const link = (s: string) => `${api}/bugs/${b.id}/${s}`;
  return {
    self_link: `${api}/bugs/${b.id}`,
    web_link: `https://bugs.launchpad.net/bugs/${b.id}`,
    resource_type_link: `${api}/#bug`,
    http_etag: etag(b),
    id: b.id,
    title: b.title,
    description: b.description,
    tags: b.tags,
    heat: b.heat,
    users_affected_count: b.usersAffected,
    users_unaffected_count: 0,
    users_affected_count_with_dupes: b.usersAffected,
    other_users_affected_count_with_dupes: 0,
    message_count: b.messageCount,
    number_of_duplicates: lp.bugs.filter((x) => x.duplicateOf === b.id).length,
    information_type: 'Public',
    private: false,
    security_related: false,
    can_expire: false,
    date_created: b.created,
    date_last_message: null,
    date_last_updated: b.created,
    date_made_private: null,
    duplicate_of_link: b.duplicateOf ? `${api}/bugs/${b.duplicateOf}` : null,
    latest_patch_uploaded: b.latestPatch ?? null,
    lock_status: 'Unlocked',
    lock_reason: null,
    name: null,
    owner_link: `${api}/~reporter`,
    who_made_private_link: null,
    activity_collection_link: link('activity'),
    attachments_collection_link: link('attachments'),
    bug_tasks_collection_link: link('bug_tasks'),
    bug_watches_collection_link: link('bug_watches'),
    cves_collection_link: link('cves'),
    duplicates_collection_link: link('duplicates'),
    linked_branches_collection_link: link('linked_branches'),
    linked_merge_proposals_collection_link: link('linked_merge_proposals'),
    messages_collection_link: link('messages'),
    subscriptions_collection_link: link('subscriptions'),
    users_affected_collection_link: link('users_affected'),
    users_affected_with_dupes_collection_link: link('users_affected_with_dupes'),
    users_unaffected_collection_link: link('users_unaffected'),
    vulnerabilities_collection_link: link('vulnerabilities'),
  };
}
