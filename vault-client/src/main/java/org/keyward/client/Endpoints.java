package org.keyward.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server addresses a client may use (several for an HA cluster: any node serves every request,
 * a standby forwarding to the active) and the one in use. When an address does not answer, the
 * client moves to the next one, round robin; calls already built for the dead address are moved
 * over by {@link #rebase}. Thread-safe.
 */
final class Endpoints {
  private final List<URI> addresses;
  private final AtomicInteger current = new AtomicInteger();

  Endpoints(List<URI> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("at least one address is required");
    }
    this.addresses = List.copyOf(addresses);
  }

  /** The address calls go to now. */
  URI current() {
    return addresses.get(Math.floorMod(current.get(), addresses.size()));
  }

  /** {@code used} did not answer: move on, unless another caller already did. */
  void failed(URI used) {
    int seen = current.get();
    if (addresses.size() > 1
        && addresses.get(Math.floorMod(seen, addresses.size())).equals(base(used))) {
      current.compareAndSet(seen, seen + 1);
    }
  }

  /** {@code uri} moved from the address it was built for to the current one. */
  URI rebase(URI uri) {
    URI base = base(uri);
    URI now = current();
    if (base == null || base.equals(now)) {
      return uri;
    }
    return now.resolve(base.relativize(uri));
  }

  private URI base(URI uri) {
    for (URI a : addresses) {
      if (uri.toString().startsWith(a.toString())) {
        return a;
      }
    }
    return null;
  }
}
