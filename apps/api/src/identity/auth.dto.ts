import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@credence/identity';

export class LoginDto {
  @ApiProperty({ example: 'officer-xuyi', description: '用户名 / Username' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  // No minimum here: a login attempt is checked against the hash, never validated as a new password.
  @ApiProperty({ example: 'credence-demo', description: '密码 / Password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

/** The logged-in user (documentation of the Actor shape). */
export class ActorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String, example: '320830' }) authorityCode!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '320000/320800/320830' }) authorityPath!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) subjectCode!: string | null;
  @ApiProperty() displayName!: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: '有效期（秒） / Lifetime in seconds' }) expiresIn!: number;
  @ApiProperty({ type: ActorDto }) user!: ActorDto;
}
