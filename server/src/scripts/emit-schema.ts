// Writes schema/schema.graphql from the type-graphql resolvers (the committed SDL).
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../schema';

const target = path.resolve(__dirname, '../../../schema/schema.graphql');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, printAppSchema());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
