/**
 * The IVR replay guard shared by the nodes of a cluster (issue 18 §2): a
 * signature is accepted by exactly one node within the replay window.
 * Absent (null) on one node, where SeenSignatures checks in memory and
 * writes the IvrSignatureStore behind.
 */
export abstract class IvrSignatureClaims {
  /** True for the one caller, on any node, that presents `signature` first within `windowMs`. */
  abstract claim(signature: string, keyId: string, windowMs: number): Promise<boolean>;
}
