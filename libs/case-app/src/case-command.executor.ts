import {
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type DecideContext,
  IllegalStateError,
  decide,
  evolve,
} from '@sen/case-domain';
import { ConcurrencyError } from '@sen/event-store';
import type { CaseRepository } from './case.repository';

export interface CommandResult {
  caseId: string;
  version: number;
  /** Event store position of the last event written; the previous one's when nothing was written. */
  position: number | null;
  events: CaseEvent[];
  state: CaseState;
}

export class VersionMismatchError extends IllegalStateError {
  constructor(expected: number, actual: number) {
    super('VERSION_CONFLICT', `the case is at version ${actual}, not ${expected}: read it again and retry`, {
      expectedVersion: expected,
      actualVersion: actual,
    });
  }
}

/**
 * The one command path: read the stream, fold, decide, append with the version read. Used by the HTTP
 * handlers (with the client's If-Match) and by the worker's timers (which retry on a concurrent write).
 */
export class CaseCommandExecutor {
  constructor(
    private readonly repository: CaseRepository,
    private readonly context: () => DecideContext,
  ) {}

  /**
   * `guard` sees the state before the decider does, for rules that need the outside world (the area tree, say).
   */
  async execute(
    caseId: string,
    command: CaseCommand,
    expectedVersion: number | 'latest',
    guard?: (state: CaseState) => void | Promise<void>,
  ): Promise<CommandResult> {
    const attempts = expectedVersion === 'latest' ? 5 : 1;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.repository.load(caseId);
      // Scope first: a case the caller may not see must not answer with its version.
      await guard?.(loaded.state);
      if (expectedVersion !== 'latest' && loaded.version !== expectedVersion) {
        if (loaded.version === 0) {
          // Not found wins over a version mismatch: the decider says which.
          decide(command, loaded.state, this.context());
        }
        throw new VersionMismatchError(expectedVersion, loaded.version);
      }
      const events = decide(command, loaded.state, this.context());
      const lastPosition = loaded.events[loaded.events.length - 1]?.position ?? null;
      if (events.length === 0) {
        return { caseId, version: loaded.version, position: lastPosition, events, state: loaded.state };
      }
      try {
        const written = await this.repository.append(caseId, events, loaded.version);
        return { caseId, version: written.version, position: written.position, events, state: events.reduce(evolve, loaded.state) };
      } catch (error) {
        if (error instanceof ConcurrencyError) {
          if (attempt < attempts) continue;
          throw new VersionMismatchError(loaded.version, error.actual + 1);
        }
        throw error;
      }
    }
  }
}
