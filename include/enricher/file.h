/* Reading a data file whole: the one reader behind the config directory's
 * lexicons, gazetteers, trigger tables, training data, API description and
 * page. */
#ifndef ENRICHER_FILE_H
#define ENRICHER_FILE_H

#include <stddef.h>

#include "enricher/error.h"

/* Reads path into a malloc'd buffer NUL-terminated at (*out)[*len]; the
 * caller frees it. max_bytes caps the size (0: no cap). Errors name the
 * path: ENR_EIO when it cannot be opened or read (*missing, if not NULL, set
 * when it does not exist), ENR_ETOOBIG past the cap, ENR_ENOMEM. */
int file_read_all(const char *path, size_t max_bytes, char **out, size_t *len, int *missing,
		  struct enr_error *err);

#endif
