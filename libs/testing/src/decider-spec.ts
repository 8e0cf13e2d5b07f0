import { DomainError } from '@sen/case-domain';

export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/**
 * Given/when/then for a decider (after Emmett's DeciderSpecification):
 *   spec.given([opened]).when(assess).then([assessed])
 *   spec.given([opened, closed]).when(refer).thenThrows('CASE_CLOSED')
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: Event[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenProduces(check: (events: Event[], state: State) => void) {
              const events = run();
              check(events, events.reduce(decider.evolve, state));
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            thenThrows(code: string, kind?: DomainError['kind']) {
              let caught: unknown;
              try {
                run();
              } catch (e) {
                caught = e;
              }
              expect(caught).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              if (kind) expect((caught as DomainError).kind).toBe(kind);
            },
          };
        },
      };
    },
  };
}
