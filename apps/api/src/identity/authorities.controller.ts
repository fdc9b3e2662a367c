import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorityService, Roles, STAFF_ROLES, type Authority } from '@credence/identity';
import { AuthorityDto, CreateAuthorityDto } from './authorities.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthorityService) {}

  // The organisation tree is not secret to staff: every staff member sees all of it.
  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '认定单位列表（按层级路径排序） / Authorities, ordered by path' })
  @ApiOkResponse({ type: [AuthorityDto] })
  list(): Promise<Authority[]> {
    return this.authorities.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '登记认定单位（管理员） / Register an authority (admin)' })
  @ApiCreatedResponse({ type: AuthorityDto })
  register(@Body() body: CreateAuthorityDto): Promise<Authority> {
    return this.authorities.register(body);
  }
}
