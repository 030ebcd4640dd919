/**
 * Where a re-plan counts from: normally now, so the next planned time is the first one after it. A
 * time that has come but that the planner has not taken yet (it runs once a minute) stays in reach:
 * the re-plan counts from just before it, so a change made in that minute does not skip the session
 * step, prompt, nudge or digest that had just come due. (Its outbox key keeps it to one send if the
 * planner took it after all.)
 */
export function replanFrom(planned: Date | null, now: Date): Date {
  return planned && planned.getTime() <= now.getTime() ? new Date(planned.getTime() - 1) : now;
}
