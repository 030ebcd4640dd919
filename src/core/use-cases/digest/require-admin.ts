import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';

/** The digest is for school leaders: anyone else is told who can see it, and nothing is shown. */
export function requireAdmin(ctx: Context, what: string): void {
  if (!ctx.member.isAdmin) {
    throw new DomainError(
      'NotAdmin',
      `Only Mentor Circle admins ${what}. It shows how circles are doing, never how any one teacher is.`,
    );
  }
}
