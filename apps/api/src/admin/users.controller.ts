import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ADMIN_USER, ADMIN_USERS } from './admin.responses';
import { hash } from '@node-rs/argon2';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { Roles } from '../auth/auth.decorators';
import { Sessions } from '../auth/sessions';
import { type UserRow, UsernameTakenError, UsersRepository } from '../auth/users.repository';
import { ApiError } from '../common/api-error';
import { uuidParam } from '../common/params';
import { CreateUserDto, UpdateUserDto } from './admin.dto';

const view = (u: UserRow) => ({
  userId: u.user_id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  agency: u.agency,
  unitCode: u.unit_code,
  areaCodes: u.area_codes,
  active: u.active,
  demo: u.demo,
  failedLogins: u.failed_logins,
  lockedUntil: u.locked_until?.toISOString() ?? null,
  createdAt: u.created_at.toISOString(),
});

/** Users, their roles, areas and agency: managed by admins (DESIGN.md section 6). Passwords are never returned. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
@Roles('admin')
export class UsersController {
  constructor(
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly users: UsersRepository,
    private readonly sessions: Sessions,
  ) {}

  @ApiOkResponse({ schema: ADMIN_USERS })
  @Get()
  async list() {
    return { items: (await this.users.all()).map(view) };
  }

  @ApiCreatedResponse({ schema: ADMIN_USER })
  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateUserDto) {
    this.assertAreas(dto.areaCodes);
    if (dto.role !== 'agency_officer' && dto.agency)
      throw new ApiError(400, 'VALIDATION_FAILED', 'only agency officers have an agency', [
        { field: 'agency', problems: ['only for agency_officer'] },
      ]);
    const passwordHash = await hash(dto.password);
    try {
      return view(
        await this.users.create({
          username: dto.username,
          displayName: dto.displayName,
          passwordHash,
          role: dto.role,
          agency: dto.agency ?? null,
          unitCode: dto.unitCode ?? null,
          areaCodes: dto.areaCodes,
        }),
      );
    } catch (e) {
      if (e instanceof UsernameTakenError)
        throw new ApiError(409, 'USERNAME_TAKEN', `the username ${dto.username} is taken`);
      throw e;
    }
  }

  @ApiOkResponse({ schema: ADMIN_USER })
  @Patch(':id')
  async update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto) {
    if (dto.areaCodes) this.assertAreas(dto.areaCodes);
    const current = await this.users.row(id);
    if (!current) throw new ApiError(404, 'USER_NOT_FOUND', 'no such user');
    const role = dto.role ?? current.role;
    const agency = role === 'agency_officer' ? (dto.agency ?? current.agency) : null;
    if (role === 'agency_officer' && !agency)
      throw new ApiError(400, 'VALIDATION_FAILED', 'an agency officer needs an agency', [
        { field: 'agency', problems: ['required for agency_officer'] },
      ]);
    const passwordHash = dto.password ? await hash(dto.password) : null;
    const active = dto.active ?? current.active;
    // A new password, a deactivation or a reactivation ends every session the user had: their tokens are refused
    // by this replica at once (forget below) and by the others within USER_CACHE_MS.
    const endSessions = passwordHash !== null || active !== current.active;
    const row = await this.users.update(id, {
      displayName: dto.displayName ?? current.display_name,
      role,
      agency,
      areaCodes: dto.areaCodes ?? current.area_codes,
      active,
      endSessions,
      passwordHash,
    });
    this.sessions.forget(id);
    return view(row!);
  }

  private assertAreas(codes: string[]) {
    const unknown = codes.filter((c) => !this.areas.get(c));
    if (unknown.length > 0) {
      throw new ApiError(422, 'UNKNOWN_AREA', `unknown area codes: ${unknown.join(', ')}`, [
        { field: 'areaCodes', problems: unknown.map((c) => `unknown ${c}`) },
      ]);
    }
  }
}
