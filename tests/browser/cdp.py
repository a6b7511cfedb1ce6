"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe.

Chromium reads NUL-terminated JSON messages on fd 3 and writes its own on
fd 4, so no websocket and no third-party package is needed. Python stdlib
only.
"""
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def find_chromium():
    for c in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser",
              "google-chrome", "google-chrome-stable"):
        if c and shutil.which(c):
            return shutil.which(c)
    return None


class CDPError(Exception):
    pass


class Browser:
    """One headless Chromium; call() sends a command and waits for its answer."""

    def __init__(self, exe, log_path):
        self.profile = tempfile.mkdtemp(prefix="enricher-chromium-")
        to_r, self._to_w = os.pipe()      # we write commands, chromium reads fd 3
        self._from_r, from_w = os.pipe()  # chromium writes fd 4, we read
        self._log = open(log_path, "wb")

        def child_fds():
            # above 4 first, so dup2 to 3 and 4 cannot clobber each other
            a = os.dup(to_r)
            b = os.dup(from_w)
            os.dup2(a, 3, inheritable=True)
            os.dup2(b, 4, inheritable=True)

        self.proc = subprocess.Popen(
            [exe] + FLAGS + ["--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
            preexec_fn=child_fds, close_fds=False)
        os.close(to_r)
        os.close(from_w)
        self._next = 0
        self._lock = threading.Lock()
        self._waiting = {}
        self.events = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_r, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self._lock:
                        q = self._waiting.pop(msg["id"], None)
                    if q:
                        q.put(msg)
                else:
                    self.events.put(msg)
        with self._lock:
            for q in self._waiting.values():
                q.put({"error": {"message": "chromium closed the pipe"}})
            self._waiting.clear()

    def call(self, method, params=None, session=None, timeout=20):
        with self._lock:
            self._next += 1
            mid = self._next
            q = queue.Queue()
            self._waiting[mid] = q
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        try:
            ans = q.get(timeout=timeout)
        except queue.Empty:
            raise CDPError("%s: no answer in %d s" % (method, timeout))
        if "error" in ans:
            raise CDPError("%s: %s" % (method, ans["error"].get("message")))
        return ans.get("result", {})

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_w, self._from_r):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """A tab: evaluate JavaScript, wait for conditions, take screenshots."""

    def __init__(self, browser, width=1280, height=1000):
        self.b = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params=None, timeout=20):
        return self.b.call(method, params, session=self.session, timeout=timeout)

    def eval(self, expr, timeout=20):
        """The value of a JavaScript expression (awaited if a promise), as JSON."""
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CDPError("JavaScript: %s" % (d.get("exception", {}).get("description") or d.get("text")))
        return r.get("result", {}).get("value")

    def goto(self, url, timeout=20):
        self.call("Page.navigate", {"url": url})
        self.wait("document.readyState === 'complete' && location.href === %s" % json.dumps(url),
                  timeout)

    def wait(self, expr, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.eval(expr):
                return True
            time.sleep(0.05)
        raise CDPError("timed out after %d s waiting for %s" % (timeout, expr))

    def screenshot(self, path, full=True):
        import base64
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params, timeout=30)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
