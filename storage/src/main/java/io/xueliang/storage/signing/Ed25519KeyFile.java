package io.xueliang.storage.signing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * An Ed25519 key kept in a pair of files, made on first use and kept:
 *
 * <pre>
 *   &lt;dir&gt;/&lt;name&gt;.key   PKCS#8 PEM "PRIVATE KEY", mode 0600 (the directory 0700)
 *   &lt;dir&gt;/&lt;name&gt;.pub   X.509 SubjectPublicKeyInfo PEM "PUBLIC KEY", for operators and backups
 * </pre>
 *
 * The public half is always derived from the private half; a {@code .pub} that is missing is written again, one that
 * differs is refused. A key file that exists but cannot be read or parsed is refused, never replaced: the key is what
 * everything it signed verifies against.
 */
public final class Ed25519KeyFile {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String fingerprint;

    private Ed25519KeyFile(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = Ed25519Pem.fingerprint(publicKey);
    }

    /** The private key file of {@code name} in {@code dir}. */
    public static Path privateFile(Path dir, String name) {
        return dir.resolve(name + ".key");
    }

    /** The public key file of {@code name} in {@code dir}. */
    public static Path publicFile(Path dir, String name) {
        return dir.resolve(name + ".pub");
    }

    /**
     * The key {@code name} in {@code dir}, made when there is none.
     *
     * @throws SigningKeyException when a key file exists but cannot be read or used
     * @throws IOException when a new key cannot be written
     */
    public static Ed25519KeyFile loadOrCreate(Path dir, String name) throws IOException {
        Path keyFile = privateFile(dir, name);
        // notExists, not !exists: when the answer is unknown (no permission on the directory) nothing is made.
        if (Files.notExists(keyFile)) {
            create(dir, keyFile, name);
        }
        PrivateKey privateKey;
        try {
            privateKey = Ed25519Pem.decodePrivate(Ed25519Pem.read(keyFile));
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(keyFile, "not an Ed25519 private key in PKCS#8 PEM (" + e.getMessage()
                    + "); refusing to replace it: restore it from a backup, or move it away to make a new key,"
                    + " after which what the old key signed verifies only against the old public key");
        }
        PublicKey publicKey = Ed25519Pem.publicOf(privateKey);
        Path pubFile = publicFile(dir, name);
        if (Files.notExists(pubFile)) {
            writeAtomically(pubFile, Ed25519Pem.encodePublic(publicKey), name);
        } else {
            PublicKey stored;
            try {
                stored = Ed25519Pem.decodePublic(Ed25519Pem.read(pubFile));
            } catch (IllegalArgumentException e) {
                throw new SigningKeyException(pubFile, "not an Ed25519 public key in PEM (" + e.getMessage()
                        + "); remove it and it is written again from " + keyFile.getFileName());
            }
            if (!Arrays.equals(stored.getEncoded(), publicKey.getEncoded())) {
                throw new SigningKeyException(pubFile, "does not belong to " + keyFile + " (fingerprint "
                        + Ed25519Pem.fingerprint(stored) + ", the private key's is " + Ed25519Pem.fingerprint(publicKey)
                        + "); remove it and it is written again from " + keyFile.getFileName());
            }
        }
        return new Ed25519KeyFile(privateKey, publicKey);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

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

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code message}; a malformed one is not. */
    public static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable", e);
        }
    }

    private static void create(Path dir, Path keyFile, String name) throws IOException {
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform since 15 has Ed25519", e);
        }
        Path tmp = Files.createTempFile(dir, "." + name + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Ed25519Pem.encodePrivate(pair.getPrivate()), StandardCharsets.US_ASCII);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
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

    private static void writeAtomically(Path file, String text, String name) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + name + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
