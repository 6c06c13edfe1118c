package org.keyward.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the policies shipped in a folder (the repository's {@code policies/}): every {@code *.hcl}
 * directly in it, named after the file. Blocking file IO: call it on a worker thread at first init,
 * then hand the result to {@link PolicyStore#loadShipped}.
 */
public final class ShippedPolicies {
  private ShippedPolicies() {}

  /** File name without {@code .hcl} to text; fails if the folder cannot be read. */
  public static Map<String, String> read(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.hcl")) {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          continue;
        }
        String file = f.getFileName().toString();
        out.put(
            file.substring(0, file.length() - ".hcl".length()),
            Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shipped policies in " + dir, e);
    }
    return out;
  }
}
