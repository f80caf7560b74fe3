package io.xueliang.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordHasherTest {
    /** Cheap enough for tests: the minimum memory for one lane, one pass. */
    static final Argon2idParameters CHEAP = new Argon2idParameters(8, 1, 1, 16, 32);

    private final PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom());

    @Test
    void matchesRfc9106Argon2idTestVector() {
        // RFC 9106 §5.3: 32 KiB, 3 passes, 4 lanes, 32-byte tag; password 32 x 0x01, salt 16 x 0x02,
        // secret 8 x 0x03, associated data 12 x 0x04.
        byte[] tag = PasswordHasher.derive(new Argon2idParameters(32, 3, 4, 16, 32), filled(32, 0x01),
                filled(16, 0x02), filled(8, 0x03), filled(12, 0x04));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /** PHC strings written by the reference implementation's CLI (argon2 0~20171227, Debian 12). */
    static Stream<Arguments> referenceHashes() {
        return Stream.of(
                Arguments.of("correct horse battery",
                        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHQwMTIzNDU2$mvnPNWIIRItb8BtNdKElb8DvQ7QxWt57jQDdI09Fyus"),
                Arguments.of("correct horse battery staple",
                        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDE2Ynl0ZXMuLi4uIQ$bM9CedXSqHCbuMyfWeNUmzqE9GdJDgijaXxX7WbT3MY"),
                Arguments.of("Tr0ub4dor&3 密码",
                        "$argon2id$v=19$m=64,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$ajN1kMc7xIctE2uTburF2BE1t/FCKcLt9bSv+7HNLUs"));
    }

    @ParameterizedTest
    @MethodSource("referenceHashes")
    void verifiesHashesWrittenByTheReferenceImplementation(String password, String encoded) {
        assertThat(hasher.verify(password, encoded)).isTrue();
        assertThat(hasher.verify(password + "x", encoded)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("referenceHashes")
    void decodesAndReencodesReferenceStringsUnchanged(String password, String encoded) {
        assertThat(EncodedPasswordHash.decode(encoded).encode()).isEqualTo(encoded);
    }

    @Test
    void decodesTheParameters() {
        EncodedPasswordHash decoded = EncodedPasswordHash.decode(
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDE2Ynl0ZXMuLi4uIQ$bM9CedXSqHCbuMyfWeNUmzqE9GdJDgijaXxX7WbT3MY");
        assertThat(decoded.parameters()).isEqualTo(Argon2idParameters.OWASP);
        assertThat(new String(decoded.salt(), StandardCharsets.US_ASCII)).isEqualTo("salt16bytes....!");
    }

    @Test
    void hashIsAPhcStringWithThisHashersParameters() {
        String encoded = hasher.hash("correct horse battery staple");
        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=8,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(EncodedPasswordHash.decode(encoded).parameters()).isEqualTo(CHEAP);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String encoded = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", encoded)).isFalse();
        assertThat(hasher.verify("Correct horse battery staple", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void needsRehashWhenParametersDiffer() {
        String cheap = hasher.hash("correct horse battery staple");
        PasswordHasher stronger = new PasswordHasher(new Argon2idParameters(16, 2, 1, 16, 32), new SecureRandom());
        assertThat(hasher.needsRehash(cheap)).isFalse();
        assertThat(stronger.needsRehash(cheap)).isTrue();
        assertThat(stronger.verify("correct horse battery staple", cheap)).isTrue();
        assertThat(hasher.needsRehash("$2y$10$notargon")).isTrue();
    }

    static Stream<Arguments> malformed() {
        String good = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQwMTIzNDU2$mvnPNWIIRItb8BtNdKElb8DvQ7QxWt57jQDdI09Fyus";
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("argon2i", good.replace("argon2id", "argon2i")),
                Arguments.of("version 16", good.replace("v=19", "v=16")),
                Arguments.of("no hash", good.substring(0, good.lastIndexOf('$'))),
                Arguments.of("extra field", good + "$AAAA"),
                Arguments.of("parameters out of order", good.replace("m=8,t=1", "t=1,m=8")),
                Arguments.of("negative memory", good.replace("m=8", "m=-8")),
                Arguments.of("memory above the limit (8 GiB)", good.replace("m=8", "m=8388608")),
                Arguments.of("iterations above the limit", good.replace("t=1", "t=1000")),
                Arguments.of("huge number", good.replace("m=8", "m=99999999999")),
                Arguments.of("salt not base64", good.replace("c29tZXNh", "c29*ZXNh")),
                Arguments.of("too long", good + "A".repeat(300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedStringsMatchNothingAndNeedRehash(String why, String encoded) {
        assertThatThrownBy(() -> EncodedPasswordHash.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.verify("correct horse battery", encoded)).isFalse();
        assertThat(hasher.needsRehash(encoded)).isTrue();
    }

    @Test
    void owaspParametersAreTheDefaults() {
        assertThat(PasswordHasher.owasp().parameters()).isEqualTo(new Argon2idParameters(19_456, 2, 1, 16, 32));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of(new int[] {7, 1, 1, 16, 32}, "memory must be 8 to 4194304 KiB for 1 lanes, not 7"),
                Arguments.of(new int[] {16, 1, 4, 16, 32}, "memory must be 32 to 4194304 KiB for 4 lanes, not 16"),
                Arguments.of(new int[] {8, 0, 1, 16, 32}, "iterations must be 1 to 64, not 0"),
                Arguments.of(new int[] {8, 1, 0, 16, 32}, "parallelism must be 1 to 64, not 0"),
                Arguments.of(new int[] {8, 1, 1, 4, 32}, "salt must be 8 to 64 bytes, not 4"),
                Arguments.of(new int[] {8, 1, 1, 16, 8}, "hash must be 16 to 64 bytes, not 8"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void refusesParametersOutsideTheLimits(int[] p, String message) {
        assertThatThrownBy(() -> new Argon2idParameters(p[0], p[1], p[2], p[3], p[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
