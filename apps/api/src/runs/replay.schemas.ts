import { z } from 'zod';

/** Which workflow version a replay runs under. */
export const replayVersion = z.enum(['current', 'original']).default('current');
