import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { v5 as uuidv5 } from 'uuid';
import { CaseRepository, VersionMismatchError } from '@sen/case-app';
import { type CaseCommand, type CaseEvent, DomainError, type Metadata } from '@sen/case-domain';
import type { Sql } from '@sen/db';
import type { SenConfig } from '@sen/config';
import { AREAS, SEN_CONFIG, SQL } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { requestDigest } from '../common/request-digest';
import { toInstant } from '../common/validators';
import { ExecuteCaseCommand } from '../cases/execute-case.command';
import { CaseAccess } from '../security/case-access';
import { IncidentChildDto } from './incidents.dto';
import { type ChildFlag, loadReferralRules, referralsFor } from './incident-referral-rules';

const NS = 'c7d6b1f2-1a9e-4c55-9a51-0d7b0f0e4f21';
const CONCURRENCY = 8;

export interface RowResult {
  index: number;
  status: 'created' | 'refused';
  replayed?: boolean;
  caseId?: string;
  childId?: string;
  referrals?: { referralId: string; toAgency: string; urgency: string; acknowledgeBy: string }[];
  firstResponseBy?: string | null;
  code?: string;
  message?: string;
  details?: { field: string; problems: string[] }[];
}

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    return [
      ...(e.constraints ? [{ field, problems: Object.values(e.constraints) }] : []),
      ...flatten(e.children ?? [], field),
    ];
  });
}

async function pool<T, R>(items: T[], n: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

function summarise(
  caseId: string,
  childId: string,
  events: CaseEvent[],
  replayed: boolean,
): RowResult & { index: number } {
  const opened = events.find((e) => e.type === 'CaseOpened');
  return {
    index: -1,
    status: 'created',
    ...(replayed ? { replayed: true } : {}),
    caseId,
    childId,
    referrals: events.flatMap((e) =>
      e.type === 'ReferralIssued'
        ? [
            {
              referralId: e.data.referralId,
              toAgency: e.data.toAgency,
              urgency: e.data.urgency,
              acknowledgeBy: e.data.acknowledgeBy,
            },
          ]
        : [],
    ),
    firstResponseBy: opened?.type === 'CaseOpened' ? opened.data.deadlines.firstResponseBy : null,
  };
}

/**
 * Registers up to 1,000 children of an incident in one request: each valid row becomes a `disaster` case,
 * opened together with its default referrals in one append; each bad row gets its reason. With an
 * Idempotency-Key the ids are derived from (incident, user, key, row), so repeating the request creates
 * nothing, and another user's same key is simply another key. The key is bound to a digest of the rows: the
 * same key with other rows is refused as a whole (422 IDEMPOTENCY_KEY_REUSED) before anything is written.
 */
@Injectable()
export class RegisterChildrenService {
  private readonly rules = loadReferralRules();

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly bus: CommandBus,
    private readonly repository: CaseRepository,
    private readonly access: CaseAccess,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
  ) {}

  async register(
    incidentId: string,
    rows: Record<string, unknown>[],
    key: string | null,
    user: AuthUser,
    metadata: Metadata,
  ): Promise<{ results: RowResult[]; position: number | null }> {
    if (key) await this.claim(incidentId, key, user, rows);
    let position: number | null = null;
    const results = await pool(rows, CONCURRENCY, async (raw, index) => {
      const result = await this.one(incidentId, raw, index, key, user, metadata);
      if (result.position !== undefined && (position === null || result.position > position))
        position = result.position;
      const { position: _p, ...row } = result;
      return { ...row, index };
    });
    return { results, position };
  }

  /** Binds (user, incident, key) to the rows' digest on first use; a later use with other rows is refused. */
  private async claim(incidentId: string, key: string, user: AuthUser, rows: Record<string, unknown>[]) {
    const digest = requestDigest(this.config.piiMasterKey, rows);
    const scope = `incident-children:${incidentId}`;
    await this.sql`
      insert into idempotency_keys (user_id, scope, key, request_digest)
      values (${user.userId}::uuid, ${scope}, ${key}, ${digest}) on conflict do nothing`;
    const [row] = await this.sql<{ request_digest: string }[]>`
      select request_digest from idempotency_keys where user_id = ${user.userId}::uuid and scope = ${scope} and key = ${key}`;
    if (row?.request_digest !== digest) {
      throw new ApiError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for a different request',
      );
    }
  }

  private async one(
    incidentId: string,
    raw: Record<string, unknown>,
    index: number,
    key: string | null,
    user: AuthUser,
    metadata: Metadata,
  ): Promise<RowResult & { position?: number }> {
    const row = plainToInstance(IncidentChildDto, raw);
    const errors = await validate(row, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      const details = flatten(errors);
      return {
        index,
        status: 'refused',
        code: 'VALIDATION_FAILED',
        message: details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; '),
        details,
      };
    }
    const area = this.areas.get(row.areaCode);
    if (!area || area.level !== 'commune') {
      return {
        index,
        status: 'refused',
        code: 'UNKNOWN_AREA',
        message: `${row.areaCode} is not a commune`,
        details: [{ field: 'areaCode', problems: ['not a commune'] }],
      };
    }
    if (!this.access.canSeeArea(user, row.areaCode)) {
      return {
        index,
        status: 'refused',
        code: 'AREA_OUT_OF_SCOPE',
        message: `${row.areaCode} is outside your areas`,
        details: [{ field: 'areaCode', problems: ['outside your areas'] }],
      };
    }
    const caseId = key ? uuidv5(`${incidentId}:${user.userId}:${key}:${index}:case`, NS) : randomUUID();
    const childId = key ? uuidv5(`${incidentId}:${user.userId}:${key}:${index}:child`, NS) : randomUUID();
    const flags: Record<ChildFlag, boolean> = {
      injured: !!row.injured,
      separated: !!row.separated,
      unaccompanied: !!row.unaccompanied,
    };
    const meta: Metadata = { ...metadata, ...(key ? { idempotencyKey: `${key}#${index}` } : {}) };
    const commands: CaseCommand[] = [
      {
        type: 'OpenCase',
        data: {
          caseId,
          childId,
          child: {
            fullName: row.fullName,
            sex: row.sex,
            ...(row.dateOfBirth ? { dateOfBirth: row.dateOfBirth } : {}),
            ...(row.ageYears !== undefined ? { ageYears: row.ageYears } : {}),
            ...(row.ethnicity ? { ethnicity: row.ethnicity } : {}),
            ...(row.disability ? { disability: row.disability } : {}),
          },
          category: 'disaster',
          summary: row.notes ?? '',
          location: { areaCode: row.areaCode },
          reportedAt: row.foundAt ? toInstant(row.foundAt) : metadata.occurredAt,
          source: 'community',
          ...(row.reporter ? { reporter: { ...row.reporter } } : {}),
          incidentId,
        },
        metadata: meta,
      },
      ...referralsFor(flags, this.rules).map((r, n): CaseCommand => ({
        type: 'IssueReferral',
        data: {
          referralId: key ? uuidv5(`${incidentId}:${user.userId}:${key}:${index}:referral:${n}`, NS) : randomUUID(),
          toAgency: r.toAgency,
          reason: r.reason,
          urgency: r.urgency,
          consentWaivedReason: this.rules.consentWaivedReason,
        },
        metadata: meta,
      })),
    ];
    let result: RowResult & { position?: number };
    try {
      // Opened together with its referrals: one batch, decided in turn, one append.
      const written = await this.bus.execute(
        new ExecuteCaseCommand({
          caseId,
          commands,
          expectedVersion: 0,
          actor: user,
          eventIds: (events) => events.map((_, n) => uuidv5(`${caseId}:${n}`, NS)),
        }),
      );
      result = { ...summarise(caseId, childId, written.events, false), position: written.position! };
    } catch (error) {
      if (!(error instanceof VersionMismatchError)) {
        if (error instanceof DomainError) return { index, status: 'refused', code: error.code, message: error.message };
        throw error;
      }
      if (!key) throw error;
      // A retry of this very row: answer with what the first request wrote.
      const loaded = await this.repository.load(caseId);
      const first = loaded.events[0]?.event;
      if (
        first?.type !== 'CaseOpened' ||
        first.data.incidentId !== incidentId ||
        first.metadata.idempotencyKey !== `${key}#${index}`
      ) {
        return {
          index,
          status: 'refused',
          code: 'IDEMPOTENCY_CONFLICT',
          message: 'this row was already registered differently under this key',
        };
      }
      result = summarise(
        caseId,
        first.data.childId,
        loaded.events.map((e) => e.event),
        true,
      );
    }
    await this.sql`
      insert into incident_registrations (case_id, incident_id, child_id, batch_key, row_index, injured, separated, unaccompanied)
      values (${caseId}::uuid, ${incidentId}::uuid, ${result.childId!}::uuid, ${key}, ${index}, ${flags.injured}, ${flags.separated}, ${flags.unaccompanied})
      on conflict (case_id) do nothing`;
    return { ...result, index };
  }
}
