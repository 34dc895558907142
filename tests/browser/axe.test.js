/*
 * tests/browser/axe.test.js: axe-core (npm, pinned in tests/package.json)
 * over every kind of reader page in headless Chromium, at a desktop and a
 * phone width. Any violation, of any impact, fails the page's check: the
 * message lists each rule, its impact and the elements it names.
 *
 * Run by tests/browser/run.sh with BASE_URL, CHROMIUM and BROWSER_TMP set.
 * Reader pages forbid scripts (CSP script-src 'none'): the context bypasses
 * CSP so that axe can be evaluated in the page; nothing of the page runs.
 */
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = process.env.BASE_URL;
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/* As admin.test.js launches it: a fresh profile in the test's folder
 * (contexts are incognito-like; the profile holds only the browser's own
 * state). */
const LAUNCH = {
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu'],
	env: { ...process.env, HOME: fs.mkdtempSync(path.join(
	    process.env.BROWSER_TMP || '/tmp', 'axe-home-')) },
};

let browser;

before(async () => {
	assert.ok(BASE, 'BASE_URL is set');
	browser = await chromium.launch(LAUNCH);
});

after(async () => {
	if (browser)
		await browser.close();
});

/* The violations axe finds on path at a width, one line each. */
async function violations(pathname, width) {
	const context = await browser.newContext({ bypassCSP: true,
	    viewport: { width, height: 900 } });
	try {
		const page = await context.newPage();
		const resp = await page.goto(BASE + pathname);
		assert.ok(resp, `GET ${pathname}`);
		await page.evaluate(AXE);
		const found = await page.evaluate(async () => {
			/* global axe */
			const r = await axe.run(document, { resultTypes:
			    ['violations'] });
			return r.violations.map((v) => `${v.id} (${v.impact}): ` +
			    v.nodes.slice(0, 3).map((n) => n.target.join(' '))
				.join(', '));
		});
		return { status: resp.status(), found };
	} finally {
		await context.close();
	}
}

/* The first href in the page at pathname that matches re. */
async function firstLink(pathname, re) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(BASE + pathname);
		const hrefs = await page.$$eval('a[href]', (as) =>
		    as.map((a) => a.getAttribute('href')));
		return hrefs.find((h) => re.test(h));
	} finally {
		await context.close();
	}
}

/* The first article whose page holds a <pre>, from the year pages that
 * /archive links (it lists months, not articles). */
async function withCode() {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(BASE + '/archive');
		const years = (await page.$$eval('a[href]', (as) =>
		    as.map((a) => a.getAttribute('href'))))
		    .filter((h) => /^\/archive\/\d{4}$/.test(h));
		for (const y of [...new Set(years)]) {
			const list = await (await context.request.get(BASE + y))
			    .text();
			const hrefs = [...list.matchAll(
			    /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/g)]
			    .map((m) => m[1]);
			for (const h of hrefs) {
				const r = await context.request.get(BASE + h);
				if (/<pre[ >]/.test(await r.text()))
					return h;
			}
		}
		return undefined;
	} finally {
		await context.close();
	}
}

test('axe-core finds nothing on any reader page, at 1100 px and at 390 px',
    async (t) => {
	const pages = ['/', '/archive', '/about', '/contribute', '/disclaimer',
	    '/tags', '/search?q=notes',
	    '/no-such-page'];
	const older = await firstLink('/', /^\/\?before=/);
	const article = await firstLink('/', /^\/\d{4}\/\d{2}\/[a-z0-9-]+$/);
	const year = await firstLink('/archive', /^\/archive\/\d{4}$/);
	const month = await firstLink('/archive', /^\/archive\/\d{4}\/\d{2}$/);
	for (const p of [older, article, year, month]) {
		assert.ok(p, 'the demo site links every kind of page');
		pages.push(p.replace(/&amp;/g, '&'));
	}
	/* An article with a code block, which scrolls sideways on a phone. */
	const code = await withCode();
	assert.ok(code, 'a demo article holds a code block');
	pages.push(code);
	for (const p of pages) {
		for (const width of [1100, 390]) {
			await t.test(`${p} at ${width} px`, async () => {
				const { status, found } = await violations(p,
				    width);
				assert.ok(status === 200 || status === 404,
				    `status ${status}`);
				assert.deepEqual(found, [], found.join('\n'));
			});
		}
	}
});
