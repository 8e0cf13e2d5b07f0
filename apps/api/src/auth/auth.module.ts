import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { SenConfig } from '@sen/config';
import { SEN_CONFIG } from '@sen/platform';
import { AuthController, ClientAddressThrottlerGuard } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginThrottle } from './login-throttle';
import { Sessions } from './sessions';
import { UsersRepository } from './users.repository';

@Module({
  imports: [
    // Requests per client address, on the login route only; failed sign-ins are throttled by LoginThrottle.
    ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: 20 }]),
    JwtModule.registerAsync({
      inject: [SEN_CONFIG],
      useFactory: (config: SenConfig) => {
        // A KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
        // verify (createPublicKey, which throws for an HMAC secret, then createSecretKey), a tenth of the API
        // process's CPU under bench/http.bench.ts. The key's bytes, and so every token, are the same.
        const key = createSecretKey(Buffer.from(config.jwtSecret));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { expiresIn: config.jwtTtlSeconds, algorithm: 'HS256', issuer: 'sen' },
          verifyOptions: { issuer: 'sen', algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    Sessions,
    LoginThrottle,
    ClientAddressThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersRepository, Sessions],
})
export class AuthModule {}
