package io.xueliang.ingest.manscdp;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One recording a device holds ({@code RecordList/Item}); text fields empty when absent.
 *
 * @param type     {@code time}, {@code alarm}, {@code manual} or {@code all}, as the device wrote it
 * @param fileSize bytes, when the device says
 */
public record RecordItem(String deviceId, String name, String filePath, String address, Instant startTime,
                         Instant endTime, OptionalInt secrecy, String type, String recorderId, OptionalLong fileSize) {
    public RecordItem {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }
}
