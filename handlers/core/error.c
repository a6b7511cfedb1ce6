/* enr_error helpers: formatting only, no I/O. */
#include "enricher/error.h"

#include <stdarg.h>
#include <stdio.h>

static int error_vset(struct enr_error *err, int code, long offset, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int error_vset(struct enr_error *err, int code, long offset, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		err->offset = offset;
		vsnprintf(err->message, sizeof err->message, fmt, ap);
	}
	return code;
}

int enr_error_set(struct enr_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, code, -1, fmt, ap);
	va_end(ap);
	return code;
}

int enr_error_at(struct enr_error *err, int code, long offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, code, offset, fmt, ap);
	va_end(ap);
	return code;
}

void enr_error_clear(struct enr_error *err)
{
	if (err) {
		err->code = 0;
		err->offset = -1;
		err->message[0] = '\0';
	}
}
