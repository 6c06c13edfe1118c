package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * PKI (Art. 21(2)(h)): every mount's CA chain with expiry against the minimum remaining validity,
 * issued certificates expiring within the warning window, revoked certificates and the CRL's next
 * update.
 */
public final class PkiSection implements ReportSection {
  private static final long DAY = 86_400;

  private final MountFacts mounts;

  public PkiSection(MountFacts mounts) {
    this.mounts = mounts;
  }

  @Override
  public Future<Section> build(Input in) {
    return mounts.of("pki").map(pki -> section(in, pki));
  }

  private Section section(Input in, List<MountFacts.Mounted> pki) {
    KeyPolicy p = in.policy();
    long now = in.now().getEpochSecond();
    List<Finding> findings = new ArrayList<>();
    JsonArray cas = new JsonArray();
    JsonArray expiring = new JsonArray();
    JsonArray revoked = new JsonArray();
    JsonArray crls = new JsonArray();
    JsonArray chart = new JsonArray();
    int certificates = 0;
    for (MountFacts.Mounted m : pki) {
      for (Object o : m.facts().getJsonArray("cas", new JsonArray())) {
        JsonObject ca = ((JsonObject) o).copy().put("mount", m.path());
        long daysLeft = Math.floorDiv(ca.getLong("not_after") - now, DAY);
        ca.put("not_after", iso(ca.getLong("not_after"))).put("days_left", daysLeft);
        cas.add(ca);
        String item = "CA " + m.path() + " " + ca.getString("subject");
        Status s = daysLeft < p.caMinRemainingDays() ? Status.FAILING : Status.OK;
        findings.add(
            new Finding(
                "ca_certificate",
                item,
                s,
                item
                    + " expires in "
                    + daysLeft
                    + " days (minimum remaining "
                    + p.caMinRemainingDays()
                    + ")"));
        chart.add(expiryRow(item, daysLeft, s));
      }
      for (Object o : m.facts().getJsonArray("certificates", new JsonArray())) {
        JsonObject c = (JsonObject) o;
        certificates++;
        String item = m.path() + " " + c.getString("serial_number") + " " + c.getString("subject");
        long daysLeft = Math.floorDiv(c.getLong("not_after") - now, DAY);
        if (c.getLong("revocation_time", 0L) > 0) {
          revoked.add(
              new JsonObject()
                  .put("mount", m.path())
                  .put("serial_number", c.getString("serial_number"))
                  .put("subject", c.getString("subject"))
                  .put("revoked_at", iso(c.getLong("revocation_time"))));
          continue;
        }
        if (c.getLong("not_after") > now && daysLeft < p.certificateWarnDays()) {
          expiring.add(
              new JsonObject()
                  .put("mount", m.path())
                  .put("serial_number", c.getString("serial_number"))
                  .put("subject", c.getString("subject"))
                  .put("not_after", iso(c.getLong("not_after")))
                  .put("days_left", daysLeft));
          findings.add(
              new Finding(
                  "certificate",
                  item,
                  Status.WARNING,
                  "certificate " + item + " expires in " + daysLeft + " days"));
          chart.add(expiryRow(item, daysLeft, Status.WARNING));
        }
      }
      long next = m.facts().getLong("crl_next_update", 0L);
      crls.add(
          new JsonObject().put("mount", m.path()).put("next_update", next == 0 ? null : iso(next)));
      if (next != 0 && next < now) {
        findings.add(
            new Finding(
                "crl",
                "CRL " + m.path(),
                Status.FAILING,
                "CRL of " + m.path() + " is past its next update"));
      }
    }
    JsonObject facts =
        new JsonObject()
            .put("cas", cas)
            .put("certificates", certificates)
            .put("expiring", expiring)
            .put("revoked", revoked)
            .put("crls", crls)
            .put("expiries", chart);
    JsonObject policy =
        new JsonObject()
            .put("ca_min_remaining_days", p.caMinRemainingDays())
            .put("certificate_warn_days", p.certificateWarnDays());
    return new Section("pki", "PKI", "Art. 21(2)(h)", facts, policy, findings);
  }

  private static JsonObject expiryRow(String item, long daysLeft, Status s) {
    return new JsonObject().put("item", item).put("days_left", daysLeft).put("status", s.wire());
  }

  private static String iso(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds).toString();
  }
}
