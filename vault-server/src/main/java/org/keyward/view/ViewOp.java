package org.keyward.view;

/**
 * One step of a {@link StorageView#transaction}: write plaintext (the barrier encrypts it), delete,
 * or require an entry to be at a revision (null: absent).
 */
public sealed interface ViewOp {
  String key();

  static ViewOp put(String key, byte[] plaintext) {
    return new Put(key, plaintext.clone());
  }

  static ViewOp delete(String key) {
    return new Delete(key);
  }

  /** Requires {@code key} to still be at {@code revision}; null requires it to be absent. */
  static ViewOp expect(String key, Revision revision) {
    return new Expect(key, revision);
  }

  record Put(String key, byte[] plaintext) implements ViewOp {
    @Override
    public String toString() {
      return "Put[" + key + ", REDACTED]";
    }
  }

  record Delete(String key) implements ViewOp {}

  record Expect(String key, Revision revision) implements ViewOp {}
}
