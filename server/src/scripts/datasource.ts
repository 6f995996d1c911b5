// For the TypeORM CLI only (migration:generate against compiled JS): `npx typeorm -d dist/scripts/datasource.js ...`
import { createDataSource } from '../core/db';
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
