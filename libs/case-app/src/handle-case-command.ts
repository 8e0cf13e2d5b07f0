import {
  type Agency,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type DecideContext,
  type ExistingCase,
  IllegalStateError,
  type Role,
  decideMany,
  initialState,
} from '@sen/case-domain';
import { ConcurrencyError } from '@sen/event-store';
import type { CaseRepository, LoadedCase } from './case.repository';

/** Who sends a command: a signed-in user, or the system (timers). */
export interface CaseActor {
  userId: string;
  role: Role;
  areaCodes: string[];
  agency: Agency | null;
  unitCode: string | null;
}

export const SYSTEM_ACTOR: CaseActor = {
  userId: 'system',
  role: 'system',
  areaCodes: [],
  agency: null,
  unitCode: null,
};

/**
 * The guard port: every rule on who may send which command to which case, and every check that needs the world
 * outside the stream (the area tree, the users). It sees the decision state before the decider does and
 * throws to refuse. The API's implementation is apps/api/src/cases/case-command.guard.ts.
 */
export interface CaseCommandGuard {
  check(actor: CaseActor, command: CaseCommand, state: CaseState): void | Promise<void>;
}

/** For callers that are the domain's own driver (the simulator, test traffic): no one to check. */
export const UNGUARDED: CaseCommandGuard = { check: () => undefined };

export interface CaseCommandRequest {
  caseId: string;
  /**
   * The commands, decided in turn on one load and appended together. A function builds them from the case as
   * it stands (a timer's next level depends on the case's area); it returns [] when there is nothing to do.
   */
  commands: readonly CaseCommand[] | ((state: ExistingCase) => readonly CaseCommand[]);
  /** The version the caller read (If-Match), or 'latest' for writers that may retry on a concurrent write. */
  expectedVersion: number | 'latest';
  actor: CaseActor;
  /** Event ids for the append (derived ids make an idempotent batch's retry land on the same events). */
  eventIds?: (events: CaseEvent[]) => string[];
}

export interface CommandResult {
  caseId: string;
  version: number;
  /** Event store position of the last event written; the previous one's when nothing was written. */
  position: number | null;
  events: CaseEvent[];
  state: CaseState;
}

export interface CaseCommandDeps {
  repository: CaseRepository;
  context: DecideContext;
  guard: CaseCommandGuard;
}

export class VersionMismatchError extends IllegalStateError {
  constructor(expected: number, actual: number) {
    super('VERSION_CONFLICT', `the case is at version ${actual}, not ${expected}: read it again and retry`, {
      expectedVersion: expected,
      actualVersion: actual,
    });
  }
}

/** Attempts of a 'latest' command when others write the case meanwhile. */
const LATEST_ATTEMPTS = 5;

/**
 * The one command path: load the decision state, guard, decide, append with the version read. With a version
 * from the client a concurrent write is a 409; with 'latest' the command is decided again on the new state.
 */
export async function handleCaseCommand(deps: CaseCommandDeps, request: CaseCommandRequest): Promise<CommandResult> {
  const { caseId, expectedVersion, actor } = request;
  const attempts = expectedVersion === 'latest' ? LATEST_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    // A new case (version 0 expected) is not read: the append's "no stream yet" is the check, and a stream that
    // exists answers as a version conflict, as a read would have. One round trip less per case opened.
    const loaded: LoadedCase =
      expectedVersion === 0 && typeof request.commands !== 'function'
        ? { state: initialState(), version: 0, events: [] }
        : await deps.repository.load(caseId);
    const lastPosition = loaded.events[loaded.events.length - 1]?.position ?? null;
    let commands: readonly CaseCommand[];
    if (typeof request.commands === 'function') {
      // Built from the case: no case, nothing to build (the timer of a case that never was).
      if (loaded.state.status === 'none')
        return { caseId, version: 0, position: null, events: [], state: loaded.state };
      commands = request.commands(loaded.state);
    } else {
      commands = request.commands;
    }
    // Scope first: a case the caller may not see must not answer with its version.
    if (commands[0]) await deps.guard.check(actor, commands[0], loaded.state);
    if (expectedVersion !== 'latest' && loaded.version !== expectedVersion) {
      // Not found wins over a version mismatch: the decider says which.
      if (loaded.version === 0) decideMany(commands, loaded.state, deps.context);
      throw new VersionMismatchError(expectedVersion, loaded.version);
    }
    // In a batch each later command is guarded on the state the earlier ones reach (opened, then referred).
    let state = loaded.state;
    const events: CaseEvent[] = [];
    for (const [i, command] of commands.entries()) {
      if (i > 0) await deps.guard.check(actor, command, state);
      const step = decideMany([command], state, deps.context);
      state = step.state;
      events.push(...step.events);
    }
    if (events.length === 0) return { caseId, version: loaded.version, position: lastPosition, events, state };
    try {
      const written = await deps.repository.append(caseId, events, loaded.version, request.eventIds?.(events));
      return { caseId, version: written.version, position: written.position, events, state };
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        if (attempt < attempts) continue;
        throw new VersionMismatchError(loaded.version, error.actual + 1);
      }
      throw error;
    }
  }
}

/**
 * `handleCaseCommand` with its dependencies bound: what Nest injects (CaseAppModule) and what the simulator and
 * the test harnesses build by hand.
 */
export class CaseCommandHandler {
  private readonly deps: CaseCommandDeps;

  constructor(repository: CaseRepository, context: DecideContext, guard: CaseCommandGuard) {
    this.deps = { repository, context, guard };
  }

  handle(request: CaseCommandRequest): Promise<CommandResult> {
    return handleCaseCommand(this.deps, request);
  }

  /** One command as `actor` (the system unless said). */
  execute(
    caseId: string,
    command: CaseCommand,
    expectedVersion: number | 'latest',
    actor: CaseActor = SYSTEM_ACTOR,
  ): Promise<CommandResult> {
    return this.handle({ caseId, commands: [command], expectedVersion, actor });
  }
}
