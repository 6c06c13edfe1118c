#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go: bench/jfr-hot.py FILE.jfr [LAST_SECONDS]

Reads jdk.ExecutionSample events (jfr print --json), keeps those of the last LAST_SECONDS
(default 10, the measured part of a bench/http-bench.sh workload), and prints the share of
samples per category (see category())
and the top 15 leaf methods. A sample counts for the category of its leaf-most frame that has one,
so JDK code counts for its caller. Used for docs/benchmarks.md; categories are a reading aid only.
"""
import json
import subprocess
import sys
from collections import Counter
from datetime import datetime

CATEGORIES = [
    ("TLS record encrypt/decrypt (AES-GCM of the connection)", ("sun.security.ssl.SSLCipher",)),
    ("TLS engine other", ("sun.security.ssl.", "javax.net.ssl.", "io.netty.handler.ssl.")),
    ("transit AES-GCM (payload)", ("org.keyward.engine.transit.AeadCipher",)),
    ("JSON (Jackson, Vert.x JSON)", ("com.fasterxml.jackson.", "io.vertx.core.json.")),
    ("metrics (Micrometer)", ("io.vertx.micrometer.", "io.micrometer.")),
    ("transit other (batch, base64, key lookup)", ("org.keyward.engine.transit.",)),
    ("audit / policy / token", ("org.keyward.audit.", "org.keyward.policy.", "org.keyward.auth.")),
    ("request pipeline", ("org.keyward.http.",)),
    ("Vert.x web / HTTP codec", ("io.vertx.ext.web.", "io.vertx.core.http.", "io.netty.handler.codec.")),
    ("Netty I/O and event loop", ("io.netty.",)),
]


def category(names):
    """The category of the leaf-most frame that has one: self time by subsystem (JDK frames such
    as GHASH count for the Keyward or Netty code that called them)."""
    for name in names:
        for label, prefixes in CATEGORIES:
            if name.startswith(prefixes):
                return label
    return "other (JDK only: GC-free threads, class loading, timers)"


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def main():
    path = sys.argv[1]
    last = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                          "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    end = max(ts(e["values"]["startTime"]) for e in events)
    kept = [e for e in events if ts(e["values"]["startTime"]) >= end - last]
    cats, leaves = Counter(), Counter()
    for e in kept:
        frames = e["values"]["stackTrace"]["frames"] if e["values"]["stackTrace"] else []
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                 for f in frames]
        if names:
            leaves[names[0]] += 1
        cats[category(names)] += 1
    total = len(kept) or 1
    print(f"{len(kept)} samples in the last {last:.0f} s")
    for label, n in cats.most_common():
        print(f"{100 * n / total:5.1f} %  {label}")
    print("top leaf methods:")
    for name, n in leaves.most_common(15):
        print(f"{100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
