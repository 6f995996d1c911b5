import { EntityManager, IsNull, Not } from 'typeorm';
import { RequestContext } from '../core/context';
import { ForbiddenError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { ChangePasswordInput } from './identity.inputs';
import { hashPassword, verifyPassword } from './password';
import { Session } from './session.entity';
import { signInThrottle } from './sign-in-throttle';
import { User } from './user.entity';

/**
 * The signed-in user's own account. Changing the password needs the current one and counts wrong
 * guesses in the sign-in throttle (a stolen session cannot try passwords faster than sign-in can); the
 * user's other sessions end, this one stays signed in.
 */
export const accountService = {
  async changePassword(ctx: RequestContext, em: EntityManager, input: ChangePasswordInput): Promise<{ otherSessionsEnded: number }> {
    if (ctx.principal?.kind !== 'user') throw new ForbiddenError();
    const { userId, sessionId } = ctx.principal;
    const user = await em.findOneByOrFail(User, { id: userId });
    const address = ctx.clientAddress ?? null;
    const lock = await signInThrottle.lockedFor(ctx.db.appDs, user.email, address);
    if (lock) {
      const minutes = Math.ceil(lock.waitMs / 60_000);
      throw new UserInputRejection([userError('currentPassword', `Too many wrong passwords. Try again in ${minutes} minutes.`, UserErrorCode.TOO_MANY_ATTEMPTS, { minutes })]);
    }
    // The app role cannot read password_hash (column privileges): the sign-in lookup hands it out.
    const [found]: Array<{ password_hash: string }> = await em.query('SELECT password_hash FROM gg_sign_in_lookup($1)', [user.email]);
    if (!found || !(await verifyPassword(input.currentPassword, found.password_hash))) {
      // On the pool, not the request's transaction: the failure must count although this mutation rolls back.
      await signInThrottle.recordFailure(ctx.db.appDs, user.email, address);
      throw new UserInputRejection([userError('currentPassword', 'The current password is wrong.', UserErrorCode.BAD_CREDENTIALS)]);
    }
    if (input.newPassword === input.currentPassword) {
      throw new UserInputRejection([userError('newPassword', 'The new password must differ from the current one.', UserErrorCode.INVALID, { constraint: 'differentFromCurrent' })]);
    }
    // The app role cannot write password_hash either (column privileges, migration 1769211000000): the
    // owner's narrow function sets it, for the request's own signed-in user only.
    const [{ ok }]: Array<{ ok: boolean }> = await em.query('SELECT public.gg_set_own_password_hash($1, $2) AS ok', [userId, await hashPassword(input.newPassword)]);
    if (!ok) throw new ForbiddenError();
    const ended = await em.update(Session, { userId, id: Not(sessionId), revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return { otherSessionsEnded: ended.affected ?? 0 };
  },
};
