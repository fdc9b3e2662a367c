import { ApiProperty } from '@nestjs/swagger';

/*
 * The documented shapes of the platform reads (PlatformView, PlatformChange in libs/delivery), so the console's
 * typed client knows them. Neither carries the secret: only whether one is set and its short fingerprint.
 */

export class PlatformDto {
  @ApiProperty({ example: 'credit-china' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['http', 'nats'] }) transport!: 'http' | 'nats';
  @ApiProperty() endpoint!: string;
  @ApiProperty() secretSet!: boolean;
  @ApiProperty({ description: '密钥 SHA-256 前12位 / first 12 hex digits of the key’s SHA-256' })
  secretFingerprint!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class PlatformChangeDto {
  @ApiProperty({ enum: ['registered', 'changed'] }) change!: 'registered' | 'changed';
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['http', 'nats'] }) transport!: 'http' | 'nats';
  @ApiProperty() endpoint!: string;
  @ApiProperty() secretChanged!: boolean;
  @ApiProperty() secretFingerprint!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}
