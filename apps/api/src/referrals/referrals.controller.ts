import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { INBOX, INBOX_ITEM, REFERRAL_COMMAND } from './referral.responses';
import type { Request } from 'express';
import type { CaseCommand } from '@sen/case-domain';
import type { Sql } from '@sen/db';
import { Clock, SQL } from '@sen/platform';
import { agencyInbox, decodeInboxCursor, findReferral, inboxItem } from '@sen/read-models';
import { AccessLog } from '../security/access-log';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { IfMatch } from '../common/if-match';
import { uuidParam } from '../common/params';
import { ReadYourWrites } from '../common/read-your-writes';
import { CommandMetadata } from '../cases/command-metadata';
import { ExecuteCaseCommand } from '../cases/execute-case.command';
import { CompleteDto, DeclineDto, InboxQueryDto } from './referrals.dto';

/** The agency side of referrals (DESIGN.md section 5): the inbox and the four lifecycle actions. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
@Roles('agency_officer')
export class ReferralsController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
    private readonly bus: CommandBus,
    private readonly metadata: CommandMetadata,
    private readonly accessLog: AccessLog,
  ) {}

  @ApiOkResponse({ schema: INBOX })
  @Get('inbox')
  async inbox(@Query() q: InboxQueryDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    const cursor = q.cursor ? decodeInboxCursor(q.cursor) : undefined;
    if (cursor === null)
      throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API gave out', [
        { field: 'cursor', problems: ['invalid cursor'] },
      ]);
    await this.ryw.await('referrals', q.minPosition);
    const page = await agencyInbox(this.sql, {
      agency: user.agency!,
      unitCode: user.unitCode,
      scopeAreas: user.areaCodes,
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
      ...(cursor ? { cursor } : {}),
      limit: q.limit ?? 20,
      now: this.clock.now(),
    });
    await this.accessLog.record(
      user,
      req,
      page.items.map((i) => ({ caseId: i.caseId })),
    );
    return page;
  }

  /** One referral with the need-to-know view of its case. */
  @ApiOkResponse({ schema: INBOX_ITEM })
  @Get(':id')
  async one(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: AuthUser, @Req() req: Request) {
    const referral = await this.mine(id, user);
    const item = inboxItem(referral, this.clock.now());
    await this.accessLog.record(user, req, [{ caseId: item.caseId }]);
    return item;
  }

  private async mine(referralId: string, user: AuthUser) {
    const referral = await findReferral(this.sql, referralId);
    // The inbox's rule, referral by referral: the officer's agency, their unit (or none), and their areas
    // (`area_path && areaCodes`, so an officer of a commune sees nothing of another commune's children).
    const mine =
      referral &&
      referral.to_agency === user.agency &&
      (!user.unitCode || !referral.unit_code || referral.unit_code === user.unitCode) &&
      referral.area_path.some((a) => user.areaCodes.includes(a));
    if (!referral || !mine) throw new ApiError(404, 'REFERRAL_NOT_FOUND', 'no such referral in your inbox');
    return referral;
  }

  @ApiOkResponse({ schema: REFERRAL_COMMAND })
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The case version shown in the inbox (caseVersion)' })
  acknowledge(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.act(id, v, u, r, (metadata) => ({ type: 'AcknowledgeReferral', data: { referralId: id }, metadata }));
  }

  @ApiOkResponse({ schema: REFERRAL_COMMAND })
  @Post(':id/accept')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  accept(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.act(id, v, u, r, (metadata) => ({ type: 'AcceptReferral', data: { referralId: id }, metadata }));
  }

  @ApiOkResponse({ schema: REFERRAL_COMMAND })
  @Post(':id/decline')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  decline(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() b: DeclineDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.act(id, v, u, r, (metadata) => ({
      type: 'DeclineReferral',
      data: { referralId: id, reason: b.reason },
      metadata,
    }));
  }

  @ApiOkResponse({ schema: REFERRAL_COMMAND })
  @Post(':id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  complete(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() b: CompleteDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.act(id, v, u, r, (metadata) => ({
      type: 'CompleteReferral',
      data: { referralId: id, outcome: b.outcome, servicesProvided: b.servicesProvided },
      metadata,
    }));
  }

  /**
   * Only the agency (and unit) the referral went to, within its areas, may act on it; anyone else gets 404, so it
   * does not leak. That rule is the command guard's (ApiCaseCommandGuard), checked on the case itself; here the
   * referral only leads to its case.
   */
  private async act(
    referralId: string,
    version: number,
    user: AuthUser,
    req: Request,
    build: (m: ReturnType<CommandMetadata['of']>) => CaseCommand,
  ) {
    const referral = await findReferral(this.sql, referralId);
    if (!referral) throw new ApiError(404, 'REFERRAL_NOT_FOUND', 'no such referral in your inbox');
    const result = await this.bus.execute(
      new ExecuteCaseCommand(referral.case_id, version, build(this.metadata.of(user, req)), user),
    );
    req.res?.setHeader('ETag', `"${result.version}"`);
    return { referralId, caseId: referral.case_id, version: result.version, position: result.position };
  }
}
