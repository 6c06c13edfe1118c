package org.keyward.server;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/** Facts about this build that clients see. */
public final class BuildInfo {
  /** Semver reported by {@code sys/health} and {@code sys/seal-status}; bump with the project. */
  public static final String VERSION = "0.1.0";

  /**
   * Reported as {@code build_date} by {@code sys/seal-status}: when the build made this jar (UTC,
   * {@code build.properties} filled in by Maven), or {@code unknown} in a build that skipped that.
   */
  public static final String BUILD_DATE = buildDate();

  private BuildInfo() {}

  private static String buildDate() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return "unknown";
      }
      props.load(in);
    } catch (IOException e) {
      return "unknown";
    }
    String date = props.getProperty("build_date", "");
    try {
      return Instant.parse(date).toString();
    } catch (DateTimeParseException e) {
      return "unknown";
    }
  }
}
