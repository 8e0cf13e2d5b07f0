import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Verbatim } from '../common/text-fields';

export class LoginDto {
  @ApiProperty({ example: 'worker1' }) @IsString() @Length(1, 100) username!: string;
  @ApiProperty({ example: 'sen-demo-2030' }) @Verbatim() @IsString() @Length(1, 200) password!: string;
}
