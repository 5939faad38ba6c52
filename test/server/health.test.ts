import { describe, expect, it } from 'vitest';
import { buildServerApp } from '../../src-server/app';

describe('provincial server skeleton', () => {
  it('answers health checks with its version and server time', async () => {
    const app = buildServerApp({ version: '9.9.9' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { status: 'up', version: '9.9.9' } });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.close();
  });
});
