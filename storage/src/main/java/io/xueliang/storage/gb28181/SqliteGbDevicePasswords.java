package io.xueliang.storage.gb28181;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import io.xueliang.storage.secret.SecretBox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * GB/T 28181 devices' own registration passwords in the embedded store's {@code gb_device_passwords} table (schema
 * V13), sealed with the store's {@link SecretBox} like camera passwords: the database file alone does not give them
 * away. At most {@link #MAX_DEVICES} devices have one.
 */
public final class SqliteGbDevicePasswords {
    public static final int MAX_DEVICES = 100_000;
    private static final Pattern ID = Pattern.compile("[0-9]{20}");

    private final EmbeddedDatabase database;
    private final SecretBox secrets;
    private final InstantSource clock;

    public SqliteGbDevicePasswords(EmbeddedDatabase database, SecretBox secrets, InstantSource clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every device's own password, opened, by device id. */
    public Map<String, String> all() {
        return database.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT device_id, password_sealed FROM gb_device_passwords"
                    + " ORDER BY device_id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), secrets.open(rs.getBytes(2)));
                }
            }
            return out;
        });
    }

    /**
     * Sets a device's own password; completes with whether it had none before.
     *
     * @throws IllegalArgumentException for an id that is not 20 digits
     * @throws IllegalStateException, from the future, when {@link #MAX_DEVICES} devices have one already
     */
    public CompletableFuture<Boolean> put(String deviceId, String password) {
        if (deviceId == null || !ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("a device id is 20 digits");
        }
        byte[] sealed = secrets.seal(Objects.requireNonNull(password, "password"));
        long now = SqlInstants.micros(clock.instant());
        return database.submit(c -> {
            boolean known;
            int count;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), sum(device_id = ?) FROM"
                    + " gb_device_passwords")) {
                s.setString(1, deviceId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                    known = rs.getInt(2) > 0;
                }
            }
            if (!known && count >= MAX_DEVICES) {
                throw new IllegalStateException(MAX_DEVICES + " devices have their own password already");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gb_device_passwords (device_id,"
                    + " password_sealed, updated_micros) VALUES (?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                    + " password_sealed = excluded.password_sealed, updated_micros = excluded.updated_micros")) {
                s.setString(1, deviceId);
                s.setBytes(2, sealed);
                s.setLong(3, now);
                s.executeUpdate();
            }
            return !known;
        });
    }

    /** Removes a device's own password (it registers with the shared one again); completes with whether it had one. */
    public CompletableFuture<Boolean> delete(String deviceId) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM gb_device_passwords WHERE device_id = ?")) {
                s.setString(1, deviceId);
                return s.executeUpdate() > 0;
            }
        });
    }
}
