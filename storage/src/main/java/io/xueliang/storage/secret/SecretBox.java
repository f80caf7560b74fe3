package io.xueliang.storage.secret;

import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens small secrets with AES-256-GCM. Sealed form:
 *
 * <pre>
 * +---------+--------------+-------------------------------+
 * | ver (1) | nonce (12)   | ciphertext + GCM tag (16)     |
 * +---------+--------------+-------------------------------+
 * </pre>
 *
 * The key comes from {@code XUELIANG_SECRET_KEY} (base64 of 32 bytes) when set, else from
 * {@code <storage root>/secret.key}, created with owner-only permissions on first use. A copy of
 * the database without the key reveals no camera password.
 */
public final class SecretBox {
    public static final String ENV = "XUELIANG_SECRET_KEY";
    public static final String KEY_FILE = "secret.key";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key from the environment, else from the key file under {@code root} (created when missing). */
    public static SecretBox load(Path root, Map<String, String> env) throws IOException {
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(fromEnv.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(ENV + " must be the base64 of 32 bytes, got " + key.length);
            }
            return new SecretBox(key);
        }
        Path file = root.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            OwnerOnlyFiles.createDirectories(root);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                OwnerOnlyFiles.createFile(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            } catch (FileAlreadyExistsException e) {
                // Another process made it first: use theirs.
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(file + " must hold the base64 of 32 bytes, got " + key.length);
        }
        return new SecretBox(key);
    }

    public byte[] seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws SecretUnreadableException when the value was sealed under another key or changed */
    public String open(byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new SecretUnreadableException("not a sealed value of version " + VERSION);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            byte[] plain = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadableException("sealed under another key, or changed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
