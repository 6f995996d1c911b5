// The project's own conventions as ESLint rules (eslint.config.mjs). AST only: no type information, so
// the lint stays fast enough to run in `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Existing violations, per rule and file: a file may not get more of them (see README in this folder). */
const allowlist = JSON.parse(fs.readFileSync(path.join(root, 'scripts/lint/allowlist.json'), 'utf8'));
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

const decoratorName = (d) => {
  const e = d.expression;
  if (e.type === 'CallExpression') return e.callee.type === 'Identifier' ? e.callee.name : null;
  return e.type === 'Identifier' ? e.name : null;
};

/** A root @Query or @Mutation without @Access: it would be refused at start, catch it in review. */
const rootFieldAccess = {
  meta: { type: 'problem', messages: { missing: '@{{kind}} "{{name}}" needs an @Access(...) rule (core/access.ts).' }, schema: [] },
  create(context) {
    return {
      MethodDefinition(node) {
        const names = (node.decorators ?? []).map(decoratorName);
        const kind = names.find((n) => n === 'Query' || n === 'Mutation');
        if (kind && !names.includes('Access')) context.report({ node: node.key, messageId: 'missing', data: { kind, name: node.key.name ?? '?' } });
      },
    };
  },
};

/**
 * Raw database access in a resolver (`ctx.ds.query`, `ctx.ds.getRepository`, `ctx.ds.createQueryBuilder`,
 * `ctx.ds.manager`): owned rows are read through an area's scoped services and loaders. Existing uses are
 * counted in allowlist.json; a file may not add more.
 */
const RAW = new Set(['query', 'getRepository', 'createQueryBuilder', 'manager']);
const noRawDbInResolver = {
  meta: { type: 'problem', messages: { raw: 'Raw `ds.{{method}}` in a resolver: use the area\'s scoped service/loader ({{count}} in this file, {{allowed}} allowed).' }, schema: [] },
  create(context) {
    const file = rel(context.filename);
    if (!file.endsWith('.resolver.ts')) return {};
    const found = [];
    return {
      MemberExpression(node) {
        const obj = node.object;
        if (node.property.type !== 'Identifier' || !RAW.has(node.property.name)) return;
        const isDs = (obj.type === 'MemberExpression' && obj.property.type === 'Identifier' && obj.property.name === 'ds') || (obj.type === 'Identifier' && obj.name === 'ds');
        if (isDs) found.push(node);
      },
      'Program:exit'() {
        const allowed = allowlist['no-raw-db-in-resolver']?.[file] ?? 0;
        if (found.length > allowed) {
          for (const node of found.slice(allowed)) context.report({ node, messageId: 'raw', data: { method: node.property.name, count: found.length, allowed } });
        }
      },
    };
  },
};

/** client/src/<area>/ importing ../<otherArea>/: areas share only ui/, generated/, graphql/ and top-level modules. */
const SHARED = new Set(['ui', 'generated', 'graphql']);
const noCrossAreaImport = {
  meta: { type: 'problem', messages: { cross: 'Client area "{{area}}" imports area "{{other}}": move the shared part to client/src/ui.' }, schema: [] },
  create(context) {
    const file = rel(context.filename);
    const m = /^client\/src\/([^/]+)\//.exec(file);
    if (!m || SHARED.has(m[1])) return {};
    const area = m[1];
    const found = [];
    const check = (node) => {
      const src = node.source?.value;
      if (typeof src !== 'string' || !src.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), src));
      const t = /^client\/src\/([^/]+)\//.exec(target);
      if (t && t[1] !== area && !SHARED.has(t[1])) found.push({ node, other: t[1] });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      'Program:exit'() {
        const allowed = allowlist['no-cross-area-import']?.[file] ?? 0;
        for (const f of found.slice(allowed)) context.report({ node: f.node, messageId: 'cross', data: { area, other: f.other } });
      },
    };
  },
};

/**
 * server/src/schema.ts names no resolver class: it imports each area's module (`./<area>`, the area's
 * index.ts exporting `<AREA>_RESOLVERS`) and core. A new resolver class is added to its area's index.ts.
 */
const schemaImportsAreas = {
  meta: { type: 'problem', messages: { notArea: 'schema.ts imports "{{src}}": import the area module (e.g. "./agreements") or core only.' }, schema: [] },
  create(context) {
    if (rel(context.filename) !== 'server/src/schema.ts') return {};
    const check = (node) => {
      const src = node.source?.value;
      if (typeof src !== 'string' || !src.startsWith('.')) return;
      if (/^\.\/core\/[\w.-]+$/.test(src)) return;
      const area = /^\.\/([\w-]+)(\/index)?$/.exec(src);
      if (area && fs.existsSync(path.join(path.dirname(context.filename), area[1], 'index.ts'))) return;
      context.report({ node, messageId: 'notArea', data: { src } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default {
  rules: {
    'root-field-access': rootFieldAccess,
    'no-raw-db-in-resolver': noRawDbInResolver,
    'no-cross-area-import': noCrossAreaImport,
    'schema-imports-areas': schemaImportsAreas,
  },
};
