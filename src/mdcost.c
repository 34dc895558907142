/*
 * mdcost: what rendering a Markdown text would cost, asked before it is
 * stored (the editor's save and preview, the import), so that no reader's
 * request is the first to render a text that takes seconds.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "markdown.h"
#include "mdcost.h"

/* The first render of mdcost_slow() is of this much, then twice as much. */
#define FIRST_PREFIX	(64 * 1024)

static const char walk_why[] =
    "This text would take too long to show to readers: it opens many "
    "images with \"![\" that are never closed, before links. Close each "
    "\"![\" with \"](address)\", or write \"\\![\" where you mean the "
    "characters themselves.";
static const char time_why[] =
    "This text takes too long to render (more than a second). Look for "
    "long runs of brackets (\"[\", \"![\") or emphasis marks (\"*\", "
    "\"_\") that are never closed, and close or remove them, or split "
    "the text.";

/* Is a blank line (or the end) after the newline at p[-1]? */
static int
blank_next(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == end || *p == '\n';
}

/*
 * cmark 0.30.2 (inlines.c, handle_close_bracket): an opener is pushed for
 * each "[" and "![" of a paragraph; a "]" pops the top one, and when that
 * was an active link opener and a link is made, every opener below is
 * walked, links deactivated and images skipped, down to the first
 * inactive link. Images are never deactivated, so unclosed "![" pile up
 * and every later link walks all of them: quadratic. Walking is linear
 * here: below an inactive link every link is inactive (each walk goes
 * down to one), so the walk ends at the topmost inactive link, `dead',
 * and afterwards every link of the stack is inactive. Each "]" that pops
 * an active link counts as a link (a reference needs a definition this
 * scan does not look for), so the count is never below cmark's.
 */
unsigned long long
mdcost_walk(struct arena *a, const char *md, size_t len)
{
	const char		*p, *end = md + len;
	unsigned long long	 steps = 0;
	uint32_t		*below;		/* the next link below, + 1 */
	unsigned char		*img;
	size_t			 n = 0, sp = 0, i;
	uint32_t		 toplink = 0, dead = 0;	/* index + 1, 0: none */

	for (i = 0; i < len; i++)
		n += md[i] == '[';
	below = arena_calloc(a, n + 1, sizeof(*below));
	img = arena_calloc(a, n + 1, 1);
	for (p = md; p < end; p++) {
		switch (*p) {
		case '\\':
			if (p + 1 < end && p[1] != '\n')
				p++;
			break;
		case '\n':
			/* A blank line ends the paragraph and its stack. */
			if (blank_next(p + 1, end))
				sp = toplink = dead = 0;
			break;
		case '!':
			if (p + 1 == end || p[1] != '[')
				break;
			p++;
			img[sp] = 1;
			below[sp] = toplink;
			sp++;
			break;
		case '[':
			img[sp] = 0;
			below[sp] = toplink;
			toplink = (uint32_t)++sp;
			break;
		case ']':
			if (sp == 0)
				break;
			sp--;
			if (img[sp])
				break;
			toplink = below[sp];
			if (dead == sp + 1) {
				/* An inactive link: popped, no link. */
				dead = toplink;
				break;
			}
			/* A link: the walk, down to dead or the bottom. */
			steps += sp - (dead > 0 ? dead - 1 : 0);
			dead = toplink;
			break;
		}
	}
	return steps;
}

static long long
cpu_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
mdcost_slow(struct arena *a, const char *md, size_t len, long long limit_ns,
    const char **why)
{
	struct safe_html	 out;
	const char		*nl;
	size_t			 n, cut;
	long long		 t0, took;

	*why = NULL;
	if (mdcost_walk(a, md, len) > MDCOST_WALK_MAX) {
		*why = walk_why;
		return 1;
	}
	for (n = FIRST_PREFIX;; n *= 2) {
		cut = len;
		if (n < len && (nl = memrchr(md, '\n', n)) != NULL)
			cut = (size_t)(nl - md) + 1;
		t0 = cpu_ns();
		if (md_render(a, md, cut, &out) == -1)
			return -1;
		took = cpu_ns() - t0;
		if (took > limit_ns) {
			log_info("%s: %zu of %zu bytes took %lld ms to render",
			    __func__, cut, len, took / 1000000);
			*why = time_why;
			return 1;
		}
		if (cut == len)
			return 0;
	}
}
