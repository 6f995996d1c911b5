import { Foundation1764000000000 } from './1764000000000-Foundation';

/** Every migration in order; each domain area's schema change adds one here. */
export const migrations: Function[] = [Foundation1764000000000];
