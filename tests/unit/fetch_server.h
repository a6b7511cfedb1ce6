/* A tiny HTTP/1.0-style fixture server for the fetch tests: one listening
 * thread on a loopback address, one thread per connection, files from
 * tests/data/fetch/ and scripted answers. Counts connections so a test can
 * prove a refused address was never contacted. Loopback only, ever. */
#ifndef FETCH_SERVER_H
#define FETCH_SERVER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct fetch_server {
	int fd;
	int port;
	int other_port;          /* port of a second server, for cross redirects */
	pthread_t thread;
	atomic_int stop;
	atomic_int accepted;
	char last_ua[128];       /* User-Agent of the latest request */
	char last_accept_enc[64];
};

struct fetch_conn {
	struct fetch_server *srv;
	int fd;
};

static void fetch_send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void fetch_reply(int fd, const char *status, const char *headers, const char *body, size_t n)
{
	char head[512];
	int hl = snprintf(head, sizeof head, "HTTP/1.1 %s\r\nConnection: close\r\n%sContent-Length: %zu\r\n\r\n",
			  status, headers, n);
	fetch_send_all(fd, head, (size_t)hl);
	fetch_send_all(fd, body, n);
}

static char *fetch_read_file(const char *name, size_t *n)
{
	char path[256];
	snprintf(path, sizeof path, "tests/data/fetch/%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	*n = buf ? fread(buf, 1, 1 << 16, f) : 0;
	fclose(f);
	return buf;
}

static void fetch_header_value(const char *req, const char *name, char *out, size_t n)
{
	out[0] = '\0';
	const char *p = strcasestr(req, name);
	if (!p)
		return;
	p += strlen(name);
	while (*p == ' ')
		p++;
	size_t k = 0;
	while (p[k] && p[k] != '\r' && p[k] != '\n' && k + 1 < n)
		k++;
	memcpy(out, p, k);
	out[k] = '\0';
}

static void fetch_serve_file(int fd, const char *name, const char *ctype, const char *extra)
{
	size_t n = 0;
	char *body = fetch_read_file(name, &n);
	if (!body) {
		fetch_reply(fd, "404 Not Found", "Content-Type: text/plain\r\n", "no such file", 12);
		return;
	}
	char headers[256];
	snprintf(headers, sizeof headers, "Content-Type: %s\r\n%s", ctype, extra ? extra : "");
	fetch_reply(fd, "200 OK", headers, body, n);
	free(body);
}

static void *fetch_conn_main(void *arg)
{
	struct fetch_conn *c = arg;
	struct fetch_server *s = c->srv;
	int fd = c->fd;
	free(c);
	struct timeval tv = {2, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	char req[4096];
	size_t n = 0;
	while (n + 1 < sizeof req) {
		ssize_t r = recv(fd, req + n, sizeof req - 1 - n, 0);
		if (r <= 0)
			break;
		n += (size_t)r;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[n] = '\0';
	fetch_header_value(req, "\nUser-Agent:", s->last_ua, sizeof s->last_ua);
	fetch_header_value(req, "\nAccept-Encoding:", s->last_accept_enc, sizeof s->last_accept_enc);
	char path[512] = "";
	sscanf(req, "GET %511s", path);
	char hdr[256];
	int k;
	if (strncmp(path, "/file/", 6) == 0) {
		const char *name = path + 6;
		fetch_serve_file(fd, name, strstr(name, ".html") ? "text/html" : "application/octet-stream",
				 NULL);
	} else if (strcmp(path, "/latin1-header") == 0) {
		fetch_serve_file(fd, "latin1.html", "text/html; charset=ISO-8859-1", NULL);
	} else if (strcmp(path, "/gzip") == 0) {
		fetch_serve_file(fd, "article.html.gz", "text/html; charset=utf-8", "Content-Encoding: gzip\r\n");
	} else if (sscanf(path, "/redirect/%d", &k) == 1) {
		if (k <= 0) {
			fetch_serve_file(fd, "article.html", "text/html", NULL);
		} else {
			snprintf(hdr, sizeof hdr, "Location: /redirect/%d\r\n", k - 1);
			fetch_reply(fd, "302 Found", hdr, "", 0);
		}
	} else if (strcmp(path, "/to-other") == 0) {
		snprintf(hdr, sizeof hdr, "Location: http://127.0.0.2:%d/file/article.html\r\n", s->other_port);
		fetch_reply(fd, "302 Found", hdr, "", 0);
	} else if (strcmp(path, "/to-ftp") == 0) {
		fetch_reply(fd, "301 Moved Permanently", "Location: ftp://127.0.0.1/file\r\n", "", 0);
	} else if (strcmp(path, "/no-location") == 0) {
		fetch_reply(fd, "302 Found", "", "", 0);
	} else if (strcmp(path, "/big") == 0 || strcmp(path, "/big-unsized") == 0) {
		size_t bn = 200000;
		char *b = malloc(bn);
		if (b) {
			memset(b, 'a', bn);
			memcpy(b, "<p>", 3);
			if (strcmp(path, "/big") == 0) {
				fetch_reply(fd, "200 OK", "Content-Type: text/html\r\n", b, bn);
			} else {
				const char *h = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n";
				fetch_send_all(fd, h, strlen(h));
				fetch_send_all(fd, b, bn);
			}
			free(b);
		}
	} else if (strcmp(path, "/stall") == 0) {
		const char *h = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<p>Begin";
		fetch_send_all(fd, h, strlen(h));
		for (int i = 0; i < 100 && !atomic_load(&s->stop); i++)
			usleep(30000);
	} else if (strcmp(path, "/json") == 0) {
		fetch_reply(fd, "200 OK", "Content-Type: application/json\r\n", "{\"a\":1}", 7);
	} else if (strcmp(path, "/pdf") == 0) {
		fetch_reply(fd, "200 OK", "Content-Type: application/pdf\r\n", "%PDF-1.4", 8);
	} else if (strcmp(path, "/plain") == 0) {
		const char *t = "Line one of the note.\r\n\r\nLine two, caf\xe9.\r\n";
		fetch_reply(fd, "200 OK", "Content-Type: text/plain; charset=iso-8859-1\r\n", t, strlen(t));
	} else if (strcmp(path, "/untyped") == 0) {
		const char *t = "  <html><body><p>Untyped page that is still markup.</p></body></html>";
		fetch_reply(fd, "200 OK", "", t, strlen(t));
	} else if (strcmp(path, "/empty") == 0) {
		fetch_reply(fd, "200 OK", "Content-Type: text/html\r\n", "<html><nav>x</nav></html>", 25);
	} else if (strcmp(path, "/error500") == 0) {
		fetch_reply(fd, "500 Internal Server Error", "Content-Type: text/html\r\n", "<p>oops</p>", 11);
	} else {
		fetch_reply(fd, "404 Not Found", "Content-Type: text/html\r\n", "<p>not found</p>", 16);
	}
	close(fd);
	return NULL;
}

static void *fetch_server_main(void *arg)
{
	struct fetch_server *s = arg;
	while (!atomic_load(&s->stop)) {
		struct pollfd p = {s->fd, POLLIN, 0};
		if (poll(&p, 1, 20) <= 0)
			continue;
		int fd = accept(s->fd, NULL, NULL);
		if (fd < 0)
			continue;
		atomic_fetch_add(&s->accepted, 1);
		struct fetch_conn *c = malloc(sizeof *c);
		pthread_t t;
		if (!c) {
			close(fd);
			continue;
		}
		c->srv = s;
		c->fd = fd;
		if (pthread_create(&t, NULL, fetch_conn_main, c) != 0) {
			free(c);
			close(fd);
			continue;
		}
		pthread_detach(t);
	}
	return NULL;
}

/* Starts a server on addr (a 127.x.y.z literal) and an ephemeral port.
 * 0 on success. */
static int fetch_server_start(struct fetch_server *s, const char *addr)
{
	memset(s, 0, sizeof *s);
	atomic_init(&s->stop, 0);
	atomic_init(&s->accepted, 0);
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -1;
	int one = 1;
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1 || (ntohl(sa.sin_addr.s_addr) >> 24) != 127)
		return -1;
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(s->fd, 16) < 0)
		return -1;
	socklen_t sl = sizeof sa;
	getsockname(s->fd, (struct sockaddr *)&sa, &sl);
	s->port = ntohs(sa.sin_port);
	return pthread_create(&s->thread, NULL, fetch_server_main, s) == 0 ? 0 : -1;
}

static void fetch_server_stop(struct fetch_server *s)
{
	atomic_store(&s->stop, 1);
	pthread_join(s->thread, NULL);
	close(s->fd);
}

#endif
