import { Inject, Injectable } from '@nestjs/common';
import { localDate } from '@sen/case-domain';
import { AREAS, Clock } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';

/**
 * Which area an aggregate read is about, and whether the user may read it. An area is within a user's reach
 * when it is one of their areas or under one (an old commune counts under the post-2025 commune it became), or
 * when it is an area of the tree before July 2025 all of whose communes are (so the province's supervisor
 * reads the old province 87 and its districts for 2021–2025).
 */
@Injectable()
export class AreaScope {
  private readonly reach = new Map<string, boolean>();

  constructor(
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly clock: Clock,
  ) {}

  /** The requested area, or the user's own when they hold exactly one; 400/403 otherwise. */
  resolve(user: AuthUser, requested: string | undefined): string {
    const code = requested ?? (user.areaCodes.length === 1 ? user.areaCodes[0] : undefined);
    if (code === undefined) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'areaCode is required: you hold more than one area', [
        { field: 'areaCode', problems: ['required when the user holds several areas'] },
      ]);
    }
    if (!this.areas.get(code)) {
      throw new ApiError(400, 'VALIDATION_FAILED', `areaCode ${code} is not an area (see GET /areas?all=true)`, [
        { field: 'areaCode', problems: ['unknown area code'] },
      ]);
    }
    if (!this.within(code, user.areaCodes)) {
      throw new ApiError(403, 'AREA_OUT_OF_SCOPE', `area ${code} is outside your areas (${user.areaCodes.join(', ')})`);
    }
    return code;
  }

  /** This year in Vietnam (UTC+7), the default year of every indicator read. */
  currentYear(): number {
    return Number(localDate(this.clock.now().toISOString(), 420).slice(0, 4));
  }

  private within(code: string, mine: string[]): boolean {
    const key = `${code}|${mine.join(',')}`;
    const hit = this.reach.get(key);
    if (hit !== undefined) return hit;
    const direct = (c: string) => this.areas.scopePath(c).some((a) => mine.includes(a));
    let ok = direct(code);
    if (!ok) {
      const communes = this.areas
        .all()
        .filter((a) => a.level === 'commune' && a.ancestors.includes(code) && a.code !== code);
      ok = communes.length > 0 && communes.every((a) => direct(a.code));
    }
    if (this.reach.size > 10_000) this.reach.clear();
    this.reach.set(key, ok);
    return ok;
  }
}
