package org.keyward.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import org.keyward.policy.ShippedPolicies;

/**
 * The policies of the repository's {@code policies/} folder as the build packed them into the
 * server (under {@code policies/} on the class path), so first init loads them wherever the server
 * runs from. Blocking: call it on a worker thread.
 */
final class BuiltInPolicies {
  private BuiltInPolicies() {}

  static Map<String, String> read() {
    URL url = BuiltInPolicies.class.getResource("/policies/admin.hcl");
    if (url == null) {
      throw new IllegalStateException("the shipped policies are missing from the class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return ShippedPolicies.read(jar.getPath("/policies"));
        }
      }
      return ShippedPolicies.read(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable class path location " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the server jar to read its policies", e);
    }
  }
}
