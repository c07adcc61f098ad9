/** Who is saving and when: the session's user and the request's clock. */
export interface DmlContext {
  userId: string;
  now: number;
}
