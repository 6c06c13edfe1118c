package org.keyward.compliance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The report as one printable HTML page: no script, no external asset (styles and SVG charts
 * inline), well-formed XML so any parser reads it. It shows what the JSON says, section by section;
 * the signed form stays the JSON, whose signature the page repeats for reference.
 */
final class HtmlReport {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;color:#222;max-width:60em}"
          + "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;margin:.5em 0;width:100%}"
          + "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
          + "pre{background:#f5f5f5;padding:.5em;white-space:pre-wrap;word-break:break-all;"
          + "font-size:.85em}.status{font-weight:bold;padding:0 .4em;border-radius:.2em;color:#fff}"
          + ".ok{background:#2e7d32}.warning{background:#ef8f00}.failing{background:#c62828}"
          + "@media print{body{margin:0}h2{page-break-after:avoid}section{page-break-inside:avoid}}";

  private HtmlReport() {}

  static String render(JsonObject signed) {
    JsonObject report = signed.getJsonObject("report");
    JsonObject server = report.getJsonObject("server", new JsonObject());
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"/><title>Keyward compliance report ")
        .append(e(report.getString("generated_at")))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
    h.append("<h1>Keyward compliance report</h1>");
    h.append("<p>Generated ")
        .append(e(report.getString("generated_at")))
        .append(" by Keyward ")
        .append(e(server.getString("version", "")))
        .append(" (build ")
        .append(e(server.getString("build_date", "")))
        .append("), cluster ")
        .append(e(server.getString("cluster_name", "")))
        .append(". Overall status: ")
        .append(badge(report.getString("status")))
        .append("</p>");
    h.append("<table><tr><th>Section</th><th>NIS2 measure</th><th>Status</th></tr>");
    for (Object o : report.getJsonArray("sections")) {
      JsonObject s = (JsonObject) o;
      h.append("<tr><td><a href=\"#")
          .append(e(s.getString("id")))
          .append("\">")
          .append(e(s.getString("title")))
          .append("</a></td><td>")
          .append(e(s.getString("measure")))
          .append("</td><td>")
          .append(badge(s.getString("status")))
          .append("</td></tr>");
    }
    h.append("</table>");
    for (Object o : report.getJsonArray("sections")) {
      section(h, (JsonObject) o);
    }
    signature(h, signed.getJsonObject("signature"));
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void section(StringBuilder h, JsonObject s) {
    JsonObject facts = s.getJsonObject("facts", new JsonObject());
    h.append("<section id=\"")
        .append(e(s.getString("id")))
        .append("\"><h2>")
        .append(e(s.getString("title")))
        .append(" <small>")
        .append(e(s.getString("measure")))
        .append("</small> ")
        .append(badge(s.getString("status")))
        .append("</h2>");
    JsonArray findings = s.getJsonArray("findings", new JsonArray());
    if (!findings.isEmpty()) {
      h.append("<table><tr><th>Status</th><th>Item</th><th>Finding</th></tr>");
      for (Object o : findings) {
        JsonObject f = (JsonObject) o;
        h.append("<tr><td>")
            .append(badge(f.getString("status")))
            .append("</td><td>")
            .append(e(f.getString("item")))
            .append("</td><td>")
            .append(e(f.getString("message")))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    JsonArray ages = facts.getJsonArray("key_ages");
    if (ages != null && !ages.isEmpty()) {
      h.append("<h3>Key age</h3><figure>").append(ReportCharts.keyAges(ages)).append("</figure>");
    }
    JsonArray expiries = facts.getJsonArray("expiries");
    if (expiries != null && !expiries.isEmpty()) {
      // Twice the longer policy window: what is due soon stays readable; later expiries sit at the
      // end of the line with their days written out.
      JsonObject policy = s.getJsonObject("policy");
      long horizon =
          2
              * Math.max(
                  policy.getLong("ca_min_remaining_days", 90L),
                  policy.getLong("certificate_warn_days", 30L));
      h.append("<h3>Certificate expiry</h3><figure>")
          .append(ReportCharts.expiries(expiries, horizon))
          .append("</figure>");
    }
    h.append("<h3>Policy</h3><pre>")
        .append(e(s.getJsonObject("policy", new JsonObject()).encodePrettily()))
        .append("</pre><h3>Facts</h3><pre>")
        .append(e(facts.encodePrettily()))
        .append("</pre></section>");
  }

  private static void signature(StringBuilder h, JsonObject sig) {
    h.append("<section id=\"signature\"><h2>Signature</h2><p>The JSON form of this report is ")
        .append("signed; check it with <code>keyward operator report verify FILE</code>.</p>");
    if (sig != null) {
      h.append("<table>");
      for (String k : new String[] {"algorithm", "key", "key_id", "value"}) {
        h.append("<tr><th>")
            .append(e(k))
            .append("</th><td><code>")
            .append(e(sig.getString(k, "")))
            .append("</code></td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>");
  }

  private static String badge(String status) {
    String s = status == null ? "ok" : status;
    return "<span class=\"status " + e(s) + "\">" + e(s.replace('_', ' ')) + "</span>";
  }

  private static String e(String s) {
    return s == null ? "" : SvgWriter.escape(s);
  }
}
