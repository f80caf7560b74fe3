package io.xueliang.sql;

import java.nio.ByteBuffer;
import java.util.UUID;

/** How the embedded stores keep a UUID: a BLOB of its 16 bytes, most significant first, so that equal ids compare. */
public final class SqlUuids {
    private SqlUuids() {
    }

    public static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    public static UUID uuid(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }
}
