/* Prometheus metrics: requests by route and status, a latency histogram per
 * route, requests in flight, bytes in and out. Lock-free counters. */
#ifndef ENRICHER_METRICS_H
#define ENRICHER_METRICS_H

#include <stddef.h>

#define METRICS_MAX_ROUTES 32

/* Registers route names once at start (index = order); "other" is added for
 * unknown paths. Not thread-safe: call before serving. */
int metrics_add_route(const char *name);
int metrics_route_other(void);

void metrics_inflight(int delta);
long metrics_inflight_now(void);

/* Records one finished request. */
void metrics_observe(int route, int status, double seconds, size_t bytes_in, size_t bytes_out);

/* Renders the text exposition format into a malloc'd string. */
char *metrics_render(size_t *len);

#endif
