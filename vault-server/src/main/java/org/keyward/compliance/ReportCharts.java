package org.keyward.compliance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The report's two pictures, drawn from its data: key ages against their maximum (bars, the maximum
 * as one dashed line) and certificate expiry on a timeline from today.
 */
final class ReportCharts {
  static final int WIDTH = 760;
  private static final int LABEL = 280;
  private static final int ROW = 22;
  private static final int TOP = 28;
  private static final int PLOT = WIDTH - LABEL - 30;

  private ReportCharts() {}

  static String colour(String status) {
    return switch (status) {
      case "failing" -> "#c62828";
      case "warning" -> "#ef8f00";
      default -> "#2e7d32";
    };
  }

  /** Rows {@code {item, age_days, max_age_days, status}}: one bar each, scaled to its maximum. */
  static String keyAges(JsonArray rows) {
    int height = TOP + Math.max(1, rows.size()) * ROW + 10;
    SvgWriter svg = new SvgWriter(WIDTH, height, "Key age against the maximum age of the policy");
    // The maximum age sits at two thirds of the plot, so over-age bars show how far over they are.
    double maxX = LABEL + PLOT * 2.0 / 3;
    svg.text(LABEL, 16, "0", "start", 11)
        .text(maxX, 16, "maximum age", "middle", 11)
        .text(LABEL + PLOT, 16, "1.5 x maximum", "end", 11);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      double y = TOP + i * ROW;
      long age = r.getLong("age_days");
      long max = Math.max(1, r.getLong("max_age_days"));
      double share = Math.min(1.5, (double) age / max);
      String label = shorten(r.getString("item"));
      svg.text(LABEL - 6, y + 14, label, "end", 12)
          .rect(
              LABEL,
              y + 3,
              Math.max(2, share * PLOT * 2.0 / 3),
              ROW - 6,
              colour(r.getString("status")),
              r.getString("item") + ": " + age + " of " + max + " days");
    }
    svg.line(maxX, TOP - 4, maxX, height - 4, "#333333", true);
    return svg.finish();
  }

  /**
   * Rows {@code {item, days_left, status}} placed on a line from today to {@code horizonDays};
   * anything beyond is drawn at the end, marked with its days left.
   */
  static String expiries(JsonArray rows, long horizonDays) {
    long horizon = Math.max(1, horizonDays);
    int height = TOP + Math.max(1, rows.size()) * ROW + 10;
    SvgWriter svg = new SvgWriter(WIDTH, height, "Certificate expiry timeline from today");
    svg.text(LABEL, 16, "today", "start", 11)
        .text(LABEL + PLOT, 16, "+" + horizon + " days", "end", 11)
        .line(LABEL, TOP - 4, LABEL, height - 4, "#333333", false);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      double y = TOP + i * ROW;
      long left = r.getLong("days_left");
      double x = LABEL + PLOT * Math.max(0, Math.min(1.0, (double) left / horizon));
      svg.text(LABEL - 6, y + 14, shorten(r.getString("item")), "end", 12)
          .line(LABEL, y + 10, x, y + 10, "#bbbbbb", false)
          .circle(
              x,
              y + 10,
              6,
              colour(r.getString("status")),
              r.getString("item") + ": " + left + " days left")
          .text(
              x + 70 > WIDTH ? x - 10 : x + 10,
              y + 14,
              (left > horizon ? "later: " : "") + left + " d",
              x + 70 > WIDTH ? "end" : "start",
              11);
    }
    return svg.finish();
  }

  private static String shorten(String s) {
    return s.length() <= 44 ? s : s.substring(0, 41) + "...";
  }
}
