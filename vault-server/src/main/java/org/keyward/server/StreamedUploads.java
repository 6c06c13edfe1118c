package org.keyward.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.keyward.http.RequestPipeline;

/**
 * The requests whose body the router leaves unread for the operation to stream (snapshot restores
 * and uploaded drills, far larger than the JSON body limit). The request is paused here, so nothing
 * is read before the pipeline authenticated and authorised it; once the response ends, what is left
 * unread is drained.
 */
final class StreamedUploads {
  private static final Set<String> ALWAYS =
      Set.of("/v1/sys/storage/raft/snapshot", "/v1/sys/storage/raft/snapshot-force");
  private static final String DRILL = "/v1/sys/storage/snapshot-drill";
  static final String OCTET_STREAM = "application/octet-stream";

  private StreamedUploads() {}

  /** Pauses and marks {@code ctx}'s request when its body is to be streamed; else empty. */
  static Optional<HttpServerRequest> leaveUnread(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!isStreamed(request)) {
      return Optional.empty();
    }
    request.pause();
    ctx.put(RequestPipeline.UPLOAD_KEY, request);
    ctx.addEndHandler(
        ar -> {
          if (!request.isEnded()) {
            request.resume();
          }
        });
    return Optional.of(request);
  }

  private static boolean isStreamed(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT) {
      return false;
    }
    String path = request.path();
    if (ALWAYS.contains(path)) {
      return true;
    }
    String type = request.getHeader("Content-Type");
    return path.equals(DRILL) && type != null && type.startsWith(OCTET_STREAM);
  }
}
