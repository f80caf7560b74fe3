package io.xueliang.ingest.manscdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One {@code <Item>} of a catalog: a channel (camera), a sub-device, or an organisation node (civil
 * code, business group, virtual organisation). Text fields are empty when the device left them out
 * (or sent them empty); numbers are empty when absent or unparseable.
 *
 * @param info the children of {@code <Info>} by element name ({@code PTZType}, {@code PositionType},
 *             {@code Resolution}, {@code DownloadSpeed} and the other 2022 additions), in order
 */
public record CatalogItem(String deviceId, String name, String manufacturer, String model, String owner,
                          String civilCode, String block, String address, OptionalInt parental, String parentId,
                          OptionalInt safetyWay, OptionalInt registerWay, OptionalInt secrecy, String ipAddress,
                          OptionalInt port, Optional<ChannelStatus> status, OptionalDouble longitude,
                          OptionalDouble latitude, String businessGroupId, Map<String, String> info) {

    public CatalogItem {
        Objects.requireNonNull(deviceId, "deviceId");
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /** {@code Info/PTZType}: 1 dome, 2 half-dome, 3 fixed box, 4 remote-controlled box; empty when unknown. */
    public OptionalInt ptzType() {
        String v = info.get("PTZType");
        if (v == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public static Builder builder(String deviceId) {
        return new Builder(deviceId);
    }

    /** Builds an item field by field; unset fields are empty. */
    public static final class Builder {
        private final String deviceId;
        private String name = "";
        private String manufacturer = "";
        private String model = "";
        private String owner = "";
        private String civilCode = "";
        private String block = "";
        private String address = "";
        private OptionalInt parental = OptionalInt.empty();
        private String parentId = "";
        private OptionalInt safetyWay = OptionalInt.empty();
        private OptionalInt registerWay = OptionalInt.empty();
        private OptionalInt secrecy = OptionalInt.empty();
        private String ipAddress = "";
        private OptionalInt port = OptionalInt.empty();
        private Optional<ChannelStatus> status = Optional.empty();
        private OptionalDouble longitude = OptionalDouble.empty();
        private OptionalDouble latitude = OptionalDouble.empty();
        private String businessGroupId = "";
        private final Map<String, String> info = new LinkedHashMap<>();

        private Builder(String deviceId) {
            this.deviceId = deviceId;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder manufacturer(String v) { manufacturer = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder owner(String v) { owner = v; return this; }
        public Builder civilCode(String v) { civilCode = v; return this; }
        public Builder block(String v) { block = v; return this; }
        public Builder address(String v) { address = v; return this; }
        public Builder parental(int v) { parental = OptionalInt.of(v); return this; }
        public Builder parentId(String v) { parentId = v; return this; }
        public Builder safetyWay(int v) { safetyWay = OptionalInt.of(v); return this; }
        public Builder registerWay(int v) { registerWay = OptionalInt.of(v); return this; }
        public Builder secrecy(int v) { secrecy = OptionalInt.of(v); return this; }
        public Builder ipAddress(String v) { ipAddress = v; return this; }
        public Builder port(int v) { port = OptionalInt.of(v); return this; }
        public Builder status(ChannelStatus v) { status = Optional.of(v); return this; }
        public Builder longitude(double v) { longitude = OptionalDouble.of(v); return this; }
        public Builder latitude(double v) { latitude = OptionalDouble.of(v); return this; }
        public Builder businessGroupId(String v) { businessGroupId = v; return this; }
        public Builder info(String element, String value) { info.put(element, value); return this; }

        public CatalogItem build() {
            return new CatalogItem(deviceId, name, manufacturer, model, owner, civilCode, block, address, parental,
                    parentId, safetyWay, registerWay, secrecy, ipAddress, port, status, longitude, latitude,
                    businessGroupId, info);
        }
    }
}
