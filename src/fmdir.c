/*
 * fmdir: an exported folder into a port_set (fmdir.h): walks it, reads
 * each Markdown file through fm_read() and the settings and redirects
 * files through fm_read_pairs().
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fm.h"
#include "fmdir.h"

/* Folders below the imported one, at most (a symbolic link loop). */
#define FMDIR_DEPTH_MAX	32

/* The file path into the arena: 0, or -1 with *why. */
static int
slurp(struct arena *a, const char *path, const char *src, char **text,
    size_t *len, const char **why)
{
	struct stat	 st;
	ssize_t		 got;
	size_t		 have = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		*why = arena_printf(a, "%s: %s", src, strerror(errno));
		goto fail;
	}
	if (st.st_size > FMDIR_FILE_MAX) {
		*why = arena_printf(a, "%s: larger than %d bytes", src,
		    FMDIR_FILE_MAX);
		goto fail;
	}
	*text = arena_alloc(a, (size_t)st.st_size + 1);
	while (have < (size_t)st.st_size) {
		got = read(fd, *text + have, (size_t)st.st_size - have);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0) {
			*why = arena_printf(a, "%s: %s", src, got == 0 ?
			    "cut short while read" : strerror(errno));
			goto fail;
		}
		have += (size_t)got;
	}
	(*text)[have] = '\0';
	*len = have;
	close(fd);
	return 0;
fail:
	if (fd != -1)
		close(fd);
	return -1;
}

static int
by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

static int
markdown_name(const char *name)
{
	size_t	n = strlen(name);

	return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

/* The folder root/rel (rel "" for root itself), depth folders down. */
static int
walk(struct arena *a, const char *root, const char *rel, int depth,
    struct port_set *set, const char **why)
{
	struct dirent	**de = NULL;
	struct stat	  st;
	const char	 *dir, *sub, *path;
	char		 *text;
	size_t		  len;
	int		  n, i, rc = -1;

	dir = *rel == '\0' ? root : arena_printf(a, "%s/%s", root, rel);
	if (depth > FMDIR_DEPTH_MAX) {
		*why = arena_printf(a, "%s: folders nested too deep", rel);
		return -1;
	}
	if ((n = scandir(dir, &de, NULL, by_name)) == -1) {
		*why = arena_printf(a, "%s: %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (de[i]->d_name[0] == '.')
			continue;
		sub = *rel == '\0' ? arena_strdup(a, de[i]->d_name) :
		    arena_printf(a, "%s/%s", rel, de[i]->d_name);
		path = arena_printf(a, "%s/%s", root, sub);
		if (stat(path, &st) == -1) {
			*why = arena_printf(a, "%s: %s", sub, strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (walk(a, root, sub, depth + 1, set, why) == -1)
				goto out;
			continue;
		}
		if (!S_ISREG(st.st_mode) || !markdown_name(de[i]->d_name))
			continue;
		if (slurp(a, path, sub, &text, &len, why) == -1 ||
		    fm_read(a, sub, text, len, port_set_add(a, set), why) == -1)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(de[i]);
	free(de);
	return rc;
}

/* dir/name, a mapping, into (*out, *n, *cap) if the file is there. */
static int
pairs_file(struct arena *a, const char *dir, const char *name,
    struct port_pair **out, size_t *n, size_t *cap, const char **why)
{
	const char	*path = arena_printf(a, "%s/%s", dir, name);
	char		*text;
	size_t		 len;

	if (access(path, F_OK) == -1 && errno == ENOENT)
		return 0;
	if (slurp(a, path, name, &text, &len, why) == -1)
		return -1;
	return fm_read_pairs(a, name, text, len, out, n, cap, why);
}

int
fmdir_read(struct arena *a, const char *dir, struct port_set *set,
    const char **why)
{
	*why = NULL;
	if (walk(a, dir, "", 0, set, why) == -1 ||
	    pairs_file(a, dir, "settings.yaml", &set->settings,
	    &set->nsettings, &set->capsettings, why) == -1 ||
	    pairs_file(a, dir, "redirects.yaml", &set->redirects,
	    &set->nredirects, &set->capredirects, why) == -1)
		return -1;
	return 0;
}
