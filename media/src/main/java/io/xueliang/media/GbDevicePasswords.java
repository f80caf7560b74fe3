package io.xueliang.media;

import java.util.concurrent.CompletableFuture;

/**
 * GB/T 28181 devices' own registration passwords, instead of the shared one: kept sealed in the store and given to
 * the platform. The API checks who may set them; nothing here ever returns a password.
 */
public interface GbDevicePasswords {
    /** A server without GB/T 28181: nothing to set. */
    GbDevicePasswords NONE = new GbDevicePasswords() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public CompletableFuture<Boolean> set(String deviceId, String password) {
            return CompletableFuture.failedFuture(new IllegalStateException("no GB/T 28181 platform"));
        }

        @Override
        public CompletableFuture<Boolean> clear(String deviceId) {
            return CompletableFuture.failedFuture(new IllegalStateException("no GB/T 28181 platform"));
        }
    };

    /** Whether the server runs a GB/T 28181 platform. */
    boolean enabled();

    /** Sets a device's own password (stored, then used from its next REGISTER); completes true when it had none. */
    CompletableFuture<Boolean> set(String deviceId, String password);

    /** Takes it away: the device registers with the shared password again; completes true when it had one. */
    CompletableFuture<Boolean> clear(String deviceId);
}
