/* Counters in fixed arrays of atomics, rendered on demand. */
#include "enricher/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const int metrics_statuses[] = {200, 400, 401, 404, 405, 413, 415, 422,
				       429, 500, 502, 503, 504, 0};
#define NSTATUS (sizeof metrics_statuses / sizeof metrics_statuses[0])
static const double metrics_buckets[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
					 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBUCKET (sizeof metrics_buckets / sizeof metrics_buckets[0])

struct route_metrics {
	const char *name;
	atomic_ulong count[NSTATUS];
	atomic_ulong bucket[NBUCKET + 1];
	atomic_ullong sum_us;
};

static struct route_metrics metrics_routes[METRICS_MAX_ROUTES];
static int metrics_nroutes;
static int metrics_other = -1;
static atomic_long metrics_in_flight;
static atomic_ullong metrics_bytes_in, metrics_bytes_out;
static time_t metrics_started;

int metrics_add_route(const char *name)
{
	for (int i = 0; i < metrics_nroutes; i++)
		if (!strcmp(metrics_routes[i].name, name))
			return i;
	if (metrics_nroutes >= METRICS_MAX_ROUTES)
		return metrics_nroutes - 1;
	if (!metrics_started)
		metrics_started = time(NULL);
	metrics_routes[metrics_nroutes].name = name;
	return metrics_nroutes++;
}

int metrics_route_other(void)
{
	if (metrics_other < 0)
		metrics_other = metrics_add_route("other");
	return metrics_other;
}

void metrics_inflight(int delta)
{
	atomic_fetch_add(&metrics_in_flight, delta);
}

long metrics_inflight_now(void)
{
	return atomic_load(&metrics_in_flight);
}

void metrics_observe(int route, int status, double seconds, size_t bytes_in, size_t bytes_out)
{
	if (route < 0 || route >= metrics_nroutes)
		return;
	struct route_metrics *m = &metrics_routes[route];
	size_t s = NSTATUS - 1;
	for (size_t i = 0; i + 1 < NSTATUS; i++)
		if (metrics_statuses[i] == status)
			s = i;
	atomic_fetch_add(&m->count[s], 1);
	size_t b = 0;
	while (b < NBUCKET && seconds > metrics_buckets[b])
		b++;
	atomic_fetch_add(&m->bucket[b], 1);
	atomic_fetch_add(&m->sum_us, (unsigned long long)(seconds * 1e6));
	atomic_fetch_add(&metrics_bytes_in, bytes_in);
	atomic_fetch_add(&metrics_bytes_out, bytes_out);
}

static long metrics_rss_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, rss = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * sysconf(_SC_PAGESIZE);
}

char *metrics_render(size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	fprintf(f, "# HELP enricher_requests_total Requests answered, by route and status.\n"
		   "# TYPE enricher_requests_total counter\n");
	for (int r = 0; r < metrics_nroutes; r++)
		for (size_t s = 0; s < NSTATUS; s++) {
			unsigned long c = atomic_load(&metrics_routes[r].count[s]);
			if (!c)
				continue;
			if (metrics_statuses[s])
				fprintf(f, "enricher_requests_total{route=\"%s\",status=\"%d\"} %lu\n",
					metrics_routes[r].name, metrics_statuses[s], c);
			else
				fprintf(f, "enricher_requests_total{route=\"%s\",status=\"other\"} %lu\n",
					metrics_routes[r].name, c);
		}
	fprintf(f, "# HELP enricher_request_duration_seconds Time from request to response.\n"
		   "# TYPE enricher_request_duration_seconds histogram\n");
	for (int r = 0; r < metrics_nroutes; r++) {
		unsigned long cum = 0;
		struct route_metrics *m = &metrics_routes[r];
		for (size_t b = 0; b <= NBUCKET; b++) {
			cum += atomic_load(&m->bucket[b]);
			if (b < NBUCKET)
				fprintf(f, "enricher_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
					m->name, metrics_buckets[b], cum);
			else
				fprintf(f, "enricher_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
					m->name, cum);
		}
		fprintf(f, "enricher_request_duration_seconds_sum{route=\"%s\"} %.6f\n", m->name,
			(double)atomic_load(&m->sum_us) / 1e6);
		fprintf(f, "enricher_request_duration_seconds_count{route=\"%s\"} %lu\n", m->name, cum);
	}
	fprintf(f, "# HELP enricher_requests_in_flight Requests being received or analysed.\n"
		   "# TYPE enricher_requests_in_flight gauge\n"
		   "enricher_requests_in_flight %ld\n",
		atomic_load(&metrics_in_flight));
	fprintf(f, "# HELP enricher_bytes_received_total Request body bytes received.\n"
		   "# TYPE enricher_bytes_received_total counter\n"
		   "enricher_bytes_received_total %llu\n",
		atomic_load(&metrics_bytes_in));
	fprintf(f, "# HELP enricher_bytes_sent_total Response body bytes sent.\n"
		   "# TYPE enricher_bytes_sent_total counter\n"
		   "enricher_bytes_sent_total %llu\n",
		atomic_load(&metrics_bytes_out));
	fprintf(f, "# HELP enricher_resident_memory_bytes Resident set size.\n"
		   "# TYPE enricher_resident_memory_bytes gauge\n"
		   "enricher_resident_memory_bytes %ld\n",
		metrics_rss_bytes());
	fprintf(f, "# HELP enricher_start_time_seconds Start time since the epoch.\n"
		   "# TYPE enricher_start_time_seconds gauge\n"
		   "enricher_start_time_seconds %ld\n",
		(long)metrics_started);
	fclose(f);
	*len = n;
	return buf;
}
