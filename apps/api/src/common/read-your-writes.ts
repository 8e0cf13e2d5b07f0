import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { EVENT_STORE, SQL } from '@sen/platform';
import { waitForPosition } from '@sen/read-models';
import { ApiError } from './api-error';

/** How long a read with ?minPosition= waits for the projection (DESIGN.md section 5: "a few seconds"). */
const WAIT_MS = 5_000;

@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Returns once `projection` has passed `position`; a 503 with Retry-After if it has not within a few seconds. */
  async await(projection: string, position: number | undefined): Promise<void> {
    if (position === undefined) return;
    // A position beyond the head of the store was never handed out: waiting for it would be waiting for nothing.
    const head = await this.store.headPosition();
    if (position > head) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `minPosition ${position} is beyond the event store's head (${head})`,
        [{ field: 'minPosition', problems: ['beyond the head of the event store'] }],
      );
    }
    const passed = await waitForPosition(this.sql, this.store, projection, position, WAIT_MS);
    if (!passed) {
      throw new ApiError(
        503,
        'PROJECTION_BEHIND',
        `the ${projection} read model has not reached position ${position} yet; retry shortly`,
        { projection, minPosition: position },
        { 'Retry-After': '1' },
      );
    }
  }
}
