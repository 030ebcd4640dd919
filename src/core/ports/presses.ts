/** The nonces of buttons and forms people used: a press acts once, however often it is sent. */
export interface PressRepo {
  /**
   * True the first time this member uses this nonce, and for the event that used it when that event is
   * handled again (a replay after a failure); false for any other use.
   */
  claim(memberId: number, nonce: string, at: Date, eventId?: string): Promise<boolean>;
  /** Gives a nonce back after its press changed nothing (refused, or failed), so it may be pressed again. */
  release(memberId: number, nonce: string): Promise<void>;
}
