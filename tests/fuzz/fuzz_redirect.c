/*
 * fuzz_redirect: a redirect's path as an author types it (src/redirect.c).
 * Input: the typed path, bytes as they are. Checks: a path the rule takes
 * normalises (decodes) to text that starts with one '/', holds no control
 * character, and written back for a Location header (redirect_path_url)
 * is plain URL characters only, is taken by the rule itself and decodes to
 * the same path; a path it refuses has a message and no normal form. The
 * refusal of a pair is a message exactly when it must be.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "redirect.h"
#include "req.h"

static struct arena	arena;
static int		arena_ready;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct redirect_facts	 f = { NULL, NULL, NULL };
	enum redirect_end	 end;
	const char		*msg, *why;
	char			*typed, *norm, *url, *back;
	size_t			 i;
	long			 n;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	/* A C string: the form hands the rule NUL-free text. */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	typed = arena_alloc(&arena, size + 1);
	memcpy(typed, data, size);
	typed[size] = '\0';

	msg = redirect_path_valid(typed);
	norm = redirect_path_norm(&arena, typed);
	if (msg != NULL) {
		CHECK(*msg != '\0');
		CHECK(norm == NULL);
		goto out;
	}
	CHECK(norm != NULL);
	CHECK(norm[0] == '/' && norm[1] != '/' && norm[1] != '\\');
	CHECK(strlen(norm) <= size);
	CHECK(req_text_valid(norm, strlen(norm)));
	for (i = 0; norm[i] != '\0'; i++)
		CHECK((unsigned char)norm[i] >= 0x20 && norm[i] != 0x7f);

	url = redirect_path_url(&arena, norm);
	if (redirect_wp_query(norm)) {
		/* WordPress's /?p=ID: digits, kept as typed. */
		CHECK(strcmp(url, typed) == 0 && strcmp(norm, typed) == 0);
		CHECK(strspn(strchr(norm, '=') + 1, "0123456789") ==
		    strlen(strchr(norm, '=') + 1));
	} else {
		for (i = 0; url[i] != '\0'; i++)
			CHECK((unsigned char)url[i] > 0x20 &&
			    (unsigned char)url[i] < 0x7f &&
			    strchr("\"<>\\^`{|}?# ", url[i]) == NULL);
		CHECK(redirect_path_valid(url) == NULL || strlen(url) > 1000);
		back = arena_alloc(&arena, strlen(url) + 1);
		CHECK((n = req_pct_decode(url, strlen(url), 0, back)) >= 0);
		CHECK(strcmp(back, norm) == 0);
	}

	/* With nothing in the way, only a pair to itself is refused. */
	why = redirect_refusal(&arena, norm, "/fuzz-target", &f, &end);
	CHECK((why != NULL) == (strcmp(norm, "/fuzz-target") == 0));
	CHECK(redirect_refusal(&arena, norm, norm, &f, &end) != NULL);
	f.to_goes = norm;
	CHECK(redirect_refusal(&arena, norm, "/x", &f, &end) != NULL &&
	    end == RE_TO);
out:
	arena_reset(&arena);
	return 0;
}
