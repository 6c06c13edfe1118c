package org.keyward.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * A JSON object that writes itself to a Jackson generator, for answers too large to build as a tree
 * cheaply (a transit batch of thousands of items: a map per item, then a serializer walking them,
 * cost more than the cryptography). {@link #toJson()} gives the same content as a tree, for the
 * audit log and tests; both must describe the same object, field for field and in the same order.
 * Implementations are immutable and may be written from any thread.
 */
public interface StreamedJson {
  /** Writes the whole object, braces included. */
  void write(JsonGenerator out) throws IOException;

  /** The same object as a tree, built on demand. */
  JsonObject toJson();

  /** About how many bytes {@link #write} produces, to size the output once; 0 when unknown. */
  int sizeHint();
}
