"""A throwaway RabbitMQ broker for tests: Debian's rabbitmq-server started as its own node, bound
to 127.0.0.1 only, with its own data folder, ports, Erlang cookie and epmd, and stopped at the end.
The management plugin (also on 127.0.0.1) lets tests look at queues and publish or take messages
over HTTP, with nothing but the standard library.

    with Broker(workdir) as broker:
        broker.amqp_url                 # amqp://127.0.0.1:PORT/%2f
        broker.queues()                 # name -> {"messages": n, "messages_unacknowledged": n, "type": ...}
        broker.publish("q", "body")     # through the default exchange
        broker.get("q", 10)             # takes (and removes) up to 10 messages

Skips (exit 77 from the calling test) are the caller's business: `available()` says whether the
server is installed.
"""
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"
CTL = "/usr/lib/rabbitmq/bin/rabbitmqctl"


def available():
    return os.access(SERVER, os.X_OK)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self, workdir, name="chartflow-test", tls=False):
        self.dir = os.path.join(workdir, "rabbitmq")
        self.node = f"{name}-{os.getpid()}@localhost"
        self.amqp_port, self.http_port = free_port(), free_port()
        self.dist_port, self.epmd_port = free_port(), free_port()
        self.tls = tls
        self.amqps_port = free_port() if tls else None
        self.process = None

    @property
    def amqps_url(self):
        return f"amqps://localhost:{self.amqps_port}/%2f"

    @property
    def ca_file(self):
        return os.path.join(self.dir, "tls", "ca.pem")

    def make_certificates(self):
        """A throwaway CA and a server certificate for localhost / 127.0.0.1 (openssl)."""
        tls = os.path.join(self.dir, "tls")
        os.makedirs(tls, exist_ok=True)
        run = lambda *args: subprocess.run(["openssl", *args], cwd=tls, check=True, capture_output=True)
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=chartflow test CA",
            "-keyout", "ca.key", "-out", "ca.pem")
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr")
        with open(os.path.join(tls, "san.cnf"), "w") as f:
            f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
        run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.cnf", "-out", "server.pem")

    @property
    def amqp_url(self):
        return f"amqp://127.0.0.1:{self.amqp_port}/%2f"

    def env(self):
        env = dict(os.environ)
        env.update({
            "HOME": self.dir,  # the Erlang cookie lives here
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.amqp_port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "ERL_EPMD_PORT": str(self.epmd_port),
            "RABBITMQ_MNESIA_BASE": os.path.join(self.dir, "mnesia"),
            "RABBITMQ_LOG_BASE": os.path.join(self.dir, "log"),
            "RABBITMQ_CONFIG_FILE": os.path.join(self.dir, "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": os.path.join(self.dir, "enabled_plugins"),
            "RABBITMQ_PID_FILE": os.path.join(self.dir, "rabbitmq.pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
            "RABBITMQ_ALLOW_INPUT": "",
        })
        return env

    def start(self, timeout=120):
        os.makedirs(os.path.join(self.dir, "log"), exist_ok=True)
        cookie = os.path.join(self.dir, ".erlang.cookie")
        if not os.path.exists(cookie):  # a restart keeps the node's cookie (and its data)
            with open(cookie, "w") as f:
                f.write(base64.b32encode(os.urandom(20)).decode())
            os.chmod(cookie, 0o400)
        tls_conf = ""
        if self.tls:
            if not os.path.exists(self.ca_file):
                self.make_certificates()
            tls = os.path.join(self.dir, "tls")
            tls_conf = (f"listeners.ssl.1 = 127.0.0.1:{self.amqps_port}\n"
                        f"ssl_options.cacertfile = {tls}/ca.pem\nssl_options.certfile = {tls}/server.pem\n"
                        f"ssl_options.keyfile = {tls}/server.key\nssl_options.verify = verify_none\n"
                        "ssl_options.fail_if_no_peer_cert = false\n")
        with open(os.path.join(self.dir, "rabbitmq.conf"), "w") as f:
            f.write(tls_conf)
            f.write(f"listeners.tcp.1 = 127.0.0.1:{self.amqp_port}\n"
                    f"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {self.http_port}\n"
                    "log.console = false\nlog.file.level = warning\n"
                    # Queue counts in the management API within half a second, not five.
                    "collect_statistics_interval = 500\n")
        with open(os.path.join(self.dir, "enabled_plugins"), "w") as f:
            f.write("[rabbitmq_management].\n")
        # Our own epmd on our own port, so the machine's (if any) is never touched.
        subprocess.run(["epmd", "-daemon", "-address", "127.0.0.1", "-port", str(self.epmd_port)], env=self.env(), check=False)
        self.log = open(os.path.join(self.dir, "server.out"), "a")
        self.process = subprocess.Popen([SERVER], env=self.env(), stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("rabbitmq-server ended at start: " + open(os.path.join(self.dir, "server.out")).read()[-2000:])
            try:
                self.api("GET", "/api/overview")
                self.api("GET", "/api/queues")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise RuntimeError("rabbitmq-server did not start within %d s" % timeout)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        subprocess.run(["pkill", "-f", "--", f"epmd.*{self.epmd_port}"], check=False)
        subprocess.run(["pkill", "-9", "-f", self.node], check=False)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # The management HTTP API (guest may log in from 127.0.0.1).
    def api(self, method, path, body=None):
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Authorization", "Basic " + base64.b64encode(b"guest:guest").decode())
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def queues(self):
        """Queues with their counts (a queue whose counts are not yet reported is left out)."""
        return {q["name"]: q for q in self.api("GET", "/api/queues/%2f") if "messages" in q}

    def declare(self, queue, arguments=None, durable=True):
        self.api("PUT", f"/api/queues/%2f/{queue}", {"durable": durable, "arguments": arguments or {}})

    def publish(self, queue, body):
        result = self.api("POST", "/api/exchanges/%2f/amq.default/publish",
                          {"properties": {"delivery_mode": 2}, "routing_key": queue, "payload": body, "payload_encoding": "string"})
        assert result["routed"], f"no queue {queue}"

    def get(self, queue, count=100):
        return self.api("POST", f"/api/queues/%2f/{queue}/get",
                        {"count": count, "ackmode": "ack_requeue_false", "encoding": "auto"})

    def add_user(self, user, password):
        self.api("PUT", f"/api/users/{user}", {"password": password, "tags": ""})
        self.api("PUT", f"/api/permissions/%2f/{user}", {"configure": ".*", "write": ".*", "read": ".*"})

    def wait_for(self, condition, timeout=60, what="the broker"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}")
