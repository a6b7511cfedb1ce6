/* Error reporting shared by every module: functions return 0 or a negative
 * enr_status, and put a message a person can act on into a caller-owned
 * struct enr_error (as jansson's json_error_t). Nothing here prints. */
#ifndef ENRICHER_ERROR_H
#define ENRICHER_ERROR_H

#include <stddef.h>

enum enr_status {
	ENR_OK = 0,
	ENR_EINVAL = -1,   /* bad input from the caller */
	ENR_ENOMEM = -2,   /* allocation failed or an arena cap was reached */
	ENR_EIO = -3,      /* a file could not be read or written */
	ENR_EFORMAT = -4,  /* a data file (model, lexicon) is malformed */
	ENR_ETOOBIG = -5,  /* input over a configured cap */
	ENR_EUTF8 = -6,    /* text is not valid UTF-8 */
	ENR_EUPSTREAM = -7 /* a fetched resource failed */
};

struct enr_error {
	int code;          /* an enr_status */
	long offset;       /* byte offset of the fault in the input, or -1 */
	char message[256];
};

/* Fills err (if not NULL) and returns code, so callers can
 * `return enr_error_set(err, ENR_EINVAL, "...")`. */
int enr_error_set(struct enr_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, with the byte offset of the fault. */
int enr_error_at(struct enr_error *err, int code, long offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void enr_error_clear(struct enr_error *err);

#endif
