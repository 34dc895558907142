'use strict';
/*
 * The admin, used as a person would in headless Chromium: sign in, write an
 * article with a preview, publish it, edit it, schedule another, unpublish,
 * change the settings, sign out; and what a reader (a fresh context, without
 * the author's cookie) then sees on the site. The pages have no JavaScript:
 * the test only fills forms and clicks buttons and links.
 *
 * Run by tests/browser/run.sh, which starts the demo site and sets
 *   BASE_URL   e.g. http://127.0.0.1:8080 (required)
 *   ARTIFACTS  where the screenshots go (build/artifacts)
 *   CHROMIUM   the browser (/usr/bin/chromium)
 *
 * Each step is one top-level test, in order, sharing one page, so that
 * node's TAP reporter prints an unindented "ok N - ..." line for each.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const BASE = (process.env.BASE_URL || '').replace(/\/$/, '');
const ARTIFACTS = process.env.ARTIFACTS ||
    path.join(__dirname, '..', '..', 'build', 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LAUNCH = {
	executablePath: CHROMIUM,
	args: ['--headless', '--no-sandbox', '--disable-gpu',
	    '--disable-background-networking', '--disable-component-update',
	    '--no-first-run', '--disable-quic', '--disable-sync'],
};
const T = { timeout: 60000 };

const LOGIN = 'demo';
const PASSWORD = 'a-long-password-123';

/* The article written in the browser: a title that needs escaping, and a
 * body with a heading, a list, a link and a script that must not run. */
const ART = {
	title: 'Written in Chromium: café & <b>co</b>',
	body: [
		'This article was typed into the editor by a browser.',
		'',
		'## A heading from the browser',
		'',
		'- first point',
		'- second point',
		'',
		'Read more about [Quire](https://example.org/quire).',
		'',
		'<script>window.__pwned = 1</script>',
		'',
		'The end.',
	].join('\n'),
	newTitle: 'Written in Chromium, and then edited',
	url: null,	/* its permalink, once published */
	cacheControl: null,	/* as a reader gets it */
};

/* The article scheduled for next year. */
const LATER = {
	title: 'A letter to next year',
	body: 'Readers must not see this before its date.',
	date: null,
	url: null,
};

const DISCLAIMER = 'Browser-made disclaimer: the opinions here are **bold** ' +
    'and the author\'s own.';

let browser, context, page;
const problems = [];	/* failed subresources and page errors, any page */

function url(p) {
	return BASE + p;
}

function pathOf(u) {
	const x = new URL(u);
	return x.pathname + x.search;
}

/* Records what goes wrong on a page beyond what a step checks. */
function watch(p, who) {
	p.on('response', (r) => {
		if (r.status() >= 400 && !r.request().isNavigationRequest())
			problems.push(`${who}: ${r.status()} for ${pathOf(r.url())}` +
			    ` (from ${pathOf(p.url())})`);
	});
	p.on('requestfailed', (r) => {
		/* ERR_ABORTED: the page went on before a file came (a
		 * favicon, say): the browser's doing, not the site's. */
		if (!r.isNavigationRequest() && !(r.failure() &&
		    r.failure().errorText === 'net::ERR_ABORTED'))
			problems.push(`${who}: request failed: ${r.url()} ` +
			    `(${r.failure() && r.failure().errorText})`);
	});
	p.on('pageerror', (e) => problems.push(`${who}: page error: ${e}`));
	p.on('console', (m) => {
		if (m.type() === 'error' && !/^Failed to load resource/.test(m.text()))
			problems.push(`${who}: console error on ${pathOf(p.url())}: ` +
			    m.text());
	});
	p.setDefaultTimeout(10000);
	p.setDefaultNavigationTimeout(15000);
	return p;
}

/* Clicks what starts a navigation (a link, a submit button) and waits for
 * the page it leads to; the main document's response. */
async function follow(p, locator) {
	const [resp] = await Promise.all([
		p.waitForNavigation({ waitUntil: 'load' }),
		locator.click(),
	]);
	return resp;
}

/* The whole page, as a window that tall would show it: a full-page capture
 * would leave the editor's sticky button bar where the window ended, over
 * the fields. */
async function shot(p, name) {
	const vp = p.viewportSize();
	const h = await p.evaluate(() => document.documentElement.scrollHeight);
	await p.setViewportSize({ width: vp.width, height: Math.max(vp.height,
	    Math.min(h, 16000)) });
	try {
		await p.screenshot({ path: path.join(ARTIFACTS, name) });
	} finally {
		await p.setViewportSize(vp);
	}
}

/* The form controls a person fills in, without a label (or aria-label). */
async function unlabeled(p) {
	return p.$$eval('input, textarea, select', (els) => els
	    .filter((e) => e.type !== 'hidden' && !e.hidden)
	    .filter((e) => !((e.labels && [...e.labels].some((l) =>
		l.textContent.trim() !== '')) ||
		(e.getAttribute('aria-label') || '').trim() !== ''))
	    .map((e) => `${e.tagName.toLowerCase()}#${e.id || '?'}` +
		`[name=${e.name || '?'}]`));
}

async function labelsWork(p, labels) {
	for (const l of labels) {
		const n = await p.getByLabel(l, { exact: true }).count();
		assert.equal(n, 1, `getByLabel(${JSON.stringify(l)}) finds ${n} ` +
		    'fields, not 1');
	}
	assert.deepEqual(await unlabeled(p), [],
	    'every field has a label');
}

async function notice(p) {
	const s = p.getByRole('status');
	return (await s.count()) ? (await s.first().textContent()).trim() : '';
}

async function heading1(p) {
	return (await p.locator('h1').first().textContent()).trim();
}

/* The admin list's row for a title (its title links to the editor). */
function adminRow(p, title) {
	return p.locator('table.posts tbody tr').filter({
		has: p.getByRole('link', { name: title, exact: true }),
	});
}

/* Clicks Publish (or Update) and checks that it was saved: on a refusal,
 * the error says what the browser sent and which fields were marked. */
async function publish(p, button = 'Publish') {
	let sent = '';
	const onRequest = (r) => {
		if (r.method() === 'POST' && r.isNavigationRequest())
			sent = r.postData() || '';
	};
	p.on('request', onRequest);
	let resp;
	try {
		resp = await follow(p, p.getByRole('button', { name: button }));
	} finally {
		p.off('request', onRequest);
	}
	if (/^\/admin\/articles\/\d+\?done=published$/.test(pathOf(p.url())))
		return;
	const invalid = await p.locator('[aria-invalid=true]')
	    .evaluateAll((els) => els.map((e) => e.id));
	const form = new URLSearchParams(sent);
	form.delete('csrf');
	form.set('body', `(${(form.get('body') || '').length} characters)`);
	assert.fail(`${button} was refused: HTTP ${resp.status()} at ` +
	    `${pathOf(p.url())}, fields marked invalid: ` +
	    `${invalid.length ? invalid.join(', ') : 'none'}; the browser sent ` +
	    `${form.toString()}`);
}

/* Runs fn with a page in a fresh context: a reader, without cookies. */
async function asReader(fn) {
	const ctx = await browser.newContext();
	try {
		const rp = watch(await ctx.newPage(), 'reader');
		return await fn(rp);
	} finally {
		await ctx.close();
	}
}

/* The trimmed texts of what selector finds in p (a page or a locator). */
async function linkTitles(p, selector) {
	return (await p.locator(selector).allTextContents()).map((t) => t.trim());
}

/* A status word (the CSS shows it in capitals: read the text itself). */
async function stateOf(l) {
	return (await l.locator('.state').first().textContent()).trim();
}

/* YYYY-MM-DD, UTC, days from the server's now (the tests' clock, QUIRE_NOW
 * in Unix seconds; the browser's own clock is the real one). */
function dayFromNow(days) {
	const now = Number(process.env.QUIRE_NOW) * 1000;
	assert.ok(Number.isFinite(now) && now > 0, 'QUIRE_NOW is set');
	return new Date(now + days * 86400000).toISOString().slice(0, 10);
}

/*
 * A step: one top-level test. When it fails, the error also tells where the
 * author's page was and what it said in alerts and field messages, and a
 * screenshot failed-N.png is kept.
 */
let nsteps = 0;
function step(name, fn) {
	const n = ++nsteps;
	test(name, T, async () => {
		try {
			await fn();
		} catch (e) {
			let where = '';
			try {
				const msgs = await page.locator('[role=alert], .error')
				    .allTextContents();
				where = `\n  the author's page: ${pathOf(page.url())}` +
				    (msgs.length ? `\n  it says: ${msgs.map((m) =>
					m.trim()).join(' | ')}` : '');
				await shot(page, `failed-${n}.png`);
				where += `\n  screenshot: ${path.join(ARTIFACTS,
				    `failed-${n}.png`)}`;
			} catch (_) { /* the page is gone: the error says enough */ }
			if (where && e && typeof e.message === 'string')
				e.message += where;
			throw e;
		}
	});
}

before(async () => {
	assert.ok(BASE, 'BASE_URL is set');
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	browser = await chromium.launch(LAUNCH);
	context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
	page = watch(await context.newPage(), 'author');
});

after(async () => {
	if (browser)
		await browser.close();
});

step('1. /admin sends to the sign-in form; a wrong password is refused there', async () => {
	const resp = await page.goto(url('/admin'));
	assert.equal(resp.status(), 200);
	assert.equal(new URL(page.url()).pathname, '/admin/login',
	    'redirected to the sign-in form');
	assert.equal(await heading1(page), 'Sign in');

	await page.getByLabel('Login', { exact: true }).fill(LOGIN);
	await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
	const r = await follow(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(r.status(), 403);
	const alert = page.getByRole('alert');
	assert.match(await alert.innerText(), /Wrong login or password/);
	assert.equal(new URL(page.url()).pathname, '/admin/login',
	    'still on the sign-in form');
	assert.equal(await heading1(page), 'Sign in');
	assert.equal(await page.getByLabel('Login', { exact: true }).inputValue(),
	    LOGIN, 'the login is kept');
	assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(),
	    '', 'the password is not sent back');
	await shot(page, 'signin-error.png');
});

step('sign-in form: every field has a label', async () => {
	assert.equal(new URL(page.url()).pathname, '/admin/login');
	await labelsWork(page, ['Login', 'Password']);
});

step('2. the right password opens the admin list with the demo articles', async () => {
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await follow(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(pathOf(page.url()), '/admin', 'on the admin list');
	assert.equal(await heading1(page), 'Articles');
	assert.equal(await page.getByRole('alert').count(), 0, 'no error');
	assert.equal(await page.getByRole('button', { name: /^Sign out/ }).count(),
	    1, 'a Sign out button');

	const rows = page.locator('table.posts').first().locator('tbody tr');
	assert.ok(await rows.count() >= 3, 'the demo articles are listed');
	/* Every article a reader sees on the home page is in the list. */
	const onHome = await asReader(async (rp) => {
		await rp.goto(url('/'));
		return linkTitles(rp, 'article.summary h2 a');
	});
	assert.ok(onHome.length > 0, 'the demo site has articles');
	for (const t of onHome) {
		const row = adminRow(page, t);
		assert.equal(await row.count(), 1, `"${t}" is in the admin list`);
		assert.equal(await stateOf(row),
		    'published', `"${t}" is published`);
	}
	await shot(page, 'admin-list.png');
});

step('2b. on a 390 px phone the admin list fits the screen: nothing scrolls sideways', async () => {
	const vp = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	try {
		const over = await page.evaluate(() => {
			const w = document.documentElement.clientWidth;
			const out = [];
			if (document.documentElement.scrollWidth > w)
				out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
			for (const e of document.querySelectorAll('table.posts, table.posts *')) {
				const r = e.getBoundingClientRect();
				/* Visually hidden (1 px, clipped) is not seen. */
				if (r.width <= 1 || e.closest('thead, .visually-hidden'))
					continue;
				if (r.right > w + 0.5 || e.scrollWidth > e.clientWidth + 1)
					out.push(`${e.tagName.toLowerCase()}.${e.className}: right ${Math.round(r.right)}, scroll ${e.scrollWidth}/${e.clientWidth}`);
			}
			return out.slice(0, 5);
		});
		await shot(page, 'admin-list-390.png');
		assert.deepEqual(over, [], `within ${390} px: ${over.join('; ')}`);
	} finally {
		await page.setViewportSize(vp);
	}
});

step('editor: every field has a label', async () => {
	await follow(page, page.getByRole('link', { name: 'New article', exact: true }));
	assert.equal(pathOf(page.url()), '/admin/articles/new');
	await labelsWork(page, ['Title', 'Slug', 'Date', 'Time', 'Author',
	    'Excerpt (optional, Markdown)', 'Text (Markdown)']);
});

step('3. a new article: the preview renders the Markdown, runs no script, keeps the text', async () => {
	await follow(page, page.getByRole('link', { name: 'New article', exact: true }));
	assert.equal(pathOf(page.url()), '/admin/articles/new');
	assert.equal(await heading1(page), 'New article');
	const title = page.getByLabel('Title', { exact: true });
	const body = page.getByLabel('Text (Markdown)', { exact: true });
	await title.click();
	await title.pressSequentially(ART.title);
	await body.fill(ART.body);
	await shot(page, 'editor.png');

	await follow(page, page.getByRole('button', { name: 'Preview' }));
	const pv = page.getByRole('region', { name: /Preview/ });
	assert.equal(await pv.count(), 1, 'a preview section');
	assert.equal((await pv.locator('h1').textContent()).trim(), ART.title,
	    'the title, escaped, as the h1');
	const h2 = await linkTitles(pv, '.body h2');
	assert.deepEqual(h2, ['A heading from the browser'], 'the ## heading');
	assert.deepEqual(await linkTitles(pv, '.body li'),
	    ['first point', 'second point'], 'the list');
	const a = pv.getByRole('link', { name: 'Quire', exact: true });
	assert.equal(await a.getAttribute('href'), 'https://example.org/quire');
	assert.deepEqual(await page.$$('script'), [], 'no script element');
	assert.equal(await page.evaluate(() => typeof window.__pwned),
	    'undefined', 'the script did not run');
	assert.equal(await title.inputValue(), ART.title, 'the title as typed');
	assert.equal(await body.inputValue(), ART.body, 'the text as typed');
	assert.match(await pv.innerText(), /not saved yet/i);
	await shot(page, 'preview.png');
});

step('4. Publish; "View on the site" shows the article, with no script', async () => {
	await publish(page);
	assert.match(await notice(page), /^Published/);
	assert.equal(await stateOf(page.locator('.meta')),
	    'published');
	assert.equal(await heading1(page), ART.title);

	await follow(page, page.getByRole('link', { name: 'View on the site' }));
	/* The link carries ?r=REVISION (a fresh copy for the author). */
	assert.match(pathOf(page.url()), /\?r=\d+$/);
	ART.url = new URL(page.url()).pathname;
	assert.match(ART.url, /^\/\d{4}\/\d{2}\/written-in-chromium-cafe-b-co-b$/,
	    'the permalink, with the slug made from the title');
	assert.equal(await heading1(page), ART.title, 'the title as the h1');
	const art = page.locator('article.article');
	assert.deepEqual(await linkTitles(art, '.body h2'),
	    ['A heading from the browser']);
	assert.deepEqual(await linkTitles(art, '.body li'),
	    ['first point', 'second point']);
	assert.equal(await art.getByRole('link', { name: 'Quire', exact: true })
	    .getAttribute('href'), 'https://example.org/quire');
	assert.equal(await page.evaluate(() => typeof window.__pwned),
	    'undefined', 'the script did not run');
	const html = await page.content();
	/* The head's JSON-LD data block is the one script element allowed. */
	const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)]
	    .filter((m) => m[1] !== ' type="application/ld+json"');
	assert.deepEqual(scripts.map((m) => m[0]), [], 'no <script in the page');
	await shot(page, 'article.png');
});

step('5. the article is on the home page and in the archive', async () => {
	assert.ok(ART.url, 'needs the article that step 4 publishes');
	await follow(page, page.getByRole('link', { name: 'Home', exact: true }));
	assert.equal(pathOf(page.url()), '/');
	const link = page.locator('article.summary h2')
	    .getByRole('link', { name: ART.title, exact: true });
	assert.equal(await link.count(), 1, 'on the home page');
	assert.equal(pathOf(await link.evaluate((a) => a.href)), ART.url);

	/* /archive lists months; the article is in its month's page. */
	await follow(page, page.getByRole('link', { name: 'Archive', exact: true }));
	assert.equal(pathOf(page.url()), '/archive');
	const month = '/archive' + ART.url.slice(0, 8);
	await follow(page, page.locator(`main a[href="${month}"]`));
	assert.equal(pathOf(page.url()), month);
	const alink = page.getByRole('link', { name: ART.title, exact: true });
	assert.equal(await alink.count(), 1, 'in the archive of its month');
	assert.equal(pathOf(await alink.evaluate((a) => a.href)), ART.url);
});

step('6. a new title, saved with Update, shows on the permalink and on /', async () => {
	assert.ok(ART.url, 'needs the article that step 4 publishes');
	await page.goto(url('/admin'));
	await follow(page, adminRow(page, ART.title)
	    .getByRole('link', { name: ART.title, exact: true }));
	assert.match(pathOf(page.url()), /^\/admin\/articles\/\d+$/);
	const title = page.getByLabel('Title', { exact: true });
	assert.equal(await title.inputValue(), ART.title);
	assert.equal(await page.getByLabel('Text (Markdown)', { exact: true })
	    .inputValue(), ART.body, 'the stored text is the typed text');
	await title.fill(ART.newTitle);
	await publish(page, 'Update');
	assert.match(await notice(page), /^Published/);
	assert.equal(await heading1(page), ART.newTitle);

	const view = page.getByRole('link', { name: 'View on the site' });
	assert.equal(new URL(await view.evaluate((a) => a.href)).pathname,
	    ART.url, 'the permalink is kept');

	/* What a reader sees (no cached copy of anything). */
	await asReader(async (rp) => {
		const r = await rp.goto(url(ART.url));
		assert.equal(r.status(), 200);
		ART.cacheControl = r.headers()['cache-control'];
		assert.equal(await heading1(rp), ART.newTitle, 'the new title at ' +
		    'the permalink');
		await rp.goto(url('/'));
		const titles = await linkTitles(rp, 'article.summary h2 a');
		assert.ok(titles.includes(ART.newTitle), 'the new title on /');
		assert.ok(!titles.includes(ART.title), 'the old title gone from /');
	});
});

/*
 * The author, in the browser that showed the article and / before the
 * update, follows "View on the site" right after Update: a person expects
 * the new title there, not the copy the browser kept.
 */
step('6b. right after Update, "View on the site" in the author\'s own browser shows the new title',
    async () => {
	assert.ok(ART.url, 'needs the article that step 4 publishes');
	await follow(page, page.getByRole('link', { name: 'View on the site' }));
	assert.equal(new URL(page.url()).pathname, ART.url);
	const why = ' (the browser shows the copy it kept from before the ' +
	    `update: reader pages are sent with Cache-Control: ${ART.cacheControl}` +
	    ' and the author is not told to reload)';
	assert.equal(await heading1(page), ART.newTitle,
	    'the new title at the permalink' + why);

	/* Home itself may be the copy the browser kept for up to max-age
	 * (reader pages are publicly cacheable by design); the link from the
	 * editor carries ?r=REVISION, so the permalink is always fresh. */
});

step('7. an article dated next year is "scheduled": readers get 404, and it is not listed', async () => {
	await page.goto(url('/admin'));
	await follow(page, page.getByRole('link', { name: 'New article', exact: true }));
	LATER.date = dayFromNow(366);
	await page.getByLabel('Title', { exact: true }).fill(LATER.title);
	await page.getByLabel('Date', { exact: true }).fill(LATER.date);
	await page.getByLabel('Text (Markdown)', { exact: true }).fill(LATER.body);
	await publish(page);
	assert.equal(await stateOf(page.locator('.meta')),
	    'scheduled');
	assert.equal(await page.getByRole('link', { name: 'View on the site' })
	    .count(), 0, 'no link to the site yet');
	assert.equal(await page.getByLabel('Date', { exact: true }).inputValue(),
	    LATER.date, 'the date is kept');
	const slug = await page.getByLabel('Slug', { exact: true }).inputValue();
	assert.equal(slug, 'a-letter-to-next-year');
	LATER.url = `/${LATER.date.slice(0, 4)}/${LATER.date.slice(5, 7)}/${slug}`;

	await follow(page, page.getByRole('link', { name: 'Articles and pages' }));
	const row = adminRow(page, LATER.title);
	assert.equal(await row.count(), 1, 'in the admin list');
	assert.equal(await stateOf(row), 'scheduled');
	assert.equal(await row.getByRole('link', { name: 'View' }).count(), 0);
	await shot(page, 'admin-scheduled.png');

	await asReader(async (rp) => {
		const r = await rp.goto(url(LATER.url));
		assert.equal(r.status(), 404, `a reader gets 404 at ${LATER.url}`);
		assert.ok(!(await rp.content()).includes(LATER.body),
		    'the text is not shown');
		await rp.goto(url('/'));
		assert.ok(!(await linkTitles(rp, 'a')).includes(LATER.title),
		    'not on the home page');
		await rp.goto(url('/archive' + LATER.url.slice(0, 8)));
		assert.ok(!(await linkTitles(rp, 'a')).includes(LATER.title),
		    'not in the archive of its month');
	});
});

step('8. Unpublish: readers get 404 at the first article\'s address',
    async () => {
	assert.ok(ART.url, 'needs the article that step 4 publishes');
	await page.goto(url('/admin'));
	await follow(page, adminRow(page, ART.newTitle)
	    .getByRole('link', { name: ART.newTitle, exact: true }));
	await follow(page, page.getByRole('button', { name: 'Unpublish' }));
	assert.match(await notice(page), /^Unpublished/);
	assert.equal(await stateOf(page.locator('.meta')),
	    'draft');
	await page.goto(url('/admin'));
	assert.equal(await stateOf(adminRow(page, ART.newTitle)), 'draft');

	await asReader(async (rp) => {
		const r = await rp.goto(url(ART.url));
		assert.equal(r.status(), 404, `a reader gets 404 at ${ART.url}`);
		await rp.goto(url('/'));
		assert.ok(!(await linkTitles(rp, 'a')).includes(ART.newTitle),
		    'not on the home page');
	});
});

step('settings: every field has a label', async () => {
	await follow(page, page.getByRole('link', { name: 'Settings', exact: true }));
	assert.equal(pathOf(page.url()), '/admin/settings');
	await labelsWork(page, ['Site title', 'Subtitle', 'Base URL',
	    'Default author', 'Articles per page', 'X (Twitter)', 'LinkedIn',
	    'Facebook', 'Contribution note (Markdown, on every page)',
	    'Disclaimer (Markdown)', 'Where the disclaimer is shown in full',
	    'robots.txt']);
});

step('9. a new Markdown disclaimer shows, bold rendered, to readers', async () => {
	await page.goto(url('/admin/settings'));
	await page.getByLabel('Disclaimer (Markdown)',
	    { exact: true }).fill(DISCLAIMER);
	await follow(page, page.getByRole('button', { name: 'Save settings' }));
	assert.equal(pathOf(page.url()), '/admin/settings?done=settings');
	assert.match(await notice(page), /^Settings saved/);
	assert.equal(await page.getByLabel('Disclaimer (Markdown)',
	    { exact: true }).inputValue(), DISCLAIMER, 'the form shows it');
	await shot(page, 'settings.png');

	await asReader(async (rp) => {
		await rp.goto(url('/'));
		const first = rp.locator('article.summary h2 a').first();
		await follow(rp, first);
		assert.match(pathOf(rp.url()), /^\/\d{4}\/\d{2}\/[a-z0-9-]+$/,
		    'on an article');
		/* And again after a reload (asked of the server anew). */
		for (let i = 0; i < 2; i++) {
			if (i)
				await rp.reload();
			const d = rp.getByRole('region', { name: 'Disclaimer' });
			assert.equal(await d.count(), 1, 'a disclaimer');
			const text = (await d.innerText()).replace(/\s+/g, ' ');
			assert.match(text, /Browser-made disclaimer: the opinions here are bold and the author['’]s own\./);
			assert.ok(!text.includes('**'), 'no Markdown left');
			assert.deepEqual(await linkTitles(d, 'strong'), ['bold'],
			    'bold rendered as <strong>');
		}
		await shot(rp, 'disclaimer.png');
		/* Elsewhere (the default): a link to it, which shows it. */
		await rp.goto(url('/'));
		assert.equal(await rp.getByRole('region',
		    { name: 'Disclaimer' }).count(), 0, 'not in full on /');
		await follow(rp, rp.getByRole('link', { name: 'Disclaimer',
		    exact: true }));
		assert.equal(pathOf(rp.url()), '/disclaimer');
		assert.match((await rp.locator('main').innerText())
		    .replace(/\s+/g, ' '), /Browser-made disclaimer: the opinions here are bold/);
	});
});

step('10. Sign out returns to the sign-in page and ends the session', async () => {
	await page.goto(url('/admin'));
	const cookies = await context.cookies();
	assert.ok(cookies.length > 0, 'signed in with a cookie');
	await follow(page, page.getByRole('button', { name: /^Sign out/ }));
	assert.equal(new URL(page.url()).pathname, '/admin/login');
	assert.equal(await heading1(page), 'Sign in');
	assert.match(await notice(page), /signed out/);
	assert.equal(await page.getByRole('button', { name: /^Sign out/ }).count(),
	    0);
	await shot(page, 'signed-out.png');

	await page.goto(url('/admin'));
	assert.equal(new URL(page.url()).pathname, '/admin/login',
	    '/admin sends to the sign-in form again');
	assert.equal(await heading1(page), 'Sign in');

	/* The old cookie, replayed, no longer opens the admin. */
	const ctx = await browser.newContext();
	try {
		await ctx.addCookies(cookies);
		const p2 = watch(await ctx.newPage(), 'old cookie');
		await p2.goto(url('/admin'));
		assert.equal(new URL(p2.url()).pathname, '/admin/login',
		    'the session ended on the server');
	} finally {
		await ctx.close();
	}
});

step('no page failed to load a file or logged an error', async () => {
	assert.deepEqual(problems, []);
});
