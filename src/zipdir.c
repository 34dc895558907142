/*
 * zipdir: zip archives through libarchive (Debian's libarchive-dev), the
 * zip format only. An upload is outside input: each entry's path is
 * checked before anything is made, files are created with O_EXCL and
 * O_NOFOLLOW in a folder that holds nothing but what was unpacked, and
 * the bytes are counted as they come out, whatever the archive claims.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "zipdir.h"

/* Running out of memory is the one fatal case (the supervisor restarts
 * the worker). */
static void
oom(const char *fn)
{
	log_err("%s: out of memory", fn);
	abort();
}

/* Why path (as the archive says it) may not be unpacked, or NULL. */
static const char *
bad_path(const char *path)
{
	const char	*s;
	size_t		 n;

	if (path == NULL || *path == '\0')
		return "an entry without a name";
	if (strlen(path) > ZIPDIR_PATH_MAX)
		return "a name too long";
	if (*path == '/')
		return "an absolute path";
	for (s = path; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return "a control character or a backslash";
	for (s = path; *s != '\0'; s += n + (s[n] == '/')) {
		n = strcspn(s, "/");
		/* A folder's name ends in one '/': the last segment. */
		if (n == 0 && s[n] == '/')
			return "an empty path segment";
		if ((n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return "a \".\" or \"..\" segment";
	}
	return NULL;
}

/* Makes each folder of rel's path below dir (rel's last segment too when
 * all is set). 0, or -1 with errno. */
static int
make_dirs(struct arena *a, const char *dir, const char *rel, int all)
{
	const char	*s;
	char		*path;

	for (s = rel; (s = strchr(s, '/')) != NULL || all; s++) {
		if (s == NULL)
			s = rel + strlen(rel);
		path = arena_printf(a, "%s/%.*s", dir, (int)(s - rel), rel);
		if (mkdir(path, 0700) == -1 && errno != EEXIST)
			return -1;
		if (*s == '\0')
			break;
	}
	return 0;
}

/* The entry's bytes into a new file; *total counts every byte. */
static int
unpack_file(struct archive *ar, const char *path, long long *total,
    const char **why, struct arena *a, const char *name)
{
	char	 chunk[65536];
	ssize_t	 n;
	int	 fd, rc = -1;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		*why = arena_printf(a, "%s: %s", name, errno == EEXIST ?
		    "in the archive twice" : strerror(errno));
		return -1;
	}
	for (;;) {
		if ((n = archive_read_data(ar, chunk, sizeof(chunk))) == 0)
			break;
		if (n < 0) {
			*why = arena_printf(a, "%s: %s", name,
			    archive_error_string(ar) != NULL ?
			    archive_error_string(ar) : "damaged");
			goto out;
		}
		if ((*total += n) > ZIPDIR_BYTES_MAX) {
			*why = arena_printf(a, "%s: the archive unpacks to "
			    "more than %lld bytes", name, ZIPDIR_BYTES_MAX);
			goto out;
		}
		if (write(fd, chunk, (size_t)n) != n) {
			*why = arena_printf(a, "%s: %s", name, strerror(errno));
			goto out;
		}
	}
	rc = 0;
out:
	if (close(fd) == -1 && rc == 0) {
		*why = arena_printf(a, "%s: %s", name, strerror(errno));
		rc = -1;
	}
	return rc;
}

int
zipdir_unpack(struct arena *a, const void *data, size_t len, const char *dir,
    const char **why)
{
	struct archive		*ar;
	struct archive_entry	*e;
	const char		*name, *bad;
	char			*rel;
	locale_t		 u8, old = (locale_t)0;
	long long		 total = 0;
	size_t			 count = 0, n;
	int			 r, rc = -1;

	/* Names are UTF-8 (the zip's flag, or read as such): libarchive
	 * converts them to the locale's charset, which under "C" cannot
	 * hold them, so this thread reads in C.UTF-8 while unpacking. */
	if ((u8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0)) !=
	    (locale_t)0)
		old = uselocale(u8);
	if ((ar = archive_read_new()) == NULL)
		oom(__func__);
	if (archive_read_support_format_zip(ar) != ARCHIVE_OK ||
	    archive_read_open_memory(ar, data, len) != ARCHIVE_OK) {
		*why = "not a zip archive";
		goto out;
	}
	/* A warning is a name that is not UTF-8: refused by its NULL. */
	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK ||
	    r == ARCHIVE_WARN) {
		name = archive_entry_pathname(e);
		if ((bad = bad_path(name)) != NULL) {
			*why = arena_printf(a, "%s: %s", name != NULL ? name :
			    "?", bad);
			goto out;
		}
		if (++count > ZIPDIR_ENTRIES_MAX) {
			*why = arena_printf(a, "more than %d files and folders",
			    ZIPDIR_ENTRIES_MAX);
			goto out;
		}
		if (archive_entry_is_encrypted(e)) {
			*why = arena_printf(a, "%s: encrypted", name);
			goto out;
		}
		rel = arena_strdup(a, name);
		if ((n = strlen(rel)) > 0 && rel[n - 1] == '/')
			rel[n - 1] = '\0';
		if (archive_entry_hardlink(e) != NULL ||
		    archive_entry_symlink(e) != NULL ||
		    (archive_entry_filetype(e) != AE_IFREG &&
		    archive_entry_filetype(e) != AE_IFDIR)) {
			*why = arena_printf(a, "%s: a link or a device, not a "
			    "file or a folder", name);
			goto out;
		}
		if (make_dirs(a, dir, rel,
		    archive_entry_filetype(e) == AE_IFDIR) == -1) {
			*why = arena_printf(a, "%s: %s", name, strerror(errno));
			goto out;
		}
		if (archive_entry_filetype(e) == AE_IFREG &&
		    unpack_file(ar, arena_printf(a, "%s/%s", dir, rel), &total,
		    why, a, name) == -1)
			goto out;
	}
	if (r != ARCHIVE_EOF) {
		*why = count == 0 ? "not a zip archive" :
		    arena_printf(a, "a damaged archive (%s)",
		    archive_error_string(ar) != NULL ?
		    archive_error_string(ar) : "unreadable");
		goto out;
	}
	rc = 0;
out:
	archive_read_free(ar);
	if (u8 != (locale_t)0) {
		uselocale(old);
		freelocale(u8);
	}
	return rc;
}

static la_ssize_t
to_buf(struct archive *ar, void *ctx, const void *data, size_t len)
{
	buf_put(ctx, data, len);
	return (la_ssize_t)len;
}

static int
by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

static int
no_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

/* One file's entry and bytes. */
static int
pack_file(struct archive *ar, struct archive_entry *e, const char *path)
{
	char	 chunk[65536];
	ssize_t	 n;
	int	 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		log_err("%s: %s: %s", __func__, path, strerror(errno));
		return -1;
	}
	if (archive_write_header(ar, e) != ARCHIVE_OK)
		goto out;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if (archive_write_data(ar, chunk, (size_t)n) != n)
			goto out;
	if (n == -1) {
		log_err("%s: %s: %s", __func__, path, strerror(errno));
		close(fd);
		return -1;
	}
	rc = 0;
out:
	if (rc == -1)
		log_err("%s: %s: %s", __func__, path,
		    archive_error_string(ar));
	close(fd);
	return rc;
}

/* Every entry below dir/rel ("" for dir itself). */
static int
pack(struct arena *a, struct archive *ar, const char *dir, const char *rel,
    long long mtime)
{
	struct dirent		**v = NULL;
	struct archive_entry	 *e = NULL;
	struct stat		  st;
	const char		 *path, *sub;
	int			  n, i, rc = -1;

	path = *rel == '\0' ? dir : arena_printf(a, "%s/%s", dir, rel);
	if ((n = scandir(path, &v, no_dots, by_name)) == -1) {
		log_err("%s: %s: %s", __func__, path, strerror(errno));
		return -1;
	}
	if ((e = archive_entry_new()) == NULL)
		oom(__func__);
	for (i = 0; i < n; i++) {
		sub = *rel == '\0' ? v[i]->d_name :
		    arena_printf(a, "%s/%s", rel, v[i]->d_name);
		path = arena_printf(a, "%s/%s", dir, sub);
		if (lstat(path, &st) == -1) {
			log_err("%s: %s: %s", __func__, path, strerror(errno));
			goto out;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			continue;
		archive_entry_clear(e);
		archive_entry_set_mtime(e, (time_t)mtime, 0);
		if (S_ISDIR(st.st_mode)) {
			archive_entry_set_pathname(e, arena_printf(a, "%s/",
			    sub));
			archive_entry_set_filetype(e, AE_IFDIR);
			archive_entry_set_perm(e, 0755);
			if (archive_write_header(ar, e) != ARCHIVE_OK) {
				log_err("%s: %s: %s", __func__, path,
				    archive_error_string(ar));
				goto out;
			}
			if (pack(a, ar, dir, sub, mtime) == -1)
				goto out;
			continue;
		}
		archive_entry_set_pathname(e, sub);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, st.st_size);
		if (pack_file(ar, e, path) == -1)
			goto out;
	}
	rc = 0;
out:
	archive_entry_free(e);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return rc;
}

int
zipdir_pack(struct arena *a, const char *dir, long long mtime,
    struct buf *out)
{
	struct archive	*ar;
	int		 rc = -1;

	if ((ar = archive_write_new()) == NULL)
		oom(__func__);
	if (archive_write_set_format_zip(ar) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(ar, 1) != ARCHIVE_OK ||
	    archive_write_open(ar, out, NULL, to_buf, NULL) != ARCHIVE_OK) {
		log_err("%s: %s", __func__, archive_error_string(ar));
		goto out;
	}
	if (pack(a, ar, dir, "", mtime) == -1)
		goto out;
	if (archive_write_close(ar) != ARCHIVE_OK) {
		log_err("%s: %s", __func__, archive_error_string(ar));
		goto out;
	}
	rc = 0;
out:
	archive_write_free(ar);
	return rc;
}

char *
zipdir_temp(struct arena *a, const char *what)
{
	const char	*tmp = getenv("TMPDIR");
	char		*path;

	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	path = arena_printf(a, "%s/quire-%s.XXXXXX", tmp, what);
	if (mkdtemp(path) == NULL) {
		log_err("%s: %s: %s", __func__, path, strerror(errno));
		return NULL;
	}
	return path;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	if (remove(path) == -1) {
		log_err("zipdir_remove: %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
zipdir_remove(const char *dir)
{
	struct stat	 st;

	if (lstat(dir, &st) == -1 && errno == ENOENT)
		return 0;
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
