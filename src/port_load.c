/*
 * port_load: the kinds of source an import reads, told apart by what
 * they are (a folder) or their name's ending (.zip, .xml), each handed to
 * its reader. The temporary folder of a zip never outlives the call.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmdir.h"
#include "port_load.h"
#include "wxr.h"
#include "zipdir.h"

/* What the WordPress reader said: its refusal as *why, or what it left
 * out as the set's notes. */
static int
wxr_said(struct arena *a, int rc, const struct wxr_report *rep,
    const char *name, struct port_set *set, const char **why)
{
	size_t	 i;

	if (rc == -1) {
		*why = rep->error;
		return -1;
	}
	for (i = 0; i < rep->nskipped; i++)
		port_set_note(a, set, arena_printf(a, "%s: skipped %s", name,
		    rep->skipped[i]));
	return 0;
}

/* A .xml file: the WordPress reader's. */
static int
read_wxr(struct arena *a, const char *path, const char *name,
    struct port_set *set, const char **why)
{
	struct wxr_report	 rep;

	return wxr_said(a, wxr_read_file(a, path, name, set, &rep), &rep,
	    name, set, why);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* The folder to read below dir: the one folder it holds when it holds
 * nothing else (hidden entries aside), else dir itself. */
static const char *
root_of(struct arena *a, const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	const char	*one = NULL;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return dir;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "__MACOSX") == 0)
			continue;
		if (n++ == 0)
			one = arena_printf(a, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n == 1 && lstat(one, &st) == 0 && S_ISDIR(st.st_mode))
		return one;
	return dir;
}

int
port_load_zip(struct arena *a, const void *data, size_t len,
    const char *name, struct port_set *set, const char **why)
{
	char	*dir;
	int	 rc = -1;

	*why = NULL;
	if ((dir = zipdir_temp(a, "import")) == NULL) {
		*why = arena_printf(a, "%s: no room to unpack it", name);
		return -1;
	}
	if (zipdir_unpack(a, data, len, dir, why) == -1) {
		*why = arena_printf(a, "%s: %s", name, *why);
		goto out;
	}
	if (fmdir_read(a, root_of(a, dir), set, why) == -1)
		goto out;
	rc = 0;
out:
	if (zipdir_remove(dir) == -1 && rc == 0) {
		*why = arena_printf(a, "%s: could not remove the unpacked "
		    "files", name);
		rc = -1;
	}
	return rc;
}

/* A .zip file into the arena, then port_load_zip(). */
static int
read_zip(struct arena *a, const char *path, const char *name,
    struct port_set *set, const char **why)
{
	struct stat	 st;
	char		*data;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		*why = arena_printf(a, "%s: %s", name, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (st.st_size > PORT_LOAD_ZIP_MAX) {
		*why = arena_printf(a, "%s: larger than %d bytes", name,
		    PORT_LOAD_ZIP_MAX);
		close(fd);
		return -1;
	}
	data = arena_alloc(a, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got != (size_t)st.st_size) {
		*why = arena_printf(a, "%s: could not be read whole", name);
		return -1;
	}
	return port_load_zip(a, data, got, name, set, why);
}

int
port_load(struct arena *a, const char *path, const char *name,
    struct port_set *set, const char **why)
{
	struct stat	 st;

	*why = NULL;
	if (stat(path, &st) == -1) {
		*why = arena_printf(a, "%s: no such file or folder", name);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return fmdir_read(a, path, set, why);
	if (has_suffix(path, ".xml"))
		return read_wxr(a, path, name, set, why);
	if (has_suffix(path, ".zip"))
		return read_zip(a, path, name, set, why);
	*why = arena_printf(a, "%s: neither a folder of Markdown files, nor a "
	    "zip of one, nor a WordPress export (.xml)", name);
	return -1;
}

int
port_load_known(const char *name)
{
	return has_suffix(name, ".zip") || has_suffix(name, ".xml");
}

int
port_load_mem(struct arena *a, const void *data, size_t len,
    const char *name, struct port_set *set, const char **why)
{
	struct wxr_report	 rep;

	*why = NULL;
	if (has_suffix(name, ".zip"))
		return port_load_zip(a, data, len, name, set, why);
	if (has_suffix(name, ".xml"))
		return wxr_said(a, wxr_read(a, name, data, len, set, &rep),
		    &rep, name, set, why);
	*why = arena_printf(a, "%s: neither a zip of Markdown files (.zip) "
	    "nor a WordPress export (.xml)", name);
	return -1;
}
