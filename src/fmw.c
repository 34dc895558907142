/*
 * fmw: front matter and flat mappings written through libyaml's emitter
 * (fmw.h). The caller's buf collects what the emitter writes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <yaml.h>

#include "fmw.h"
#include "log.h"

static int
to_buf(void *data, unsigned char *s, size_t n)
{
	buf_put(data, s, n);
	return 1;
}

static int
emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(e, ev)) {
		log_err("%s: libyaml: %s", __func__, e->problem != NULL ?
		    e->problem : "cannot write");
		return -1;
	}
	return 0;
}

/* A scalar: plain when it is a key, a date or a status, else
 * double-quoted, or literal when it spans lines (the emitter falls back
 * to double quotes when a literal block cannot hold it). Not literal when
 * it ends in a line break: "|+" would end the document with "...", which
 * fm.c takes for the end of the front matter. */
static int
scalar(yaml_emitter_t *e, const char *s, int plain)
{
	yaml_event_t		 ev;
	yaml_scalar_style_t	 style;
	size_t			 n;

	n = strlen(s);
	style = plain ? YAML_PLAIN_SCALAR_STYLE : strchr(s, '\n') != NULL &&
	    s[n - 1] != '\n' ? YAML_LITERAL_SCALAR_STYLE :
	    YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)(uintptr_t)s, (int)n, 1, 1, style)) {
		log_err("%s: libyaml: out of memory", __func__);
		return -1;
	}
	return emit(e, &ev);
}

static int
date(yaml_emitter_t *e, const char *key, long long t)
{
	char		 s[32];
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		log_err("%s: %lld: no such date", __func__, t);
		return -1;
	}
	return scalar(e, key, 1) == -1 || scalar(e, s, 1) == -1 ? -1 : 0;
}

/* Opens the stream, its one document and the mapping. */
static int
start(yaml_emitter_t *e, struct buf *b)
{
	yaml_event_t	ev;

	yaml_emitter_initialize(e);
	yaml_emitter_set_output(e, to_buf, b);
	yaml_emitter_set_unicode(e, 1);
	yaml_emitter_set_width(e, -1);
	yaml_emitter_set_break(e, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit(e, &ev) == -1)
		return -1;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if (emit(e, &ev) == -1)
		return -1;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	return emit(e, &ev);
}

static int
end(yaml_emitter_t *e)
{
	yaml_event_t	ev;

	yaml_mapping_end_event_initialize(&ev);
	if (emit(e, &ev) == -1)
		return -1;
	yaml_document_end_event_initialize(&ev, 1);
	if (emit(e, &ev) == -1)
		return -1;
	yaml_stream_end_event_initialize(&ev);
	if (emit(e, &ev) == -1 || !yaml_emitter_flush(e))
		return -1;
	return 0;
}

static int
pair(yaml_emitter_t *e, const char *key, const char *value, int plain)
{
	return scalar(e, key, 1) == -1 || scalar(e, value, plain) == -1 ?
	    -1 : 0;
}

static int
tags(yaml_emitter_t *e, const struct port_item *it)
{
	yaml_event_t	ev;
	size_t		i;

	if (scalar(e, "tags", 1) == -1)
		return -1;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_FLOW_SEQUENCE_STYLE);
	if (emit(e, &ev) == -1)
		return -1;
	for (i = 0; i < it->ntags; i++)
		if (scalar(e, it->tags[i], 0) == -1)
			return -1;
	yaml_sequence_end_event_initialize(&ev);
	return emit(e, &ev);
}

int
fmw_item(struct buf *b, const struct port_item *it)
{
	yaml_emitter_t	 e;
	int		 rc = -1;

	buf_puts(b, "---\n");
	if (start(&e, b) == -1 ||
	    pair(&e, "title", it->title, 0) == -1 ||
	    pair(&e, "slug", it->slug, 0) == -1 ||
	    (it->has_date && date(&e, "date", it->published_at) == -1) ||
	    (it->has_updated && date(&e, "updated", it->updated_at) == -1) ||
	    (it->author != NULL && *it->author != '\0' &&
	    pair(&e, "author", it->author, 0) == -1) ||
	    pair(&e, "status", it->status, 1) == -1 ||
	    (it->ntags > 0 && tags(&e, it) == -1) ||
	    (it->excerpt != NULL && *it->excerpt != '\0' &&
	    pair(&e, "excerpt", it->excerpt, 0) == -1) ||
	    end(&e) == -1)
		goto out;
	buf_puts(b, "---\n\n");
	buf_puts(b, it->body);
	rc = 0;
out:
	yaml_emitter_delete(&e);
	return rc;
}

int
fmw_pairs(struct buf *b, const struct port_pair *p, size_t n)
{
	yaml_emitter_t	 e;
	size_t		 i;
	int		 rc = -1;

	if (start(&e, b) == -1)
		goto out;
	for (i = 0; i < n; i++)
		if (pair(&e, p[i].key, p[i].value, 0) == -1)
			goto out;
	if (end(&e) == -1)
		goto out;
	rc = 0;
out:
	yaml_emitter_delete(&e);
	return rc;
}
