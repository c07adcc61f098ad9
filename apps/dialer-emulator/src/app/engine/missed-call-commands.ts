import type { Handlers } from './handlers';
import type { World } from './world';

/** Get_MissedCalls: any logged-in user may read it (the gateway reads it with whichever session it holds). */
export function missedCallHandlers(world: World): Handlers<'Get_MissedCalls'> {
  return {
    Get_MissedCalls: ({ after, limit }) => world.missedCalls.after(after, limit),
  };
}
