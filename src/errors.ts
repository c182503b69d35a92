// Errors that carry a message fit to show a user (one line) and details for the log.
import { lineText } from './core/rich.ts';
import type { RichLine } from './core/types.ts';

export class CommandError extends Error {
  /** The line for the user: text, or a rich line naming commands (rendered with the prefix). */
  constructor(
    readonly userMessage: string | RichLine,
    logMessage = lineText(userMessage),
  ) {
    super(logMessage);
  }
}

export class ConfigError extends Error {}

/** One line, no stack: what the CLI prints for an expected failure (exit status 1). */
export class UserError extends Error {}

/** A command line the program cannot act on: a bad argument or option value (exit status 2). */
export class UsageError extends UserError {}
