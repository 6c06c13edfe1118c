package org.keyward.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChildKeysTest {
  /** Sorted keys over a TreeSet (ASCII keys, so Java order is code point order), counting seeks. */
  private static final class CountingKeys implements ChildKeys.SortedKeys {
    final TreeSet<String> keys = new TreeSet<>();
    int seeks;

    @Override
    public List<String> from(String bound, boolean inclusive, int limit) {
      seeks++;
      NavigableSet<String> tail = keys.tailSet(bound, inclusive);
      List<String> out = new ArrayList<>();
      for (String k : tail) {
        if (out.size() == limit) {
          break;
        }
        out.add(k);
      }
      return out;
    }
  }

  @Test
  void list_bigFolder_costsOneSeekNotOnePerKey() throws Exception {
    CountingKeys source = new CountingKeys();
    for (int i = 0; i < 10_000; i++) {
      source.keys.add("m/big/" + i);
    }
    source.keys.add("m/leaf");
    source.keys.add("n/other");

    assertEquals(List.of("big/", "leaf"), ChildKeys.list("m/", source));
    // Seek to "m/", then past "m/big/" (lands on "m/leaf", ends at "n/other").
    assertEquals(2, source.seeks);
  }

  @Test
  void list_leavesBeyondOneBatch_continuesAfterLastKey() throws Exception {
    CountingKeys source = new CountingKeys();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ChildKeys.BATCH + 1; i++) {
      String name = String.format("%05d", i);
      source.keys.add("p/" + name);
      expected.add(name);
    }
    assertEquals(expected, ChildKeys.list("p/", source));
    assertEquals(2, source.seeks);
  }

  @Test
  void list_namesSortingAroundSlash_keepOrderAndNoDuplicates() throws Exception {
    CountingKeys source = new CountingKeys();
    // '.' sorts before '/', '0' after it: the folder "a/" must land between them, once.
    source.keys.addAll(List.of("a", "a.b", "a/x", "a/y/z", "a0", "b/c"));
    assertEquals(List.of("a", "a.b", "a/", "a0", "b/"), ChildKeys.list("", source));
  }

  @Test
  void scanPage_stopsAtFirstKeyOutsidePrefix() {
    assertEquals(
        List.of("s/1", "s/2"), ChildKeys.scanPage("s/", List.of("s/1", "s/2", "t", "s/3")));
  }
}
