import { randomUUID } from 'node:crypto';

/**
 * Agents driven straight through the gateway's REST API (no browser), to
 * fill the supervisor board with a few states beside the agent under test.
 */
export class GatewayAgent {
  private constructor(
    private readonly gateway: string,
    readonly user: string,
    private readonly token: string,
  ) {}

  static async logIn(gateway: string, user: string, device: string): Promise<GatewayAgent> {
    const res = await fetch(`${gateway}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, device, password: 'puente' }),
    });
    if (res.status !== 201) throw new Error(`login of ${user}: ${res.status} ${await res.text()}`);
    return new GatewayAgent(gateway, user, ((await res.json()) as { accessToken: string }).accessToken);
  }

  /** A command, as the panel sends it: POST with its own Idempotency-Key. */
  async command(path: string, body: unknown = {}): Promise<void> {
    const res = await fetch(`${this.gateway}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${this.user} ${path}: ${res.status} ${await res.text()}`);
  }

  async logOut(): Promise<void> {
    await fetch(`${this.gateway}/api/v1/sessions/current`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.token}` },
    });
  }
}
