package org.keyward.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Blocking raw path operations; see {@link AsyncLogical}. */
public final class Logical {
  private final AsyncLogical async;

  Logical(AsyncLogical async) {
    this.async = async;
  }

  public Optional<VaultReply> read(String path) {
    return Blocking.await(async.read(path));
  }

  public VaultReply write(String path, Map<String, ?> body) {
    return Blocking.await(async.write(path, body));
  }

  public List<String> list(String path) {
    return Blocking.await(async.list(path));
  }

  public void delete(String path) {
    Blocking.await(async.delete(path));
  }
}
