package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  private static ServerConfig load(
      Path file, Map<String, String> env, Map<ConfigKey, String> flags) {
    return ServerConfig.load(file, Map.of(), env, flags);
  }

  private Path file(String content) throws IOException {
    Path f = dir.resolve("keyward.conf");
    Files.writeString(f, content);
    return f;
  }

  private static String failure(Path file, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> load(file, env, Map.of())).getMessage();
  }

  @Test
  void load_noFileNoEnv_usesEveryDefault() {
    ServerConfig c = load(null, Map.of(), Map.of());
    assertEquals(new ListenAddress("127.0.0.1", 8200), c.listenAddress());
    assertEquals(Path.of("./keyward-data"), c.dataDir());
    assertEquals("keyward", c.clusterName());
    assertEquals(1024 * 1024, c.maxRequestSize());
    assertEquals(Optional.empty(), c.tlsCertFile());
    assertEquals(ServerConfig.StorageKind.SQLITE, c.storage());
    assertEquals(Path.of("./keyward-data/keyward.db"), c.storagePath());
    assertEquals(Path.of("/usr/lib/softhsm/libsofthsm2.so"), c.hsmLibrary());
    assertEquals("keyward", c.hsmTokenLabel());
    assertEquals(4, c.hsmSessions());
    assertFalse(c.insecureSoftwareKeys());
    assertEquals(Optional.empty(), c.tlsEngine());
  }

  @Test
  void load_file_overridesDefaults() throws IOException {
    Path f =
        file(
            "# a comment\n"
                + "listen_address = 0.0.0.0:8443\n"
                + "data_dir = /var/lib/keyward\n"
                + "cluster_name = core-1\n"
                + "max_request_size = 2048\n"
                + "storage = postgresql\n"
                + "postgres_url = jdbc:postgresql://db/keyward\n"
                + "hsm_sessions = 8\n"
                + "insecure_software_keys = true\n");
    ServerConfig c = load(f, Map.of(), Map.of());
    assertEquals(new ListenAddress("0.0.0.0", 8443), c.listenAddress());
    assertEquals(Path.of("/var/lib/keyward/keyward.db"), c.storagePath());
    assertEquals("core-1", c.clusterName());
    assertEquals(2048, c.maxRequestSize());
    assertEquals(ServerConfig.StorageKind.POSTGRESQL, c.storage());
    assertEquals("jdbc:postgresql://db/keyward", c.postgresUrl());
    assertEquals(8, c.hsmSessions());
    assertTrue(c.insecureSoftwareKeys());
  }

  @Test
  void load_envAndFlags_overrideFileInThatOrder() throws IOException {
    Path f = file("cluster_name = from-file\nhsm_token_label = file-label\ndata_dir = /file\n");
    ServerConfig c =
        load(
            f,
            Map.of("KEYWARD_CLUSTER_NAME", "from-env", "KEYWARD_DATA_DIR", "/env"),
            Map.of(ConfigKey.DATA_DIR, "/flag"));
    assertEquals("from-env", c.clusterName());
    assertEquals("file-label", c.hsmTokenLabel());
    assertEquals(Path.of("/flag"), c.dataDir());
  }

  @Test
  void load_modeDefaults_sitBelowEnvironment() {
    Map<ConfigKey, String> dev = Map.of(ConfigKey.DATA_DIR, "./keyward-dev");
    assertEquals(
        Path.of("./keyward-dev"), ServerConfig.load(null, dev, Map.of(), Map.of()).dataDir());
    assertEquals(
        Path.of("/env"),
        ServerConfig.load(null, dev, Map.of("KEYWARD_DATA_DIR", "/env"), Map.of()).dataDir());
  }

  @Test
  void load_everyKey_hasAnEnvironmentOverride() {
    for (ConfigKey k : ConfigKey.values()) {
      assertEquals("KEYWARD_" + k.key().toUpperCase(java.util.Locale.ROOT), k.envVar());
    }
    ServerConfig c = load(null, Map.of("KEYWARD_HSM_SESSIONS", "16"), Map.of());
    assertEquals(16, c.hsmSessions());
  }

  @Test
  void load_unknownKey_failsNamingIt() throws IOException {
    String msg = failure(file("listen_adress = 127.0.0.1:1\n"), Map.of());
    assertTrue(msg.contains("unknown key 'listen_adress'"), msg);
  }

  @Test
  void load_badValues_failNamingKeyAndSource() throws IOException {
    assertTrue(
        failure(null, Map.of("KEYWARD_LISTEN_ADDRESS", "localhost"))
            .startsWith("listen_address (from environment variable KEYWARD_LISTEN_ADDRESS)"));
    assertTrue(failure(file("max_request_size = 0\n"), Map.of()).contains("max_request_size"));
    assertTrue(failure(file("max_request_size = 1MB\n"), Map.of()).contains("whole number"));
    assertTrue(failure(file("storage = mysql\n"), Map.of()).contains("sqlite or postgresql"));
    assertTrue(failure(file("storage = postgresql\n"), Map.of()).contains("postgres_url"));
    assertTrue(failure(file("hsm_sessions = 0\n"), Map.of()).contains("hsm_sessions"));
    assertTrue(failure(file("insecure_software_keys = yes\n"), Map.of()).contains("true or false"));
    assertTrue(failure(file("cluster_name =\n"), Map.of()).contains("must not be empty"));
    assertTrue(failure(file("listen_address = h:70000\n"), Map.of()).contains("0-65535"));
  }

  @Test
  void load_tlsEngine_takesOpensslOrJdkOnly() throws IOException {
    assertEquals(
        Optional.of(TlsEngine.JDK),
        load(file("tls_engine = jdk\n"), Map.of(), Map.of()).tlsEngine());
    assertEquals(
        Optional.of(TlsEngine.OPENSSL),
        load(null, Map.of("KEYWARD_TLS_ENGINE", "openssl"), Map.of()).tlsEngine());
    String msg = failure(file("tls_engine = boringssl\n"), Map.of());
    assertTrue(msg.startsWith("tls_engine (from config file "), msg);
    assertTrue(msg.endsWith("expected openssl or jdk, got 'boringssl'"), msg);
  }

  @Test
  void load_tlsCertWithoutKey_fails() throws IOException {
    String msg = failure(file("tls_cert_file = /etc/keyward/cert.pem\n"), Map.of());
    assertTrue(msg.contains("tls_cert_file and tls_key_file"), msg);
  }

  @Test
  void load_missingFile_failsNamingIt() {
    String msg = failure(dir.resolve("absent.conf"), Map.of());
    assertTrue(msg.endsWith("absent.conf does not exist"), msg);
  }

  @Test
  void listenAddress_ipv6_parsesAndFormats() {
    ListenAddress a = ListenAddress.parse("[::1]:8200");
    assertEquals("::1", a.host());
    assertEquals("https://[::1]:9000", a.httpsUrl(9000));
    assertEquals("https://127.0.0.1:1", ListenAddress.parse("0.0.0.0:1").httpsUrl(1));
  }

  @Test
  void readHsmPin_envWinsOverFile() throws IOException {
    Path pin = dir.resolve("pin");
    Files.writeString(pin, "from-file\n");
    ServerConfig c = load(null, Map.of("KEYWARD_HSM_PIN_FILE", pin.toString()), Map.of());
    assertArrayEquals("from-file".toCharArray(), c.readHsmPin(Map.of()));
    assertArrayEquals(
        "from-env".toCharArray(), c.readHsmPin(Map.of(ServerConfig.HSM_PIN_ENV, "from-env")));
  }

  @Test
  void readHsmPin_noSource_failsWithoutPin() {
    ServerConfig c = load(null, Map.of(), Map.of());
    String msg = assertThrows(ConfigException.class, () -> c.readHsmPin(Map.of())).getMessage();
    assertTrue(msg.contains("KEYWARD_HSM_PIN"), msg);
  }

  private static final String PG = "storage = postgresql\npostgres_url = jdbc:postgresql://db/k\n";

  @Test
  void load_haSettings_resolvedWhenConsistent() throws IOException {
    ServerConfig c =
        load(
            file(PG + "ha_enabled = true\napi_addr = https://10.0.0.5:8200\nnode_id = node-a\n"),
            Map.of(),
            Map.of());
    assertTrue(c.ha().enabled());
    assertEquals("https://10.0.0.5:8200", c.ha().apiAddr());
    assertEquals(Optional.of("node-a"), c.ha().nodeId());
    assertEquals(ServerConfig.HaSettings.OFF, load(null, Map.of(), Map.of()).ha());
  }

  @Test
  void load_haContradictions_failNamingTheKey() throws IOException {
    String sqlite = failure(file("ha_enabled = true\napi_addr = https://a:8200\n"), Map.of());
    assertTrue(sqlite.startsWith("ha_enabled") && sqlite.contains("postgresql"), sqlite);
    String noAddr = failure(file(PG + "ha_enabled = true\n"), Map.of());
    assertTrue(noAddr.startsWith("api_addr") && noAddr.contains("required"), noAddr);
    for (String bad : new String[] {"http://a:8200", "https://a", "https://a:8200/v1", "a:8200"}) {
      String msg = failure(file(PG + "ha_enabled = true\napi_addr = " + bad + "\n"), Map.of());
      assertTrue(msg.startsWith("api_addr"), msg);
    }
    String nodeId =
        failure(file(PG + "ha_enabled = true\napi_addr = https://a:1\nnode_id = a b\n"), Map.of());
    assertTrue(nodeId.startsWith("node_id"), nodeId);
    String withoutHa = failure(file("node_id = a\n"), Map.of());
    assertTrue(withoutHa.startsWith("node_id") && withoutHa.contains("ha_enabled"), withoutHa);
    String caWithoutHa = failure(file("ha_tls_ca_file = /x.pem\n"), Map.of());
    assertTrue(caWithoutHa.startsWith("ha_tls_ca_file"), caWithoutHa);
  }
}
