// `node --test client/e2e/` only picks up files named like *.test.mjs: this one loads the browser tests.
import './firm-search.e2e.mjs';
import './programmes.e2e.mjs';
import './clusters.e2e.mjs';
import './networks.e2e.mjs';
import './investment.e2e.mjs';
import './desk.e2e.mjs';
import './desk-records.e2e.mjs';
import './agreements.e2e.mjs';
import './dashboards.e2e.mjs';
import './languages.e2e.mjs';
import './a11y.e2e.mjs';
import './admin.e2e.mjs';
import './forms.e2e.mjs';
