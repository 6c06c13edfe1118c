#!/usr/bin/env python3
"""Revocation benchmark (issue 16), one command: bench/revocation-bench.py

Starts its own dev server (SoftHSM2 CA key, SQLite, self-made TLS) on a free loopback port, then
measures, against that one server and in one run, over HTTPS keep-alive with WORKERS processes:

  health      GET /v1/sys/health                        (the yardstick of the run)
  ocsp        POST /v1/pki/ocsp, one certificate, no nonce: a store read and an HSM signature
  pki-sign    POST /v1/pki/sign/<role> with a fixed P-256 CSR: also one HSM signature (reference)
  login       POST /v1/auth/cert/login with a pki-issued client certificate, role without OCSP:
              the checks every cert login makes (own-PKI store look-up, uploaded CRLs)
  login+ocsp  the same, role with ocsp_enabled asking the server's own responder over HTTPS
              (one more HTTPS request and one more HSM signature per login)

Every rate is also printed as a ratio of the health rate and login+ocsp as a ratio of login, so the
figures survive a loaded machine. The server is started a second time with a trust store holding
its own TLS CA, because the cert login's OCSP client trusts only the JVM's CAs.
Environment: DURATION seconds (10), WARMUP seconds (5), WORKERS (4).
"""
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DURATION = float(os.environ.get("DURATION", "10"))
WARMUP = float(os.environ.get("WARMUP", "5"))
WORKERS = int(os.environ.get("WORKERS", "4"))
TOKEN = "bench-revocation"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_server(data, port, java_opts=""):
    env = dict(os.environ, JAVA_OPTS=java_opts)
    log = open(os.path.join(data, "server.log"), "ab")
    proc = subprocess.Popen(
        [os.path.join(ROOT, "bin", "keyward"), "server", "-dev",
         f"-dev-listen-address=127.0.0.1:{port}", f"-dev-root-token-id={TOKEN}",
         f"-data-dir={data}/dev"], stdout=log, stderr=log, env=env)
    for _ in range(480):
        if os.path.exists(os.path.join(data, "dev", "dev.env")):
            try:
                call(port, cafile(data), "GET", "/v1/sys/health")
                return proc
            except OSError:
                pass
        time.sleep(0.5)
    proc.kill()
    sys.exit("server did not start; see " + os.path.join(data, "server.log"))


def cafile(data):
    for line in open(os.path.join(data, "dev", "dev.env")):
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export "):]
        if line.startswith("VAULT_CACERT="):
            return line.split("=", 1)[1].strip().strip("'\"")
    raise SystemExit("no VAULT_CACERT in dev.env")


def context(ca, cert=None, key=None):
    ctx = ssl.create_default_context(cafile=ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    return ctx


def call(port, ca, method, path, body=None, token=TOKEN, ctype="application/json", ctx=None):
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx or context(ca), timeout=30)
    headers = {"Content-Type": ctype}
    if token:
        headers["X-Vault-Token"] = token
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    conn.request(method, path, body=data, headers=headers)
    r = conn.getresponse()
    out = r.read()
    conn.close()
    if r.status >= 300:
        raise RuntimeError(f"{method} {path}: {r.status} {out[:300]!r}")
    return json.loads(out) if out and r.getheader("Content-Type", "").startswith("application/json") else out


def worker(args):
    port, ca, cert, key, method, path, body, ctype, token, seconds, start = args
    ctx = context(ca, cert, key)
    while time.time() < start:
        time.sleep(0.001)
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    headers = {"Content-Type": ctype}
    if token:
        headers["X-Vault-Token"] = token
    done = errors = 0
    end = start + seconds
    while time.time() < end:
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            r.read()
            if r.status < 300:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    return done, errors


def measure(pool, port, ca, method, path, body=None, ctype="application/json", token=TOKEN,
            cert=None, key=None):
    rates = []
    for seconds in (WARMUP, DURATION):
        start = time.time() + 0.5
        jobs = [(port, ca, cert, key, method, path, body, ctype, token, seconds, start)] * WORKERS
        results = pool.map(worker, jobs)
        done = sum(r[0] for r in results)
        errors = sum(r[1] for r in results)
        rates.append((done / seconds, errors))
    return rates[1]


def main():
    data = tempfile.mkdtemp(prefix="keyward-revocation-bench.")
    port = free_port()
    proc = start_server(data, port)
    try:
        ca = cafile(data)
        # The server trusts its own TLS CA for the OCSP client: restart with a trust store.
        store = os.path.join(data, "trust.p12")
        subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "keyward", "-file", ca,
                        "-keystore", store, "-storetype", "PKCS12", "-storepass", "changeit"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        proc.terminate()
        proc.wait(60)
        proc = start_server(data, port, f"-Djavax.net.ssl.trustStore={store} "
                                        "-Djavax.net.ssl.trustStorePassword=changeit")
        base = f"https://127.0.0.1:{port}/v1/pki/"
        call(port, ca, "POST", "/v1/pki/roles/bench-cells",
             {"allowed_domains": ["cells.keyward.internal"], "allow_subdomains": True,
              "client_flag": True, "ttl": "24h"})
        issued = call(port, ca, "POST", "/v1/pki/issue/bench-cells",
                      {"common_name": "cell-1.cells.keyward.internal"})["data"]
        cert, key, pki_ca = (os.path.join(data, n) for n in ("cell.pem", "cell-key.pem", "pki-ca.pem"))
        open(cert, "w").write(issued["certificate"] + "\n")
        open(key, "w").write(issued["private_key"] + "\n")
        open(pki_ca, "w").write(issued["issuing_ca"] + "\n")
        req = os.path.join(data, "ocsp.req")
        subprocess.run(["openssl", "ocsp", "-issuer", pki_ca, "-cert", cert, "-no_nonce",
                        "-reqout", req], check=True, stdout=subprocess.DEVNULL)
        ocsp_body = open(req, "rb").read()
        csr = subprocess.run(["openssl", "req", "-new", "-key", key, "-subj",
                              "/CN=cell-2.cells.keyward.internal"], check=True,
                             capture_output=True, text=True).stdout
        sign_body = json.dumps({"csr": csr, "ttl": "1h"}).encode()
        call(port, ca, "POST", "/v1/sys/auth/cert", {"type": "cert"})
        for name, ocsp in (("plain", False), ("ocsp", True)):
            role = {"certificate": issued["issuing_ca"], "token_policies": ["default"],
                    "token_ttl": "5m"}
            if ocsp:
                role.update({"ocsp_enabled": True, "ocsp_servers_override": [base + "ocsp"]})
            call(port, ca, "POST", f"/v1/auth/cert/certs/{name}", role)
        pid = proc.pid
        rows = []
        with multiprocessing.Pool(WORKERS) as pool:
            rows.append(("health", measure(pool, port, ca, "GET", "/v1/sys/health", token=None)))
            rows.append(("ocsp", measure(pool, port, ca, "POST", "/v1/pki/ocsp", ocsp_body,
                                          "application/ocsp-request", None)))
            rows.append(("pki-sign", measure(pool, port, ca, "POST", "/v1/pki/sign/bench-cells",
                                              sign_body)))
            rows.append(("login", measure(pool, port, ca, "POST", "/v1/auth/cert/login",
                                           b'{"name":"plain"}', token=None, cert=cert, key=key)))
            rows.append(("login+ocsp", measure(pool, port, ca, "POST", "/v1/auth/cert/login",
                                                b'{"name":"ocsp"}', token=None, cert=cert, key=key)))
            rows.append(("health", measure(pool, port, ca, "GET", "/v1/sys/health", token=None)))
        health = rows[0][1][0]
        login = rows[3][1][0]
        print(f"{'workload':<12} {'req/s':>9} {'ratio health':>13} {'ratio login':>12} {'errors':>7}")
        for name, (rate, errors) in rows:
            print(f"{name:<12} {rate:>9.0f} {rate / health:>13.2f} "
                  f"{(rate / login if name.startswith('login') else float('nan')):>12.2f} {errors:>7}")
        print(f"{WORKERS} Python client processes, HTTPS keep-alive, {DURATION:.0f} s after "
              f"{WARMUP:.0f} s warm-up; load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores")
    finally:
        proc.terminate()
        proc.wait(60)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
