import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { NodeAuthService } from './node-auth.service';

const ALLOW_UNREGISTERED = 'switchyard.nodes.allow-unregistered';
const NODE_ID = Symbol.for('switchyard.nodes.node-id');

/** Marks the one route a key may call before it is registered: registration itself. */
export const AllowUnregisteredKey = () => SetMetadata(ALLOW_UNREGISTERED, true);

/** The node id proven by the request signature (set by NodeSignatureGuard). */
export const SignedNode = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return (ctx.switchToHttp().getRequest() as Record<symbol, string>)[NODE_ID];
});

@Injectable()
export class NodeSignatureGuard implements CanActivate {
  constructor(
    private readonly auth: NodeAuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const registration = this.reflector.get<boolean>(ALLOW_UNREGISTERED, context.getHandler()) === true;
    (req as unknown as Record<symbol, string>)[NODE_ID] = await this.auth.authenticate(req, registration);
    return true;
  }
}
