package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.OperationLookup.Mounted;

class FixedOperationLookupTest {
  private final FixedOperationLookup lookup =
      new FixedOperationLookup(
          List.of(
              new Mounted("secret/", "kv", List.of()),
              new Mounted("secret/team/", "kv", List.of()),
              new Mounted("sys/", "system", List.of())));

  @Test
  void find_nestedMounts_picksLongestPrefix() {
    assertEquals("secret/team/", lookup.find("secret/team/data/x").mountPath());
    assertEquals("secret/", lookup.find("secret/data/x").mountPath());
    assertEquals("sys/", lookup.find("sys").mountPath());
  }

  @Test
  void find_noMount_returnsNull() {
    assertNull(lookup.find("secrets/x"));
    assertNull(lookup.find(""));
  }

  @Test
  void construct_mountWithoutSlash_fails() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FixedOperationLookup(List.of(new Mounted("sys", "system", List.of()))));
  }
}
