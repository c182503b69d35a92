// The store's one error type: a database that cannot be opened, migrated or written.
export class StoreError extends Error {}
