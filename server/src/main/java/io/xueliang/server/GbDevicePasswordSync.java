package io.xueliang.server;

import io.xueliang.ingest.gb28181.GbPlatform;
import io.xueliang.media.GbDevicePasswords;
import io.xueliang.storage.gb28181.SqliteGbDevicePasswords;
import java.util.concurrent.CompletableFuture;

/**
 * Devices' own GB/T 28181 passwords: written to the store (sealed) first, then given to the platform, so that a
 * password the API accepted survives a restart; {@link #load} gives the platform the stored ones at start.
 */
final class GbDevicePasswordSync implements GbDevicePasswords {
    private final SqliteGbDevicePasswords store;
    private final GbPlatform platform;

    GbDevicePasswordSync(SqliteGbDevicePasswords store, GbPlatform platform) {
        this.store = store;
        this.platform = platform;
    }

    /** The stored passwords into the platform; returns how many. */
    int load() {
        var all = store.all();
        all.forEach(platform::devicePassword);
        return all.size();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public CompletableFuture<Boolean> set(String deviceId, String password) {
        return store.put(deviceId, password).thenApply(fresh -> {
            platform.devicePassword(deviceId, password);
            return fresh;
        });
    }

    @Override
    public CompletableFuture<Boolean> clear(String deviceId) {
        return store.delete(deviceId).thenApply(had -> {
            platform.devicePassword(deviceId, null);
            return had;
        });
    }
}
