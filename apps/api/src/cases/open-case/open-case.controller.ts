import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { OPENED_CASE } from '../case.responses';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/user';
import { ApiError } from '../../common/api-error';
import { CommandMetadata } from '../command-metadata';
import { CaseAccess } from '../../security/case-access';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseDto } from './open-case.dto';
import { OpenCaseScope } from './open-case.scope';

const KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class OpenCaseController {
  constructor(
    private readonly bus: CommandBus,
    private readonly metadata: CommandMetadata,
    private readonly access: CaseAccess,
    private readonly scope: OpenCaseScope,
  ) {}

  @ApiCreatedResponse({ schema: OPENED_CASE })
  @Post()
  @Roles('social_worker')
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes retries safe: the same key returns the same case',
  })
  async open(
    @Body() dto: OpenCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (key !== undefined && !KEY.test(key)) {
      throw new ApiError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 printable ASCII characters');
    }
    // Also the guard's rule; checked here first so that it answers before the named child and incident are.
    this.access.assertCanOpenIn(user, dto.location.areaCode);
    await this.scope.assertCanName(user, dto);
    const result = await this.bus.execute(new OpenCaseCommand(dto, this.metadata.of(user, req), key ?? null, user));
    res.setHeader('ETag', `"${result.version}"`);
    res.setHeader('Location', `/api/v1/cases/${result.caseId}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { caseId: result.caseId, childId: result.childId, version: result.version, position: result.position };
  }
}
