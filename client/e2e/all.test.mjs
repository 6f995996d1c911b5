// `node --test client/e2e/` only picks up files named like *.test.mjs: this one loads the browser tests.
import './firm-search.e2e.mjs';
