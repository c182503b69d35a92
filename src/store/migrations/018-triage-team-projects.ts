// Schema 18: a team's round walks the untriaged bugs of several Launchpad projects (neutron,
// networking-ovn): each queued bug names the project whose task of it the round reviews. NULL is
// the round's own project (every round of a team of one project).
import type { Migration } from './types.ts';

export const triageTeamProjectsMigration: Migration = {
  version: 18,
  name: 'triage queue items of a team of several Launchpad projects',
  sql: `
    ALTER TABLE triage_queue ADD COLUMN project TEXT;
  `,
};
