package io.xueliang.storage.evidence;

import io.xueliang.storage.signing.Ed25519KeyFile;
import io.xueliang.storage.signing.SigningKeyException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The server's Ed25519 key for signing evidence manifests, an {@link Ed25519KeyFile} under the storage root:
 *
 * <pre>
 *   &lt;root&gt;/keys/export-signing.key   PKCS#8 PEM "PRIVATE KEY", mode 0600 (the directory 0700)
 *   &lt;root&gt;/keys/export-signing.pub   X.509 SubjectPublicKeyInfo PEM "PUBLIC KEY", for operators and backups
 * </pre>
 *
 * A key file that exists but cannot be read or parsed is refused, never replaced: the key is what every past export
 * verifies against.
 */
public final class ExportSigningKey {
    public static final String DIRECTORY = "keys";
    public static final String NAME = "export-signing";
    public static final String PRIVATE_FILE = NAME + ".key";
    public static final String PUBLIC_FILE = NAME + ".pub";

    private final Ed25519KeyFile key;

    private ExportSigningKey(Ed25519KeyFile key) {
        this.key = key;
    }

    /**
     * The key under {@code storageRoot}, made when there is none.
     *
     * @throws SigningKeyException when a key file exists but cannot be read or used
     * @throws IOException when a new key cannot be written
     */
    public static ExportSigningKey loadOrCreate(Path storageRoot) throws IOException {
        return new ExportSigningKey(Ed25519KeyFile.loadOrCreate(storageRoot.resolve(DIRECTORY), NAME));
    }

    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** The public key as PEM, as served at {@code /api/v1/exports/key} and stored in each package. */
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    /** Hex SHA-256 of the public key's DER; see {@link io.xueliang.storage.signing.Ed25519Pem#fingerprint}. */
    public String fingerprint() {
        return key.fingerprint();
    }

    /** The 64-byte Ed25519 signature (RFC 8032) of {@code message}. */
    public byte[] sign(byte[] message) {
        return key.sign(message);
    }
}
