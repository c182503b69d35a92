// Errors that carry a message fit to show a user (one line) and details for the log.

/**
 * A line for the user: text, or core's RichLine (pieces where { command } names a command the
 * router renders with the prefix). Declared by shape: core imports this file, not the reverse.
 */
export type UserLine = string | readonly (string | { command: string } | object)[];

/** The words of a UserLine for the log: commands shown with the default prefix. */
function logText(line: UserLine): string {
  if (typeof line === 'string') return line;
  return line.map((p) => (typeof p === 'string' ? p : 'command' in p ? `!${p.command}` : '')).join('');
}

export class CommandError extends Error {
  /** The line for the user: text, or a rich line naming commands (rendered with the prefix). */
  constructor(
    readonly userMessage: UserLine,
    logMessage = logText(userMessage),
  ) {
    super(logMessage);
  }
}

export class ConfigError extends Error {}

/** One line, no stack: what the CLI prints for an expected failure (exit status 1). */
export class UserError extends Error {}

/** A command line the program cannot act on: a bad argument or option value (exit status 2). */
export class UsageError extends UserError {}
