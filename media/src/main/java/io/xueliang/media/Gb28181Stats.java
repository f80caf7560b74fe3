package io.xueliang.media;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a GB/T 28181 platform counts, for its metrics ({@code xueliang_gb28181_*}). Read from any thread. */
public interface Gb28181Stats {
    /** A monotonic count: its metric name without the prefix and {@code _total}, and its help text. */
    record Count(String name, String help, long value) {
    }

    /** The counts since start. */
    List<Count> counts();

    /** Devices registered now, online or not. */
    int devicesRegistered();

    /** Devices registered and keeping alive. */
    int devicesOnline();

    /** Live calls (INVITE dialogs) in progress. */
    int calls();

    /**
     * A device as its registration left it.
     *
     * @param address   where its requests come from, {@code ip:port}
     * @param transport   {@code udp} or {@code tcp}
     * @param ownPassword whether it registers with a password of its own rather than the shared one
     */
    record Device(String id, String address, String transport, Instant registeredAt, Instant expiresAt,
            Instant lastSeen, boolean online, boolean ownPassword) {
    }

    /** The devices registered now, by id. */
    List<Device> registeredDevices();

    /**
     * A superior platform this one registers with (cascade).
     *
     * @param address      its configured {@code host:port}
     * @param registered   whether its last registration was accepted and has not lapsed
     * @param failures     registrations it refused or left unanswered since start
     * @param calls        its calls to our cameras in progress
     * @param share        the region paths it may see
     */
    record Superior(String id, String address, String transport, boolean registered, long failures, int calls,
            List<String> share) {
    }

    /**
     * What a device said of itself when asked (DeviceStatus).
     *
     * @param result     its {@code Result} ({@code OK}/{@code ERROR}), or empty
     * @param status     whether it works normally ({@code OK}/{@code ERROR}), or empty
     * @param encode     whether it encodes ({@code ON}/{@code OFF}), or empty
     * @param record     whether it records ({@code ON}/{@code OFF}), or empty
     * @param deviceTime its clock, or null
     */
    record DeviceState(boolean online, String result, String status, String encode, String record,
            Instant deviceTime, List<Alarm> alarms) {
        public DeviceState {
            alarms = List.copyOf(alarms);
        }

        /** An alarm input's duty: ONDUTY, OFFDUTY or ALARM. */
        public record Alarm(String id, String duty) {
        }
    }

    /** Asks a registered device for its state; fails when it is not registered, offline or does not answer. */
    default CompletableFuture<DeviceState> deviceStatus(String deviceId) {
        return CompletableFuture.failedFuture(new IllegalStateException("no GB/T 28181 platform"));
    }

    /** The configured superior platforms, in configuration order. */
    default List<Superior> superiors() {
        return List.of();
    }
}
