/** A DevTools protocol session with a child service (run with `--inspect=127.0.0.1:0`). */
export class InspectorSession {
  private next = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (message) => {
      const reply = JSON.parse(String(message.data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      const waiting = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (!waiting || reply.id === undefined) return;
      this.pending.delete(reply.id);
      if (reply.error) waiting.reject(new Error(reply.error.message));
      else waiting.resolve(reply.result);
    });
  }

  static async open(inspectorUrl: string): Promise<InspectorSession> {
    const socket = new WebSocket(inspectorUrl);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`no inspector at ${inspectorUrl}`)), {
        once: true,
      });
    });
    return new InspectorSession(socket);
  }

  call<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Opens a session, evaluates one expression in the child (see evaluate) and closes it. */
  static async evaluateOnce<T>(inspectorUrl: string, expression: string): Promise<T> {
    const session = await InspectorSession.open(inspectorUrl);
    try {
      return await session.evaluate<T>(expression);
    } finally {
      session.close();
    }
  }

  /** Evaluates an expression in the child and returns its value (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.call<{ result?: { value?: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, includeCommandLineAPI: false },
    );
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.text);
    return reply.result?.value as T;
  }

  close(): void {
    this.socket.close();
  }
}
