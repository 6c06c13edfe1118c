package org.keyward.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The PEM files the HTTPS listener uses: the server certificate chain and its private key, and,
 * when Keyward made them itself, the CA certificate clients should trust ({@code VAULT_CACERT}).
 */
public record TlsFiles(Path certificate, Path privateKey, Optional<Path> caCertificate) {}
