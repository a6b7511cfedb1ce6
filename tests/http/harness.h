/* HTTP test harness: starts the real binary on a free loopback port and
 * talks to it with libcurl. Included by each tests/http/test_*.c. */
#ifndef TESTS_HTTP_HARNESS_H
#define TESTS_HTTP_HARNESS_H

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct server {
	pid_t pid;
	int port;
	char base[64];
};

struct reply {
	long status;
	char *body;
	size_t len;
	char request_id[80];
	char allow[64];
	long connects;  /* new connections this request opened */
};

static inline int harness_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t sl = sizeof a;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || getsockname(fd, (struct sockaddr *)&a, &sl))
		return -1;
	close(fd);
	return ntohs(a.sin_port);
}

static inline size_t harness_write(char *p, size_t s, size_t n, void *u)
{
	struct reply *r = u;
	char *nb = realloc(r->body, r->len + s * n + 1);
	if (!nb)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, s * n);
	r->len += s * n;
	r->body[r->len] = '\0';
	return s * n;
}

static inline size_t harness_header(char *p, size_t s, size_t n, void *u)
{
	struct reply *r = u;
	size_t len = s * n;
	if (len > 14 && !strncasecmp(p, "X-Request-Id: ", 14))
		snprintf(r->request_id, sizeof r->request_id, "%.*s", (int)(len - 16), p + 14);
	if (len > 7 && !strncasecmp(p, "Allow: ", 7))
		snprintf(r->allow, sizeof r->allow, "%.*s", (int)(len - 9), p + 7);
	return len;
}

/* One request on handle c (reused for keep-alive when the caller passes the
 * same handle). headers: NULL-terminated "Name: value" list, may be NULL. */
static inline struct reply harness_request_on(CURL *c, const struct server *s, const char *method,
				       const char *path, const char *ctype, const char *body,
				       size_t len, const char *const *headers)
{
	struct reply r = {0};
	char url[256];
	snprintf(url, sizeof url, "%s%s", s->base, path);
	struct curl_slist *hl = NULL;
	char ct[128];
	if (ctype) {
		snprintf(ct, sizeof ct, "Content-Type: %s", ctype);
		hl = curl_slist_append(hl, ct);
	} else if (body) {
		hl = curl_slist_append(hl, "Content-Type:");
	}
	if (len < 1024 * 1024)
		hl = curl_slist_append(hl, "Expect:");  /* big bodies keep 100-continue, as clients do */
	for (size_t i = 0; headers && headers[i]; i++)
		hl = curl_slist_append(hl, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, harness_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, harness_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	if (strcmp(method, body ? "POST" : "GET"))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	CURLcode cc = curl_easy_perform(c);
	if (cc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &r.connects);
	} else {
		r.status = -(long)cc;
	}
	curl_slist_free_all(hl);
	return r;
}

static inline struct reply harness_request(const struct server *s, const char *method, const char *path,
				    const char *ctype, const char *body,
				    const char *const *headers)
{
	CURL *c = curl_easy_init();
	struct reply r = harness_request_on(c, s, method, path, ctype, body,
					    body ? strlen(body) : 0, headers);
	curl_easy_cleanup(c);
	return r;
}

static inline void reply_free(struct reply *r)
{
	free(r->body);
	r->body = NULL;
}

/* Starts ENRICHER_BIN (default build/enricher) with extra arguments and waits
 * for /readyz (up to 20 s). */
static inline struct server harness_start(const char *const *extra)
{
	struct server s = {0};
	const char *bin = getenv("ENRICHER_BIN");
	if (!bin)
		bin = "build/enricher";
	s.port = harness_free_port();
	snprintf(s.base, sizeof s.base, "http://127.0.0.1:%d", s.port);
	char port[16];
	snprintf(port, sizeof port, "%d", s.port);
	mkdir("tests/out", 0755);
	s.pid = fork();
	if (s.pid == 0) {
		const char *argv[32] = {bin, "serve", "--config", "config/enricher.conf",
					"--port", port, "--host", "127.0.0.1"};
		int n = 8;
		for (size_t i = 0; extra && extra[i] && n < 30; i++)
			argv[n++] = extra[i];
		argv[n] = NULL;
		char logpath[64];
		snprintf(logpath, sizeof logpath, "tests/out/server-%d.log", s.port);
		int fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 2);
			close(fd);
		}
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 400; i++) {
		struct reply r = harness_request(&s, "GET", "/readyz", NULL, NULL, NULL);
		long st = r.status;
		reply_free(&r);
		if (st == 200)
			return s;
		int wst;
		if (waitpid(s.pid, &wst, WNOHANG) == s.pid) {
			s.pid = -1;
			return s;
		}
		usleep(50000);
	}
	return s;
}

/* SIGTERM, then the exit status (-1 if it did not exit in 30 s). */
static inline int harness_stop(struct server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	for (int i = 0; i < 3000; i++) {
		int st;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		usleep(10000);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	s->pid = 0;
	return -1;
}

/* A raw TCP connection to the server. */
static inline int harness_connect(const struct server *s)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	struct timeval tv = {.tv_sec = 10};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return fd;
}

static inline int harness_send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Reads until the peer closes or n-1 bytes; returns bytes read. */
static inline size_t harness_recv_all(int fd, char *buf, size_t n)
{
	size_t got = 0;
	while (got + 1 < n) {
		ssize_t k = recv(fd, buf + got, n - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	buf[got] = '\0';
	return got;
}

#endif
