package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.engine.BackendContext;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.DrillCheck;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;
import org.keyward.http.Operation.Flag;

/**
 * Vault's transit engine: named keys and encryption as a service. Lists every path it serves here;
 * the routes classes do the work. Keys of type {@code hsm-aes256-gcm} live in the HSM and go
 * through the {@link AeadKeyCustody}; every other type is a software key cached in memory.
 */
public final class TransitEngine implements MountedBackend, ComplianceFacts, DrillCheck {
  /** Rotate a version well before GCM's 2^32 random-nonce bound. */
  static final long DEFAULT_ROTATE_AFTER_ENCRYPTIONS = 1L << 31;

  static final long DEFAULT_CHECK_INTERVAL_MS = 60_000;

  private final Vertx vertx;
  private final TransitKeyStore store;
  private final AutoRotation autoRotation;
  private final long checkIntervalMs;
  private final TransitKeyRoutes keys;
  private final TransitCryptoRoutes crypto;
  private final TransitSignRoutes signing;
  private final TransitBackupRoutes backups;
  private final TransitDrill drill;
  private final TransitUtilityRoutes utility = new TransitUtilityRoutes();
  private final AtomicBoolean upkeepRunning = new AtomicBoolean();
  private long timerId = -1;

  public TransitEngine(BackendContext context, AeadKeyCustody custody) {
    this(
        context,
        Clock.systemUTC(),
        DEFAULT_ROTATE_AFTER_ENCRYPTIONS,
        DEFAULT_CHECK_INTERVAL_MS,
        custody);
  }

  TransitEngine(
      BackendContext context, Clock clock, long rotateAfterEncryptions, long checkIntervalMs) {
    this(context, clock, rotateAfterEncryptions, checkIntervalMs, AeadKeyCustody.NONE);
  }

  TransitEngine(
      BackendContext context,
      Clock clock,
      long rotateAfterEncryptions,
      long checkIntervalMs,
      AeadKeyCustody custody) {
    this.vertx = context.vertx();
    this.store =
        new TransitKeyStore(
            context.storage(),
            vertx,
            clock,
            rotateAfterEncryptions,
            custody,
            new HsmKeyIds(context.mount().uuid()));
    this.autoRotation = new AutoRotation(store, clock);
    this.checkIntervalMs = checkIntervalMs;
    this.keys = new TransitKeyRoutes(store);
    this.crypto =
        new TransitCryptoRoutes(
            store, vertx, new TransitHsmCrypto(store, custody), new TransitRsaCrypto(vertx));
    this.signing = new TransitSignRoutes(store, vertx);
    this.backups = new TransitBackupRoutes(store);
    this.drill = new TransitDrill(store, custody, vertx);
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.list("keys", TransitKeyRoutes::none, keys::list).with(Flag.NO_EFFECTS),
        Operation.write("keys/:name", TransitKeyRoutes.CreateKeyRequest::from, keys::create),
        Operation.read("keys/:name", TransitKeyRoutes.NamedKey::from, keys::read)
            .with(Flag.NO_EFFECTS),
        Operation.delete("keys/:name", TransitKeyRoutes.NamedKey::from, keys::delete),
        Operation.write("keys/:name/config", TransitKeyConfig::from, keys::config),
        Operation.write("keys/:name/rotate", TransitKeyRoutes.NamedKey::from, keys::rotate),
        Operation.write("keys/:name/trim", TransitKeyRoutes.TrimRequest::from, keys::trim),
        Operation.read(
            "export/:type/:name", TransitBackupRoutes.ExportRequest::from, backups::export),
        Operation.read(
            "export/:type/:name/:version",
            TransitBackupRoutes.ExportRequest::from,
            backups::export),
        Operation.read("backup/:name", TransitKeyRoutes.NamedKey::from, backups::backup),
        Operation.write("restore", TransitBackupRoutes.RestoreRequest::from, backups::restore),
        Operation.write(
            "restore/:name", TransitBackupRoutes.RestoreRequest::from, backups::restore),
        Operation.write("encrypt/:name", BatchRequest::from, crypto::encrypt)
            .checkingExistence(crypto::keyExists),
        Operation.write("decrypt/:name", BatchRequest::from, crypto::decrypt),
        Operation.write("rewrap/:name", BatchRequest::from, crypto::rewrap),
        Operation.write(
            "datakey/:kind/:name", TransitCryptoRoutes.DataKeyRequest::from, crypto::datakey),
        Operation.write("sign/:name", TransitSignRoutes.SignRequest::from, signing::sign),
        Operation.write(
            "sign/:name/:algorithm", TransitSignRoutes.SignRequest::from, signing::sign),
        Operation.write("verify/:name", TransitSignRoutes.SignRequest::from, signing::verify),
        Operation.write(
            "verify/:name/:algorithm", TransitSignRoutes.SignRequest::from, signing::verify),
        Operation.write("hmac/:name", TransitSignRoutes.SignRequest::from, signing::hmac),
        Operation.write(
            "hmac/:name/:algorithm", TransitSignRoutes.SignRequest::from, signing::hmac),
        Operation.write("random", TransitUtilityRoutes.RandomRequest::from, utility::random),
        Operation.write("random/:bytes", TransitUtilityRoutes.RandomRequest::from, utility::random),
        Operation.write("hash", TransitUtilityRoutes.HashRequest::from, utility::hash),
        Operation.write("hash/:algorithm", TransitUtilityRoutes.HashRequest::from, utility::hash));
  }

  /** Starts the auto-rotation and counter-persisting timer. */
  @Override
  public Future<Void> start() {
    if (timerId < 0) {
      // A pass slower than the interval (many keys, slow storage) must not overlap the next.
      timerId =
          vertx.setPeriodic(
              checkIntervalMs,
              id -> {
                if (upkeepRunning.compareAndSet(false, true)) {
                  autoRotation.runOnce().onComplete(done -> upkeepRunning.set(false));
                }
              });
    }
    return Future.succeededFuture();
  }

  @Override
  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** For tests: one upkeep pass now. */
  Future<Void> runUpkeep() {
    return autoRotation.runOnce();
  }

  /** Every key's type, custody, versions and newest version's age, for the compliance report. */
  @Override
  public Future<JsonObject> complianceFacts() {
    return TransitComplianceFacts.of(store);
  }

  @Override
  public Future<List<Checked>> drill() {
    return drill.run();
  }
}
