package org.keyward.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.StorageException;

class PostgresOptionsTest {
  private static final String URL = "jdbc:postgresql://db.example:5432/keyward";

  @Test
  void new_passwordInUrl_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PostgresOptions.of(URL + "?user=k&Password=hunter2", "k", none(), "keyward"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void new_badSchemaOrUrlOrPool_isRejected() {
    for (String schema : new String[] {"", "Keyward", "1abc", "a-b", "a\"b", "x".repeat(64)}) {
      assertThrows(
          IllegalArgumentException.class, () -> PostgresOptions.of(URL, "k", none(), schema));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> PostgresOptions.of("jdbc:mysql://x/y", "k", none(), "keyward"));
    assertThrows(
        IllegalArgumentException.class, () -> new PostgresOptions(URL, "k", none(), "keyward", 0));
  }

  @Test
  void table_isQuotedAndQualified() {
    assertEquals(
        "\"keyward_1\".keyward_entries", PostgresOptions.of(URL, "k", none(), "keyward_1").table());
  }

  @Test
  void fileSource_readsFirstLineWithoutNewline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "s3cr3t-value\r\nignored\n");
    PasswordSource source = PasswordSource.file(file);
    assertEquals(Optional.of("s3cr3t-value"), source.read());
    String shown = PostgresOptions.of(URL, "k", source, "keyward").toString();
    assertFalse(shown.contains("s3cr3t"), shown);
  }

  @Test
  void fileSource_emptyOrMissing_failsNamingTheFile(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path missing = dir.resolve("missing");
    for (Path file : new Path[] {empty, missing}) {
      StorageException e =
          assertThrows(StorageException.class, () -> PasswordSource.file(file).read());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  @Test
  void environmentSource_unsetVariable_failsNamingIt() {
    String variable = "KEYWARD_TEST_UNSET_" + System.nanoTime();
    StorageException e =
        assertThrows(StorageException.class, () -> PasswordSource.environment(variable).read());
    assertTrue(e.getMessage().contains(variable));
  }

  @Test
  void environmentSource_setVariable_readsIt() {
    // PATH is set wherever the tests run; reading it proves the lookup without a secret.
    assertEquals(Optional.of(System.getenv("PATH")), PasswordSource.environment("PATH").read());
  }

  private static PasswordSource none() {
    return PasswordSource.none();
  }
}
