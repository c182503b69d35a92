// Errors that carry a message fit to show a user (one line) and details for the log.

export class CommandError extends Error {
  constructor(
    readonly userMessage: string,
    logMessage = userMessage,
  ) {
    super(logMessage);
  }
}

export class ConfigError extends Error {}

/** One line, no stack: what the CLI prints for an expected failure (exit status 1). */
export class UserError extends Error {}

/** A command line the program cannot act on: a bad argument or option value (exit status 2). */
export class UsageError extends UserError {}
