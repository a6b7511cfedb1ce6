/* file_read_all: one growing buffer, one error message per failure. */
#include "enricher/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, int *missing,
		  struct enr_error *err)
{
	*out = NULL;
	*len = 0;
	if (missing)
		*missing = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		if (missing)
			*missing = e == ENOENT || e == ENOTDIR;
		return enr_error_set(err, ENR_EIO, "%s: %s", path, strerror(e));
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	for (;;) {
		if (cap - n < 65536) {
			size_t nc = cap ? cap * 2 : 131072;
			char *nb = realloc(buf, nc + 1);
			if (!nb) {
				rc = enr_error_set(err, ENR_ENOMEM, "%s: out of memory", path);
				goto out;
			}
			buf = nb;
			cap = nc;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (max_bytes && n > max_bytes) {
			rc = enr_error_set(err, ENR_ETOOBIG, "%s: larger than %zu bytes", path,
					   max_bytes);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = enr_error_set(err, ENR_EIO, "%s: read error", path);
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}
