// Named refusals. Use cases throw them; the core's handler turns each into a private, friendly reply,
// so a refusal never reaches an adapter as a crash.

/** The refusal of a button or form that names something not the sender's to act on. */
export const FORGED = 'That button or form does not belong here, so nothing was changed.';
/** The same refusal, where only a button can carry what was named. */
export const FORGED_BUTTON = 'That button does not belong here, so nothing was changed.';

export type DomainErrorCode =
  | 'NotACommunity'
  | 'AlreadyACommunity'
  | 'SetupNeedsChannel'
  | 'NotFacilitator'
  | 'SessionAlreadyOpen'
  | 'NoOpenSession'
  | 'SessionMovedOn'
  | 'SessionClosed'
  | 'NoPromptAvailable'
  | 'AnswerTooLong'
  | 'EmptyAnswer'
  | 'NotAvailableYet'
  | 'NotInChannel'
  | 'NoSuchGoal'
  | 'TooManyGoals'
  | 'BadGoal'
  | 'NotAdmin'
  | 'LastAdmin'
  | 'UnknownPerson'
  | 'ClosedQuestion'
  | 'NoSuchPrompt'
  | 'NoSuchEntry'
  | 'NameTooLong'
  | 'NothingToUndo'
  | 'WeekendSchedule'
  | 'NotMentor'
  | 'NoSuchAsk'
  | 'AskMovedOn'
  | 'BadAsk'
  | 'BadDate'
  | 'NoSuchVisit'
  | 'VisitMovedOn'
  | 'BadVisit'
  | 'BadPayload'
  | 'ProtocolSession'
  | 'NoPresenter';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    /** The sentence the person sees. */
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
  }
}
