package org.keyward.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The glob and {@code +} patterns of an {@link Acl}, in a trie keyed by the whole literal segments
 * before each pattern's first wildcard, so a lookup visits only the patterns that share the path's
 * leading segments instead of all of them.
 *
 * <p>Why the deepest node wins: a pattern stored at depth d that matches has its first wildcard at
 * most at the end of the path's segment d+1, while one stored at depth d+1 has it after that
 * segment's slash; by Vault's first rule (a later first wildcard wins) the deeper pattern has the
 * higher priority. Within a node, patterns are kept in {@link CompiledPath#BY_PRIORITY} order.
 * Immutable after construction.
 */
final class WildcardIndex {
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final List<CompiledPath> building = new ArrayList<>();
    CompiledPath[] rules;
  }

  private final Node root = new Node();

  WildcardIndex(List<CompiledPath> wildcards) {
    for (CompiledPath p : wildcards) {
      String literal = p.pattern.substring(0, p.firstWildcard);
      Node node = root;
      int start = 0;
      for (int slash = literal.indexOf('/'); slash >= 0; slash = literal.indexOf('/', start)) {
        node = node.children.computeIfAbsent(literal.substring(start, slash), k -> new Node());
        start = slash + 1;
      }
      node.building.add(p);
    }
    freeze(root);
  }

  private static void freeze(Node node) {
    node.building.sort(CompiledPath.BY_PRIORITY);
    node.rules = node.building.toArray(new CompiledPath[0]);
    node.building.clear();
    for (Node child : node.children.values()) {
      freeze(child);
    }
  }

  /**
   * The highest-priority pattern that matches {@code path} and that {@code held} holds, or null.
   */
  CompiledPath find(String path, Set<String> held) {
    return find(root, path, 0, held);
  }

  private static CompiledPath find(Node node, String path, int start, Set<String> held) {
    if (start <= path.length() && !node.children.isEmpty()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      Node child = node.children.get(path.substring(start, end));
      if (child != null) {
        CompiledPath deeper = find(child, path, end + 1, held);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    for (CompiledPath p : node.rules) {
      if (p.matches(path) && Acl.holdsAny(p, held)) {
        return p;
      }
    }
    return null;
  }
}
