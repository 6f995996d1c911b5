// V8 code cache for the CommonJS modules `npm start` loads (server/dist and its node_modules): Node 20 has
// no module.enableCompileCache(), and compiling ~1,500 files is about a third of loading the server's
// modules (issue 12, warm start). What v8-compile-cache does, plus what it lacks: a file that is not plain
// CommonJS (ESM syntax, ...) falls back to Node's own compile, and dynamic import() keeps Node's loader.
//
// One cache file (in the data folder); entries are keyed by path and the file's identity (size, mtime, inode) plus
// the source's length, because V8 checks only the length: the same rule as the build's freshness check (path,
// size, mtime; scripts/lib/setup.mjs). A sha1 of the source cost 15-30 ms for the 11 MB bundle at every start.
// V8 rejects a cache from another Node version or flags by itself (recompiled).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const FORMAT = `gg-compile-cache-2-${process.version}-${process.arch}`;

/** Installs the hook; returns `save()`, to call once start-up has run (so the cache holds the functions compiled lazily by then). */
export function installCompileCache(cacheFile) {
  let cached = new Map();
  try {
    const data = v8.deserialize(fs.readFileSync(cacheFile));
    if (data?.format === FORMAT) cached = data.entries;
  } catch { /* no cache yet, or unreadable: compile as usual */ }
  const compiled = new Map(); // filename -> { hash, script }
  let misses = 0;
  let hits = 0;
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    // Only plain .js/.cjs files (JSON, .node and ESM go their own way before this).
    if (!/\.c?js$/.test(filename)) return original.call(this, content, filename);
    const hash = sourceKey(filename, content);
    const entry = cached.get(filename);
    const cachedData = entry && entry.hash === hash ? entry.data : undefined;
    let script;
    try {
      script = new vm.Script(Module.wrap(stripShebang(content)), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      return original.call(this, content, filename); // not CommonJS that V8 compiles as a script
    }
    if (cachedData && !script.cachedDataRejected) hits++;
    else misses++;
    compiled.set(filename, { hash, script, reused: cachedData && !script.cachedDataRejected ? cachedData : null });
    const fn = script.runInThisContext({ displayErrors: true });
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  return {
    stats: () => ({ hits, misses }),
    /** Writes the cache when something was compiled without it. Synchronous, a few hundred ms at most. */
    save() {
      Module.prototype._compile = original;
      if (misses === 0) return;
      const entries = new Map();
      for (const [filename, { hash, script, reused }] of compiled) {
        try {
          entries.set(filename, { hash, data: reused ?? script.createCachedData() });
        } catch { /* skip this file */ }
      }
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, v8.serialize({ format: FORMAT, entries }));
        fs.renameSync(tmp, cacheFile);
      } catch { /* a cache is optional */ }
    },
  };
}

/** The file's identity as the loader read it; a content hash when it cannot be stat'ed. */
function sourceKey(filename, content) {
  try {
    const st = fs.statSync(filename, { bigint: true });
    return `stat:${st.size}:${st.mtimeNs}:${st.ino}:${content.length}`;
  } catch {
    return createHash('sha1').update(content).digest('base64');
  }
}

function stripShebang(content) {
  return content.startsWith('#!') ? `//${content.slice(2)}` : content;
}
