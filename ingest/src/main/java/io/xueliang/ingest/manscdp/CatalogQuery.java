package io.xueliang.ingest.manscdp;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code <Query><CmdType>Catalog</CmdType>}: asks a device (or us, from a superior platform) for its
 * catalog. The same body, with StartTime and EndTime, is the body of a catalog SUBSCRIBE.
 */
public record CatalogQuery(long sn, String deviceId, Optional<Instant> startTime, Optional<Instant> endTime)
        implements ManscdpMessage {

    public CatalogQuery(long sn, String deviceId) {
        this(sn, deviceId, Optional.empty(), Optional.empty());
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.QUERY;
    }

    @Override
    public String cmdType() {
        return "Catalog";
    }
}
