// Temporary screenshot pass (not committed).
import path from 'node:path';
import { BASE_URL, launch, newPage, signIn } from './helpers.mjs';
const OUT = process.env.OUT ?? '/tmp/client-polish';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SCREENS = JSON.parse(process.env.SCREENS ?? 'null') ?? [
  { user: null, name: 'signin', hash: '' },
  { user: 'consultant@midtjylland.demo', name: 'desk', hash: '#/desk' },
  { user: 'consultant@midtjylland.demo', name: 'desk-firm', hash: '#/desk', follow: `#/desk/firm/${UUID}$` },
  { user: 'editor@randers.demo', name: 'firms', hash: '#/firms?q=A' },
  { user: 'editor@randers.demo', name: 'firm', hash: '#/firms?q=A', follow: `#/firms/${UUID}$` },
  { user: 'editor@randers.demo', name: 'agreements', hash: '#/agreements' },
  { user: 'editor@randers.demo', name: 'agreement', hash: '#/agreements', follow: `#/agreements/${UUID}$` },
  { user: 'viewer@kkr-midtjylland.demo', name: 'dashboards', hash: '#/dashboards' },
  { user: 'investment@copcap.demo', name: 'investment', hash: '#/investment' },
  { user: 'coordinator@kalmar.demo', name: 'inquiry', hash: '#/investment/inquiries', follow: `#/investment/inquiries/${UUID}$` },
  { user: 'consultant@midtjylland.demo', name: 'programmes', hash: '#/programmes' },
  { user: 'consultant@midtjylland.demo', name: 'programme', hash: '#/programmes', follow: `#/programmes/${UUID}$` },
  { user: 'network@amager.demo', name: 'networks', hash: '#/networks' },
  { user: 'network@amager.demo', name: 'network', hash: '#/networks', follow: `#/networks/${UUID}$` },
  { user: 'cluster@webuild.demo', name: 'clusters', hash: '#/clusters' },
  { user: 'admin@midtjylland.demo', name: 'admin', hash: '#/organisations', follow: `#/organisations/${UUID}$` },
];
const RUNS = JSON.parse(process.env.RUNS ?? '[["da",1280],["da",375],["sv",1280],["sv",375]]');
const browser = await launch();
const report = [];
for (const [language, width] of RUNS) {
  const pages = new Map();
  for (const s of SCREENS) {
    const key = s.user ?? 'anon';
    let page = pages.get(key);
    if (!page) {
      page = await newPage(browser, [], { language, viewport: { width, height: 900 } });
      await page.context().addInitScript((l) => window.localStorage.setItem('growthGraph.language', l), language);
      if (s.user) await signIn(page, s.user);
      pages.set(key, page);
    }
    try {
      await page.goto(`${BASE_URL}/${s.hash}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      if (s.follow) {
        const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        const found = hrefs.find((h) => new RegExp(s.follow).test(h ?? ''));
        if (found) { await page.goto(`${BASE_URL}/${found}`); await page.waitForLoadState('networkidle'); await page.waitForTimeout(400); }
        else report.push(`${language}-${width}-${s.name}: no link`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) report.push(`${language}-${width}-${s.name}: overflow ${overflow}`);
      await page.screenshot({ path: path.join(OUT, `${language}-${width}-${s.name}.png`), fullPage: true });
    } catch (e) { report.push(`${language}-${width}-${s.name}: ${e.message.split('\n')[0]}`); }
  }
}
await browser.close();
console.log(report.join('\n') || 'no overflow');
