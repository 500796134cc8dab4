/**
 * Thrown by a command action to end the CLI with a given exit code after it has printed its own
 * message. {@link runCli} turns it into the process exit code.
 */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number, message = `exit ${code}`) {
    super(message);
    this.name = "CliExit";
    this.code = code;
  }
}
