import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// docker is not available where the tests run: this checks the compose file's shape (it parses, the
// API runs as two identical replicas behind nginx, demo data is opt-in) instead of running it.
const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true });
const nginx = read('client/nginx.conf');

describe('docker-compose.yml', () => {
  it('runs two identical API replicas that share one secret and one database', () => {
    const [a, b] = [compose.services['server-a'], compose.services['server-b']];
    expect(a).toBeDefined();
    expect(b).toEqual(a);
    expect(a.environment.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(a.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(a.environment.TRUST_PROXY).toBe('1');
    expect(a.ports).toBeUndefined(); // reached through nginx only
  });

  it('loads demo data (published passwords) only when asked to', () => {
    expect(compose.services['server-a'].environment.SEED_DEMO).toBe('${SEED_DEMO:-false}');
  });

  it('puts nginx in front of both replicas', () => {
    const upstream = /upstream api \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    const servers = [...upstream.matchAll(/^\s*server\s+([\w-]+):4000\b/gm)].map((m) => m[1]).sort();
    expect(servers).toEqual(Object.keys(compose.services).filter((s) => s.startsWith('server-')).sort());
    expect(nginx).toMatch(/proxy_pass http:\/\/api\/graphql;/);
    expect(read('client/Dockerfile')).toMatch(/COPY client\/nginx.conf \/etc\/nginx\/conf.d\/default.conf/);
    expect(Object.keys(compose.services.client.depends_on).sort()).toEqual(['server-a', 'server-b']);
  });

  it('has an optional streaming read replica, used only when DATABASE_READ_URL is set', () => {
    const replica = compose.services['postgres-replica'];
    expect(replica.profiles).toEqual(['replica']);
    expect(compose.services['server-a'].environment.DATABASE_READ_URL).toBe('${DATABASE_READ_URL:-}');
    for (const v of [...replica.volumes, ...compose.services.postgres.volumes]) {
      const host = String(v).split(':')[0];
      if (host.startsWith('./')) expect(fs.existsSync(path.join(root, host))).toBe(true);
    }
  });
});
