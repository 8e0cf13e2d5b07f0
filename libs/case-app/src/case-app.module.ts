import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import type { DecideContext } from '@sen/case-domain';
import type { EventStore } from '@sen/event-store';
import { CaseRepository } from './case.repository';
import { type CaseCommandGuard, CaseCommandHandler } from './handle-case-command';
import { PiiCodec } from './pii/pii-codec';

export const CASE_COMMAND_GUARD = Symbol('CASE_COMMAND_GUARD');

export interface CaseAppOptions {
  /** Where the event store and the decide context come from (PlatformModule's EVENT_STORE and DECIDE_CONTEXT). */
  eventStore: InjectionToken;
  decideContext: InjectionToken;
  /** The process's guard: the API's holds the users' scope rules; the worker's lets only the system through. */
  guard: Type<CaseCommandGuard>;
  /** Modules the guard's own dependencies come from. */
  imports?: ModuleMetadata['imports'];
  /** Global (the API's: every module writes through it) unless false (the worker's, beside the API in `sen start`). */
  global?: boolean;
}

/**
 * The command path's wiring: the case repository and the one command handler with the process's guard. Global by
 * default, so every module of the process writes through the same handler. Tokens are passed in rather than imported,
 * so that this library does not depend on @sen/platform (which depends on it for the key store).
 */
@Module({})
export class CaseAppModule {
  static forRoot(options: CaseAppOptions): DynamicModule {
    return {
      module: CaseAppModule,
      global: options.global ?? true,
      imports: options.imports ?? [],
      providers: [
        { provide: CASE_COMMAND_GUARD, useClass: options.guard },
        {
          provide: CaseRepository,
          inject: [options.eventStore, PiiCodec],
          useFactory: (store: EventStore, pii: PiiCodec) => new CaseRepository(store, pii),
        },
        {
          provide: CaseCommandHandler,
          inject: [CaseRepository, options.decideContext, CASE_COMMAND_GUARD],
          useFactory: (repository: CaseRepository, context: DecideContext, guard: CaseCommandGuard) =>
            new CaseCommandHandler(repository, context, guard),
        },
      ],
      exports: [CaseRepository, CaseCommandHandler],
    };
  }
}
