import { z } from 'zod';

/**
 * The IVR's contact insert (SPEC D1-D3): what an IVR sends before the call
 * reaches an agent, and what it gets back. Limits match the contact-center
 * database's columns (contacts.clave_1 and phone), so a request that passes
 * here can never be cut short or refused by the database.
 */
export const IVR_LIMITS = {
  /** Characters of DATA, the caller's search key (Clave_1). */
  data: 255,
  /** Characters of ANI as the trunk hands it over, before normalisation. */
  ani: 64,
  queueId: 64,
  /** Bytes of the whole request body. */
  bodyBytes: 4096,
  /** Age of a signed request's timestamp before it counts as stale (seconds). */
  maxSkewSeconds: 300,
} as const;

/** Headers of a signed machine request (HMAC-SHA256 over "timestamp.body"). */
export const IVR_HEADERS = {
  keyId: 'x-puente-key-id',
  timestamp: 'x-puente-timestamp',
  signature: 'x-puente-signature',
} as const;

// Control characters (C0, DEL, C1) and the Unicode line/paragraph separators never belong in a key.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const IvrContactRequestSchema = z
  .object({
    data: z
      .string()
      .max(IVR_LIMITS.data, `must be at most ${IVR_LIMITS.data} characters`)
      .refine((v) => !CONTROL.test(v), 'must not contain control characters')
      .transform((v) => v.trim()),
    ani: z
      .string()
      .max(IVR_LIMITS.ani, `must be at most ${IVR_LIMITS.ani} characters`)
      .refine((v) => !CONTROL.test(v), 'must not contain control characters'),
    databaseId: z
      .union([
        z.string().regex(/^[1-9]\d{0,17}$/, 'must be a positive whole number'),
        z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      ])
      .transform(String),
    queueId: z
      .string()
      .min(1)
      .max(IVR_LIMITS.queueId)
      .regex(/^[\w.-]+$/, 'must be an identifier')
      .optional(),
  })
  .strict();
export type IvrContactRequest = z.input<typeof IvrContactRequestSchema>;

export const IvrContactResponseSchema = z.object({
  /** "idContacto-Data" (D1); "idContacto-" when DATA was empty. */
  clavesf: z.string(),
  contactId: z.string(),
  data: z.string(),
  /** The number as stored: E.164, or "anonymous" for a private caller (D3). */
  ani: z.string(),
  created: z.boolean(),
  /** False for "idContacto-": the panel runs no search and shows the no-match layout (C2). */
  searchable: z.boolean(),
});
export type IvrContactResponse = z.infer<typeof IvrContactResponseSchema>;
