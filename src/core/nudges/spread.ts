// Most teachers in a district keep the default slot, so thousands of nudges fall due in the same
// minute of one workspace, whose platform takes only so many messages a second. Rather than queue
// them all at the slot (the pacer would then hold them in whatever order the database returns,
// always the same teachers last), each nudge is given its own moment within the slot's first
// minutes: long enough for the platform's rate to carry them all, and in an order drawn afresh for
// every slot, so the same teacher is not always last. Pure: the same inputs give the same moment on
// every replica.

/** 32-bit FNV-1a of `text`, as a fraction in [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4_294_967_296;
}

/**
 * How long after its slot one member's nudge goes: a stable place in a window just long enough for
 * `sameSlot` nudges at `perSecond` (a few at once go at once). `perSecond` null means the platform
 * has no limit to keep under.
 */
export function spreadOffsetMs(input: {
  memberId: number;
  slot: Date;
  sameSlot: number;
  perSecond: number | null;
}): number {
  if (!input.perSecond || input.sameSlot <= input.perSecond) return 0;
  const windowMs = (input.sameSlot / input.perSecond) * 1000;
  return Math.floor(unitHash(`${input.memberId}@${input.slot.toISOString()}`) * windowMs);
}
