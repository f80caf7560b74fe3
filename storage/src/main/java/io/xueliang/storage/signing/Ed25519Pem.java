package io.xueliang.storage.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * PEM (RFC 7468) forms of Ed25519 keys (RFC 8410): private keys as PKCS#8 {@code PRIVATE KEY}, public keys as X.509
 * SubjectPublicKeyInfo {@code PUBLIC KEY}; and the fingerprint shown to operators, the hex SHA-256 of the public
 * key's DER encoding (the same as {@code openssl pkey -pubin -outform DER | sha256sum}).
 */
public final class Ed25519Pem {
    /** Longest PEM file read: an Ed25519 key is about 120 bytes of PEM; prevents reading a huge file by mistake. */
    public static final int MAX_PEM_BYTES = 16 * 1024;
    static final String PRIVATE_LABEL = "PRIVATE KEY";
    static final String PUBLIC_LABEL = "PUBLIC KEY";
    /** RFC 8410 SubjectPublicKeyInfo for Ed25519 up to the 32 raw key bytes: SEQ { SEQ { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Pem() {
    }

    public static String encodePublic(PublicKey key) {
        return encode(PUBLIC_LABEL, key.getEncoded());
    }

    static String encodePrivate(PrivateKey key) {
        return encode(PRIVATE_LABEL, key.getEncoded());
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when {@code pem} is not one Ed25519 public key in PEM
     */
    public static PublicKey decodePublic(String pem) {
        byte[] der = decode(pem, PUBLIC_LABEL);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            requireEd25519(key);
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + e.getMessage() + ")");
        }
    }

    static PrivateKey decodePrivate(String pem) {
        byte[] der = decode(pem, PRIVATE_LABEL);
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            requireEd25519(key);
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (" + e.getMessage() + ")");
        }
    }

    /** The public half of {@code key}. The JDK cannot derive it, so Bouncy Castle's RFC 8032 code does. */
    static PublicKey publicOf(PrivateKey key) {
        byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key does not expose its seed"));
        byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform since 15 has Ed25519", e);
        }
    }

    /**
     * The Ed25519 public key in the PEM file {@code file}, such as one an operator saved from the server.
     *
     * @throws SigningKeyException when it cannot be read or is not such a key
     */
    public static PublicKey readPublic(Path file) {
        try {
            return decodePublic(read(file));
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(file, e.getMessage());
        }
    }

    /** Reads a PEM file of at most {@link Ed25519Pem#MAX_PEM_BYTES}; any failure becomes a {@link SigningKeyException}. */
    static String read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PEM_BYTES + 1);
        } catch (IOException e) {
            throw new SigningKeyException(file, "cannot be read (" + e + ")", e);
        }
        if (bytes.length > MAX_PEM_BYTES) {
            throw new SigningKeyException(file, "larger than " + MAX_PEM_BYTES + " bytes: not a key file");
        }
        try {
            return StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SigningKeyException(file, "not ASCII: not a PEM key file");
        }
    }

    /** Lower-case hex SHA-256 of the public key's DER (SubjectPublicKeyInfo) encoding. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void requireEd25519(java.security.Key key) {
        if (!(key instanceof EdECKey ed) || !(ed.getParams() instanceof NamedParameterSpec p)
                || !p.getName().equalsIgnoreCase("Ed25519")) {
            throw new IllegalArgumentException("not an Ed25519 key (" + key.getAlgorithm() + ")");
        }
    }

    private static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Strict: exactly one block with {@code label}; text outside it allowed only as blank lines. */
    private static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        String text = pem.strip();
        if (!text.startsWith(begin)) {
            throw new IllegalArgumentException("not a PEM '" + label + "' (does not start with " + begin + ")");
        }
        if (!text.endsWith(end) || text.length() < begin.length() + end.length()) {
            throw new IllegalArgumentException("not a PEM '" + label + "' (does not end with " + end + ")");
        }
        String body = text.substring(begin.length(), text.length() - end.length());
        if (body.contains("-----")) {
            throw new IllegalArgumentException("more than one PEM block");
        }
        String base64 = body.strip();
        if (!base64.chars().allMatch(c -> c == '\n' || c == '\r' || c == '=' || c == '+' || c == '/'
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            // The MIME decoder skips foreign characters; a damaged file must not pass because of that.
            throw new IllegalArgumentException("characters outside base64 in the PEM block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block is not base64: " + e.getMessage());
        }
        if (der.length == 0) {
            throw new IllegalArgumentException("empty PEM block");
        }
        return der;
    }
}
