package io.xueliang.storage.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The server's Ed25519 key for signing evidence manifests. Made on first use under the storage root and kept:
 *
 * <pre>
 *   &lt;root&gt;/keys/export-signing.key   PKCS#8 PEM "PRIVATE KEY", mode 0600 (the directory 0700)
 *   &lt;root&gt;/keys/export-signing.pub   X.509 SubjectPublicKeyInfo PEM "PUBLIC KEY", for operators and backups
 * </pre>
 *
 * The public half is always derived from the private half; a {@code .pub} that is missing is written again, one that
 * differs is refused. A key file that exists but cannot be read or parsed is refused, never replaced: the key is what
 * every past export verifies against.
 */
public final class ExportSigningKey {
    public static final String DIRECTORY = "keys";
    public static final String PRIVATE_FILE = "export-signing.key";
    public static final String PUBLIC_FILE = "export-signing.pub";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String fingerprint;

    private ExportSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = Ed25519Pem.fingerprint(publicKey);
    }

    /**
     * The key under {@code storageRoot}, made when there is none.
     *
     * @throws SigningKeyException when a key file exists but cannot be read or used
     * @throws IOException when a new key cannot be written
     */
    public static ExportSigningKey loadOrCreate(Path storageRoot) throws IOException {
        Path dir = storageRoot.resolve(DIRECTORY);
        Path keyFile = dir.resolve(PRIVATE_FILE);
        // notExists, not !exists: when the answer is unknown (no permission on the directory) nothing is made.
        if (Files.notExists(keyFile)) {
            create(dir, keyFile);
        }
        PrivateKey privateKey;
        try {
            privateKey = Ed25519Pem.decodePrivate(Ed25519Pem.read(keyFile));
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(keyFile, "not an Ed25519 private key in PKCS#8 PEM (" + e.getMessage()
                    + "); refusing to replace it: restore it from a backup, or move it away to make a new key,"
                    + " after which earlier exports verify only against the old public key");
        }
        PublicKey publicKey = Ed25519Pem.publicOf(privateKey);
        Path pubFile = dir.resolve(PUBLIC_FILE);
        if (Files.notExists(pubFile)) {
            writeAtomically(pubFile, Ed25519Pem.encodePublic(publicKey), "rw-r--r--");
        } else {
            PublicKey stored;
            try {
                stored = Ed25519Pem.decodePublic(Ed25519Pem.read(pubFile));
            } catch (IllegalArgumentException e) {
                throw new SigningKeyException(pubFile, "not an Ed25519 public key in PEM (" + e.getMessage()
                        + "); remove it and it is written again from " + PRIVATE_FILE);
            }
            if (!java.util.Arrays.equals(stored.getEncoded(), publicKey.getEncoded())) {
                throw new SigningKeyException(pubFile, "does not belong to " + keyFile + " (fingerprint "
                        + Ed25519Pem.fingerprint(stored) + ", the private key's is " + Ed25519Pem.fingerprint(publicKey)
                        + "); remove it and it is written again from " + PRIVATE_FILE);
            }
        }
        return new ExportSigningKey(privateKey, publicKey);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM, as served at {@code /api/v1/exports/key} and stored in each package. */
    public String publicKeyPem() {
        return Ed25519Pem.encodePublic(publicKey);
    }

    /** Hex SHA-256 of the public key's DER; see {@link Ed25519Pem#fingerprint}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The 64-byte Ed25519 signature (RFC 8032) of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed with a key that loaded", e);
        }
    }

    private static void create(Path dir, Path keyFile) throws IOException {
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform since 15 has Ed25519", e);
        }
        Path tmp = Files.createTempFile(dir, ".export-signing-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Ed25519Pem.encodePrivate(pair.getPrivate()), StandardCharsets.US_ASCII);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            // A hard link appears whole or not at all and, unlike rename, never replaces a key another process made.
            Files.createLink(keyFile, tmp);
        } catch (FileAlreadyExistsException e) {
            // Another process made one first: theirs is the key.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeAtomically(Path file, String text, String mode) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".export-signing-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
