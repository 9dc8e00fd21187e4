import * as v from 'valibot';

/** An entity's id as messages carry it (protocol.ts, card-protocol.ts). */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
