// The shape of one schema migration; its own file so migrations never import the index or runner.
export interface Migration {
  /** user_version after this migration; strictly increasing, gaps allowed. */
  version: number;
  name: string;
  sql: string;
}
