import { timingSafeEqual, createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * Management routes need `Authorization: Bearer <API_KEY>` when API_KEY is set. Compared as hashes in
 * constant time so neither content nor length leaks through timing.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.apiKey) this.expected = digest(config.apiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    throw new AppError(ErrorCode.Unauthorized, 'Send the API key as "Authorization: Bearer <key>".');
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
