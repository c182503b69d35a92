// Types of net-guard.mjs (plain JavaScript, so spawned processes load it without a TypeScript loader).
export const attempts: string[];
export function isLoopback(host: string): boolean;
