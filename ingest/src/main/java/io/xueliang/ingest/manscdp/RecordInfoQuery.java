package io.xueliang.ingest.manscdp;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code <Query><CmdType>RecordInfo</CmdType>}: recordings of a channel between two times. Text
 * fields are empty when absent.
 *
 * @param type {@code all} (the default), {@code time}, {@code alarm} or {@code manual}
 */
public record RecordInfoQuery(long sn, String deviceId, Instant startTime, Instant endTime, String filePath,
                              String address, OptionalInt secrecy, String type, String recorderId)
        implements ManscdpMessage {

    public RecordInfoQuery {
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }

    /** A query of every recording of {@code type} ({@code all} when empty) between two times. */
    public RecordInfoQuery(long sn, String deviceId, Instant startTime, Instant endTime, String type) {
        this(sn, deviceId, startTime, endTime, "", "", OptionalInt.of(0), type, "");
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.QUERY;
    }

    @Override
    public String cmdType() {
        return "RecordInfo";
    }
}
