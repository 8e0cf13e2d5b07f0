import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { EVENT_STORE, SQL } from '@sen/platform';
import { childHasCaseIn } from '@sen/read-models';
import type { AuthUser } from '../../auth/user';
import { ApiError } from '../../common/api-error';
import { ReadYourWrites } from '../../common/read-your-writes';
import { IncidentsRepository } from '../../incidents/incidents.repository';
import { CaseAccess } from '../../security/case-access';

/**
 * What a new case may name besides its own area: a known child the caller may see (a child id from elsewhere
 * would attach the case to another commune's child, or invent a child), and an incident that exists within
 * the caller's areas. Both answer 404 like any record out of scope, so existence does not leak.
 */
@Injectable()
export class OpenCaseScope {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ryw: ReadYourWrites,
    private readonly incidents: IncidentsRepository,
    private readonly access: CaseAccess,
  ) {}

  async assertCanName(user: AuthUser, dto: { childId?: string; incidentId?: string }): Promise<void> {
    if (dto.incidentId) {
      const incident = await this.incidents.byId(dto.incidentId);
      if (!incident || !this.access.overlaps(user, incident.area_codes)) {
        throw new ApiError(404, 'INCIDENT_NOT_FOUND', 'no such incident', [
          { field: 'incidentId', problems: ['no such incident in your areas'] },
        ]);
      }
    }
    if (dto.childId && !(await this.childVisible(user, dto.childId))) {
      throw new ApiError(404, 'CHILD_NOT_FOUND', 'no such child in your areas', [
        { field: 'childId', problems: ['no case of this child in your areas'] },
      ]);
    }
  }

  /** The case list knows the child; a case opened a moment ago may not be projected yet, so wait for the head once. */
  private async childVisible(user: AuthUser, childId: string): Promise<boolean> {
    const scope = this.access.scope(user);
    if (await childHasCaseIn(this.sql, childId, scope)) return true;
    await this.ryw.await('cases', await this.store.headPosition());
    return childHasCaseIn(this.sql, childId, scope);
  }
}
