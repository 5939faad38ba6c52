/**
 * The provincial server's Fastify app, built without listening so tests can use `app.inject`.
 * This first version only answers health checks; the sync issue adds enrolment, push and pull.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface ServerOptions {
  version: string;
}

export function buildServerApp(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  app.get('/api/v1/health', async () => ({ ok: true, data: { status: 'up', version: options.version, serverTime: new Date().toISOString() } }));
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: 'No such endpoint' } }));
  return app;
}
