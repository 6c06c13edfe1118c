package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.Signature;
import org.springframework.vault.support.VaultEncryptionResult;
import org.springframework.vault.support.VaultTransitContext;
import org.springframework.vault.support.VaultTransitKey;
import org.springframework.vault.support.VaultTransitKeyConfiguration;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/** Spring Vault's {@link VaultTransitOperations}, unchanged, against the transit engine. */
class TransitSpringVaultIT extends ServedTransit {
  private VaultTransitOperations transit;

  @BeforeEach
  void connectSpringVault() {
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    transit =
        new VaultTemplate(endpoint, new TokenAuthentication(PipelineHarness.ROOT_TOKEN))
            .opsForTransit();
  }

  @Test
  void keyLifecycle_springVault_worksUnchanged() {
    transit.createKey("orders");
    assertEquals(List.of("orders"), transit.getKeys());
    String ct = transit.encrypt("orders", "hello");
    transit.rotate("orders");
    VaultTransitKey key = transit.getKey("orders");
    assertEquals(2, key.getLatestVersion());
    assertEquals("hello", transit.decrypt("orders", ct));
    assertTrue(transit.rewrap("orders", ct).startsWith("vault:v2:"));
    transit.configureKey(
        "orders", VaultTransitKeyConfiguration.builder().deletionAllowed(true).build());
    transit.deleteKey("orders");
    assertTrue(transit.getKeys().isEmpty());
  }

  @Test
  void batchAndContext_springVault_roundTrip() {
    transit.createKey(
        "serials",
        VaultTransitKeyCreationRequest.builder().derived(true).convergentEncryption(true).build());
    VaultTransitContext context = VaultTransitContext.fromContext("olt".getBytes());
    List<VaultEncryptionResult> results =
        transit.encrypt(
            "serials",
            List.of(Plaintext.of("SN-1").with(context), Plaintext.of("SN-1").with(context)));
    Ciphertext first = results.get(0).get();
    assertEquals(first.getCiphertext(), results.get(1).get().getCiphertext());
    byte[] plain = transit.decrypt("serials", first.getCiphertext(), context);
    assertEquals("SN-1", new String(plain, StandardCharsets.UTF_8));
  }

  @Test
  void signVerifyAndHmac_springVault_worksUnchanged() {
    transit.createKey("signer", VaultTransitKeyCreationRequest.ofKeyType("ed25519"));
    Plaintext message = Plaintext.of("firmware");
    Signature signature = transit.sign("signer", message);
    assertTrue(transit.verify("signer", message, signature));
    assertFalse(transit.verify("signer", Plaintext.of("other"), signature));
    assertTrue(transit.getHmac("signer", message).getHmac().startsWith("vault:v1:"));
  }
}
