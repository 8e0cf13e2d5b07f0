import { Global, Module } from '@nestjs/common';
import { AccessLog } from './access-log';
import { CaseAccess } from './case-access';

@Global()
@Module({ providers: [CaseAccess, AccessLog], exports: [CaseAccess, AccessLog] })
export class SecurityModule {}
