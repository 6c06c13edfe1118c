package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextInputTest {
  @TempDir Path dir;

  private static CliContext stdin(String text) {
    return new CliContext(
        Map.of(),
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }

  @Test
  void fields_inlineFileAndStdin_eachReadAsVaultDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("v"), "from-file\n");

    Map<String, Object> f =
        TextInput.fields(List.of("a=inline", "b=@" + file, "c=-", "d=x=y"), stdin("piped\r\n"));

    assertEquals(Map.of("a", "inline", "b", "from-file", "c", "piped", "d", "x=y"), f);
  }

  @Test
  void fields_loneDash_readsJsonObjectFromStdin() {
    Map<String, Object> f = TextInput.fields(List.of("-"), stdin("{\"n\":3,\"l\":[\"x\"]}"));

    assertEquals(Map.of("n", 3, "l", List.of("x")), f);
  }

  @Test
  void fields_argumentWithoutEquals_usageErrorNotEchoingLongValue() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> TextInput.fields(List.of("averylongsecretvaluetypedbymistake"), stdin("")));

    assertFalse(e.getMessage().contains("typedbymistake"), e.getMessage());
  }

  @Test
  void fields_stdinTwice_usageError() {
    assertThrows(UsageException.class, () -> TextInput.fields(List.of("a=-", "b=-"), stdin("x")));
  }

  @Test
  void fields_loneDashNotJsonObject_usageError() {
    assertThrows(UsageException.class, () -> TextInput.fields(List.of("-"), stdin("[1,2]")));
  }

  @Test
  void kvPath_withAndWithoutMount_splitsAsVaultKv() {
    assertEquals(new KvPath("secret", "app/db"), KvPath.of(null, "secret/app/db"));
    assertEquals(new KvPath("kv", "app/db"), KvPath.of("kv", "/app/db"));
    assertEquals(new KvPath("secret", ""), KvPath.of(null, "secret/"));
    assertThrows(UsageException.class, () -> KvPath.of(null, ""));
  }

  @Test
  void durations_vaultShapes_parsedOrUsageError() {
    assertEquals(java.time.Duration.ofHours(24), Durations.parse("24h"));
    assertEquals(java.time.Duration.ofSeconds(90), Durations.parse("90"));
    assertThrows(UsageException.class, () -> Durations.parse("soon"));
  }
}
