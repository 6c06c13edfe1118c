package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README's configuration table documents exactly the keys ServerConfig reads. */
class ReadmeConfigTest {
  private static final Path README =
      Path.of(System.getProperty("keyward.test.dir", "target"))
          .toAbsolutePath()
          .getParent()
          .getParent()
          .resolve("README.md");

  @Test
  void readme_configurationTable_listsEveryKeyWithDefaultAndEnvVar() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int start = lines.indexOf("## Configuration");
    assertTrue(start >= 0, "README has a ## Configuration section");
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    List<String> rows =
        lines.subList(start, end).stream()
            .filter(l -> l.startsWith("| `"))
            .collect(Collectors.toList());
    for (ConfigKey k : ConfigKey.values()) {
      String row =
          rows.stream()
              .filter(l -> l.startsWith("| `" + k.key() + "` |"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("README lacks a row for " + k.key()));
      String[] cells = row.split("\\|");
      String documentedDefault = cells[2].trim();
      String expectedDefault =
          k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
      assertEquals(expectedDefault, documentedDefault, k.key());
      assertEquals("`" + k.envVar() + "`", cells[3].trim(), k.key());
    }
    Set<String> documented = rows.stream().map(l -> l.split("`")[1]).collect(Collectors.toSet());
    for (String key : documented) {
      assertTrue(ConfigKey.fromKey(key) != null, "README documents unknown key " + key);
    }
  }
}
