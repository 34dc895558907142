/*
 * mdcost: the figures of docs/SECURITY.md's "Query parameters and slow
 * Markdown", in CPU time of this thread, linked with quire's own objects.
 * Run it from the top folder.
 *
 *   mdcost FILE.md [...]
 *
 * For each file, one line: its bytes, mdcost_walk()'s count and time,
 * mdcost_slow()'s verdict and time (what a save or preview spends before
 * it answers), and md_render()'s time on the whole (what a reader's
 * request would spend on it if it had been stored: cmark 0.30.2, the
 * library linked, run to the end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "arena.h"
#include "markdown.h"
#include "mdcost.h"

static double
cpu_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct arena		 a;
	struct safe_html	 out;
	unsigned long long	 steps;
	const char		*why;
	char			*md;
	size_t			 len;
	double			 t0, walk, slow, render;
	FILE			*f;
	int			 i, verdict;

	arena_init(&a);
	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		md = arena_alloc(&a, 64 * 1024 * 1024);
		len = fread(md, 1, 64 * 1024 * 1024 - 1, f);
		fclose(f);
		md[len] = '\0';
		t0 = cpu_ms();
		steps = mdcost_walk(&a, md, len);
		walk = cpu_ms() - t0;
		t0 = cpu_ms();
		verdict = mdcost_slow(&a, md, len, MDCOST_LIMIT_NS, &why);
		slow = cpu_ms() - t0;
		t0 = cpu_ms();
		if (md_render(&a, md, len, &out) == -1)
			return 1;
		render = cpu_ms() - t0;
		printf("%s: %zu bytes; walk %llu steps in %.2f ms; %s in %.2f "
		    "ms; render %.1f ms\n", argv[i], len, steps, walk,
		    verdict == 1 ? "refused" : verdict == 0 ? "accepted" :
		    "error", slow, render);
		arena_reset(&a);
	}
	arena_free(&a);
	return 0;
}
