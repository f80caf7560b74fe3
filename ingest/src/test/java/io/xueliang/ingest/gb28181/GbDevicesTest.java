package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GbDevicesTest {
    private static final String CAMERA = "43032100001320000001";
    private static final InetSocketAddress FROM = new InetSocketAddress("10.0.0.5", 5060);
    private final Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    private final GbDevices devices = new GbDevices(2, Duration.ofSeconds(180));

    @Test
    void aRenewalKeepsTheRegistrationAndAReturnAfterExpiryIsNew() {
        assertThat(devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0)).isEqualTo(GbDevices.Outcome.NEW);
        assertThat(devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0.plusSeconds(1800)))
                .isEqualTo(GbDevices.Outcome.RENEWED);
        assertThat(devices.get(CAMERA).orElseThrow().registeredAt()).isEqualTo(t0);

        assertThat(devices.sweep(t0.plusSeconds(1800 + 3600)).expired()).extracting(GbDevice::id).containsExactly(CAMERA);
        assertThat(devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0.plusSeconds(9000)))
                .isEqualTo(GbDevices.Outcome.NEW);
    }

    @Test
    void threeMissedKeepalivesMakeADeviceOfflineAndTheNextOneBringsItBack() {
        devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0);
        devices.keepalive(CAMERA, FROM, t0.plusSeconds(60));

        assertThat(devices.sweep(t0.plusSeconds(240)).wentOffline()).isEmpty();
        GbDevices.Sweep sweep = devices.sweep(t0.plusSeconds(241));
        assertThat(sweep.wentOffline()).extracting(GbDevice::id).containsExactly(CAMERA);
        assertThat(devices.sweep(t0.plusSeconds(300)).wentOffline()).as("reported once").isEmpty();

        InetSocketAddress moved = new InetSocketAddress("10.0.0.6", 5061);
        assertThat(devices.keepalive(CAMERA, moved, t0.plusSeconds(301)).orElseThrow().online()).isFalse();
        GbDevice now = devices.get(CAMERA).orElseThrow();
        assertThat(now.online()).isTrue();
        assertThat(now.remote()).as("requests follow the device's NAT mapping").isEqualTo(moved);
        assertThat(devices.register(CAMERA, moved, false, Duration.ofHours(1), t0.plusSeconds(302)))
                .as("online and in force: a renewal").isEqualTo(GbDevices.Outcome.RENEWED);
    }

    @Test
    void keepalivesOfUnregisteredDevicesAreRefusedAndTheLimitHolds() {
        assertThat(devices.keepalive(CAMERA, FROM, t0)).isEmpty();
        devices.register("43032100001320000002", FROM, false, Duration.ofHours(1), t0);
        devices.register("43032100001320000003", FROM, true, Duration.ofHours(1), t0);
        assertThat(devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0)).isEqualTo(GbDevices.Outcome.FULL);
        assertThat(devices.unregister("43032100001320000002")).isPresent();
        assertThat(devices.register(CAMERA, FROM, false, Duration.ofHours(1), t0)).isEqualTo(GbDevices.Outcome.NEW);
        assertThat(devices.size()).isEqualTo(2);
    }
}
