/**
 * The Neotel webservice methods the CTI uses (SPEC F4), with Neotel's names
 * kept verbatim so that a reader can hold this code against the vendor's
 * documentation line by line.
 */
export const NEOTEL_METHODS = [
  'Login',
  'Logout',
  'Login_Campaign',
  'Logout_Campaign',
  'Pause',
  'Unpause',
  'Dial',
  'Hangup',
  'Position',
  'UpdateContact',
  'CRM_Unavailable',
  'CRM_Available',
  'CRM_ShowingContact',
  'JoinConference',
  'InviteParticipant',
  'KickAll',
  'ExecuteTask01',
  'ExecuteTask02',
  'ExecuteTask03',
  'ExecuteTask05',
] as const;

export type NeotelMethod = (typeof NEOTEL_METHODS)[number];

export function isNeotelMethod(name: string): name is NeotelMethod {
  return (NEOTEL_METHODS as readonly string[]).includes(name);
}
