import { IsUUID, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { userError, UserErrorCode, UserInputRejection } from './errors';

/**
 * Optimistic concurrency done right: `UPDATE ... WHERE id = :id AND version = :expected` bumps the version
 * in the same statement, so of two writers holding the same version exactly one wins. Returns the updated
 * row, or null when the version no longer matches (or `extraWhere` excludes the row).
 * TypeORM's own @VersionColumn check compares at read time and would silently lose updates.
 */
export async function updateIfVersion<T extends ObjectLiteral & { id: string; version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  patch: Partial<T>,
  extraWhere?: { sql: string; params: Record<string, unknown> },
): Promise<T | null> {
  const qb = em
    .createQueryBuilder()
    .update(entity)
    .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion });
  if (extraWhere) qb.andWhere(extraWhere.sql, extraWhere.params);
  const result = await qb.execute();
  if (!result.affected) return null;
  return em.getRepository(entity).findOneByOrFail({ id } as never);
}

/** The user error for a stale `expectedVersion`: rolls the mutation back and names the field. */
export const versionConflict = (what: string, current: number | undefined) =>
  new UserInputRejection([
    userError('expectedVersion', `Someone else changed this ${what} (now version ${current}). Reload and try again.`, UserErrorCode.VERSION_CONFLICT),
  ]);

/**
 * The head of every "change this versioned row" input: which row (`id`) and the version the client saw
 * (`expectedVersion`, see updateIfVersion). Inputs extend it instead of repeating the two fields.
 */
@InputType('VersionedInput', { description: 'Which row and the version the client saw (extended by update inputs; not used on its own).' })
export abstract class VersionedInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;
}
