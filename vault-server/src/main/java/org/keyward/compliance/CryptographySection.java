package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keyward.barrier.KeyAdmin;
import org.keyward.barrier.ReencryptProgress;
import org.keyward.barrier.Reencryption;

/**
 * Art. 21(2)(h), cryptography: the HSM KEK versions with their dates, the keyring's term, age and
 * GCM encryption count against the 2^32 random-nonce bound, whether entries remain under older
 * keyring terms, and every transit key's type, custody, versions and age.
 */
public final class CryptographySection implements ReportSection {
  /** NIST SP 800-38D, 8.3: at most 2^32 encryptions per key with random 96-bit nonces. */
  static final long GCM_LIMIT = 1L << 32;

  private final KeyAdmin keys;
  private final Reencryption reencryption;
  private final ComplianceStore store;
  private final MountFacts mounts;

  public CryptographySection(
      KeyAdmin keys, Reencryption reencryption, ComplianceStore store, MountFacts mounts) {
    this.keys = keys;
    this.reencryption = reencryption;
    this.store = store;
    this.mounts = mounts;
  }

  @Override
  public Future<Section> build(Input in) {
    KeyAdmin.KeyStatus keyring;
    try {
      keyring = keys.keyStatus();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<KeyAdmin.KekStatus> kek = keys.kekStatus();
    Future<Map<Integer, ComplianceStore.KekDate>> dates =
        kek.compose(k -> store.kekDates(k.versions(), in.now(), false));
    Future<ReencryptProgress> progress = reencryption.status();
    Future<List<MountFacts.Mounted>> transit = mounts.of("transit");
    return Future.all(dates, progress, transit)
        .map(
            all ->
                section(
                    in,
                    keyring,
                    kek.result(),
                    dates.result(),
                    progress.result(),
                    transit.result()));
  }

  private Section section(
      Input in,
      KeyAdmin.KeyStatus keyring,
      KeyAdmin.KekStatus kek,
      Map<Integer, ComplianceStore.KekDate> dates,
      ReencryptProgress progress,
      List<MountFacts.Mounted> transit) {
    KeyPolicy p = in.policy();
    List<Finding> findings = new ArrayList<>();
    JsonArray chart = new JsonArray();

    JsonArray kekVersions = new JsonArray();
    for (int v : kek.versions()) {
      ComplianceStore.KekDate d = dates.get(v);
      kekVersions.add(
          new JsonObject()
              .put("version", v)
              .put("in_use", v == kek.inUse())
              .put(
                  d != null && d.created() ? "created_at" : "first_seen_at",
                  d == null ? null : d.at().toString()));
    }
    ComplianceStore.KekDate inUse = dates.get(kek.inUse());
    if (inUse != null) {
      long age = Ages.days(inUse.at(), in.now());
      String item = "KEK version " + kek.inUse();
      findings.add(Ages.ageFinding("kek", item, age, p.kekMaxAgeDays()));
      chart.add(Ages.chartRow(item, age, p.kekMaxAgeDays()));
    }

    long keyringAge = Ages.days(keyring.installTime(), in.now());
    String keyringItem = "keyring term " + keyring.term();
    findings.add(Ages.ageFinding("keyring", keyringItem, keyringAge, p.keyringMaxAgeDays()));
    chart.add(Ages.chartRow(keyringItem, keyringAge, p.keyringMaxAgeDays()));
    findings.add(gcmFinding(keyringItem, keyring.encryptions()));
    findings.add(reencryptionFinding(keyring.term(), progress));

    JsonArray transitKeys = new JsonArray();
    for (MountFacts.Mounted m : transit) {
      for (Object o : m.facts().getJsonArray("keys", new JsonArray())) {
        JsonObject k = ((JsonObject) o).copy().put("mount", m.path());
        String item = m.path() + k.getString("name");
        k.put("item", item);
        transitKeys.add(k);
        int max = p.transitMaxAgeDays(k.getString("name"));
        long age = Ages.days(Instant.ofEpochSecond(k.getLong("latest_version_created")), in.now());
        findings.add(Ages.ageFinding("transit_key", item, age, max));
        chart.add(Ages.chartRow(item, age, max));
        if (k.getBoolean("exportable", false) || k.getBoolean("allow_plaintext_backup", false)) {
          findings.add(
              new Finding(
                  "transit_key",
                  item,
                  Status.WARNING,
                  item + " can leave the vault (exportable or plaintext backup allowed)"));
        }
      }
    }

    JsonObject facts =
        new JsonObject()
            .put("kek", new JsonObject().put("in_use", kek.inUse()).put("versions", kekVersions))
            .put(
                "keyring",
                new JsonObject()
                    .put("term", keyring.term())
                    .put("install_time", keyring.installTime().toString())
                    .put("age_days", keyringAge)
                    .put("encryptions", keyring.encryptions())
                    .put("encryption_limit", GCM_LIMIT))
            .put(
                "reencryption",
                new JsonObject()
                    .put("state", progress.state())
                    .put("target_term", progress.targetTerm())
                    .put("remaining", progress.remaining())
                    .put("failed", progress.failed()))
            .put("transit_keys", transitKeys)
            .put("key_ages", chart);
    JsonObject policy =
        new JsonObject()
            .put("keyring_max_age_days", p.keyringMaxAgeDays())
            .put("kek_max_age_days", p.kekMaxAgeDays())
            .put("transit_max_age_days", p.transitMaxAgeDays())
            .put(
                "transit_max_age_by_pattern",
                p.toJson().getJsonObject("transit_max_age_by_pattern"))
            .put("gcm_encryption_limit", GCM_LIMIT);
    return new Section(
        "cryptography", "Cryptography and encryption", "Art. 21(2)(h)", facts, policy, findings);
  }

  static Finding gcmFinding(String item, long encryptions) {
    // Keyward rotates the keyring on its own at half the bound; past it something is wrong.
    Status s =
        encryptions >= GCM_LIMIT
            ? Status.FAILING
            : encryptions >= GCM_LIMIT / 2 ? Status.WARNING : Status.OK;
    return new Finding(
        "keyring_encryptions",
        item,
        s,
        item + " has made " + encryptions + " of at most " + GCM_LIMIT + " GCM encryptions");
  }

  static Finding reencryptionFinding(int primaryTerm, ReencryptProgress p) {
    String item = "entries under retired keyring terms";
    if (primaryTerm == 1) {
      return new Finding(
          "reencryption", item, Status.OK, "0 entries under retired keys (one term)");
    }
    if (p.state().equals("done") && p.targetTerm() == primaryTerm && p.remaining() == 0) {
      return new Finding("reencryption", item, Status.OK, "0 entries under retired keys");
    }
    if (p.running()) {
      return new Finding(
          "reencryption",
          item,
          Status.WARNING,
          "re-encryption running, " + p.remaining() + " left");
    }
    return new Finding(
        "reencryption",
        item,
        Status.WARNING,
        "entries may remain under keyring terms before " + primaryTerm + "; run sys/reencrypt");
  }
}
