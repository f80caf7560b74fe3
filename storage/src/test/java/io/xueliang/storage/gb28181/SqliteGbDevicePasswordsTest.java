package io.xueliang.storage.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.storage.secret.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGbDevicePasswordsTest {
    private static final String DEVICE = "43032100001180000009";

    @TempDir
    Path root;
    private EmbeddedDatabase db;
    private SqliteGbDevicePasswords passwords;
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-07T08:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        passwords = new SqliteGbDevicePasswords(db, SecretBox.load(root, Map.of()), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keepsADevicesPasswordSealedAndReplacesAndRemovesIt() throws Exception {
        assertThat(passwords.put(DEVICE, "nvr-password-one").get()).as("new").isTrue();
        assertThat(passwords.put(DEVICE, "nvr-password-two").get()).as("replaced").isFalse();
        assertThat(passwords.all()).containsExactly(Map.entry(DEVICE, "nvr-password-two"));

        db.close();
        byte[] file = Files.readAllBytes(root.resolve(EmbeddedDatabase.FILE_NAME));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain("nvr-password");
        db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        passwords = new SqliteGbDevicePasswords(db, SecretBox.load(root, Map.of()), clock);
        assertThat(passwords.all()).containsExactly(Map.entry(DEVICE, "nvr-password-two"));

        assertThat(passwords.delete(DEVICE).get()).isTrue();
        assertThat(passwords.delete(DEVICE).get()).isFalse();
        assertThat(passwords.all()).isEmpty();
    }

    @Test
    void refusesAnIdThatIsNoDeviceId() {
        assertThatThrownBy(() -> passwords.put("4303210000118000000", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.put("4303210000118000000a", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
