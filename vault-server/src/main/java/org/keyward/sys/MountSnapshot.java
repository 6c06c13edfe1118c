package org.keyward.sys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keyward.engine.MountEntry;
import org.keyward.engine.MountedBackend;
import org.keyward.http.OperationLookup.Mounted;

/**
 * One immutable state of the mount table: every mount's entry, its operations and (for backend
 * mounts) its running backend. Replaced as a whole on every change, so readers on the event loop
 * need no lock.
 */
record MountSnapshot(
    Map<String, MountEntry> entries,
    Map<String, Mounted> routes,
    Map<String, MountedBackend> backends,
    Map<String, Boolean> builtIn) {

  static final MountSnapshot EMPTY = new MountSnapshot(Map.of(), Map.of(), Map.of(), Map.of());

  MountSnapshot {
    entries = Collections.unmodifiableMap(new HashMap<>(entries));
    routes = Collections.unmodifiableMap(new HashMap<>(routes));
    backends = Collections.unmodifiableMap(new HashMap<>(backends));
    builtIn = Collections.unmodifiableMap(new HashMap<>(builtIn));
  }

  /** The mount with the longest prefix of {@code path} ending at a slash, or null. */
  Mounted find(String path) {
    for (int i = path.length() - 1; i >= 0; i--) {
      if (path.charAt(i) == '/') {
        Mounted m = routes.get(path.substring(0, i + 1));
        if (m != null) {
          return m;
        }
      }
    }
    return null;
  }

  boolean isBuiltIn(String path) {
    return builtIn.containsKey(path);
  }

  /** Mounts that sys/mounts and the mount table row list: backend mounts, in path order. */
  List<MountEntry> backendEntries() {
    List<MountEntry> out = new ArrayList<>();
    for (MountEntry e : entries.values()) {
      if (!isBuiltIn(e.path())) {
        out.add(e);
      }
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  MountSnapshot withBuiltIn(MountEntry entry, Mounted route) {
    MountSnapshot s = with(entry, route, null);
    Map<String, Boolean> b = new HashMap<>(builtIn);
    b.put(entry.path(), true);
    return new MountSnapshot(s.entries, s.routes, s.backends, b);
  }

  MountSnapshot with(MountEntry entry, Mounted route, MountedBackend backend) {
    Map<String, MountEntry> e = new HashMap<>(entries);
    Map<String, Mounted> r = new HashMap<>(routes);
    Map<String, MountedBackend> g = new HashMap<>(backends);
    e.put(entry.path(), entry);
    r.put(entry.path(), route);
    if (backend != null) {
      g.put(entry.path(), backend);
    }
    return new MountSnapshot(e, r, g, builtIn);
  }

  MountSnapshot withEntry(MountEntry entry) {
    Map<String, MountEntry> e = new HashMap<>(entries);
    e.put(entry.path(), entry);
    return new MountSnapshot(e, routes, backends, builtIn);
  }

  MountSnapshot without(String path) {
    Map<String, MountEntry> e = new HashMap<>(entries);
    Map<String, Mounted> r = new HashMap<>(routes);
    Map<String, MountedBackend> g = new HashMap<>(backends);
    e.remove(path);
    r.remove(path);
    g.remove(path);
    return new MountSnapshot(e, r, g, builtIn);
  }

  /** Only the built-in mounts (after seal: no backend mounts are served). */
  MountSnapshot builtInsOnly() {
    MountSnapshot s = this;
    for (String path : entries.keySet()) {
      if (!isBuiltIn(path)) {
        s = s.without(path);
      }
    }
    return s;
  }
}
