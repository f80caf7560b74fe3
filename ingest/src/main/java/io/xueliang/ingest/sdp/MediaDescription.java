package io.xueliang.ingest.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One {@code m=} section: {@code m=<media> <port>[/<n>] <proto> <fmt> ...} and the lines after it.
 */
public record MediaDescription(String media, int port, String proto, List<String> formats,
                               List<SdpAttribute> attributes, Map<String, String> bandwidths) {

    public MediaDescription {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        bandwidths = Collections.unmodifiableMap(new LinkedHashMap<>(bandwidths));
    }

    /** The first value of an attribute. */
    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name)).map(SdpAttribute::value).findFirst();
    }

    public Optional<String> control() {
        return attribute("control").map(String::strip);
    }

    /** The first payload type of the {@code m=} line, the one a single-codec camera uses. */
    public Optional<Integer> firstPayloadType() {
        if (formats.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(formats.getFirst()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The rtpmap of a payload type, falling back to RFC 3551 static types (PCMU 0, PCMA 8). */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (SdpAttribute a : attributes) {
            if (a.name().equalsIgnoreCase("rtpmap")) {
                try {
                    RtpMap map = RtpMap.parse(a.value());
                    if (map.payloadType() == payloadType) {
                        return Optional.of(map);
                    }
                } catch (IllegalArgumentException e) {
                    // a broken rtpmap for another payload type must not hide ours
                }
            }
        }
        return Optional.ofNullable(RtpMap.staticType(payloadType));
    }

    /**
     * {@code a=fmtp:<pt> k=v;k=v} as an ordered map with lower-cased keys. Values keep their
     * {@code =} (base64 padding of {@code sprop-parameter-sets}).
     */
    public Map<String, String> fmtp(int payloadType) {
        Map<String, String> params = new LinkedHashMap<>();
        for (SdpAttribute a : attributes) {
            if (!a.name().equalsIgnoreCase("fmtp")) {
                continue;
            }
            String[] pt = a.value().strip().split("\\s+", 2);
            if (!pt[0].equals(Integer.toString(payloadType)) || pt.length < 2) {
                continue;
            }
            for (String pair : pt[1].split(";")) {
                String p = pair.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq < 0) {
                    params.put(p.toLowerCase(Locale.ROOT), "");
                } else {
                    params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
                }
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /** {@code a=framerate:<fps>}; absent when missing or unparseable. */
    public OptionalDouble framerate() {
        try {
            return attribute("framerate").map(v -> OptionalDouble.of(Double.parseDouble(v.strip())))
                    .orElse(OptionalDouble.empty());
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static MediaDescription parseMediaLine(String value) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("m= needs '<media> <port> <proto> <fmt>...'");
        }
        String port = parts[1];
        int slash = port.indexOf('/');
        int portNumber = Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
        List<String> formats = new ArrayList<>(List.of(parts).subList(3, parts.length));
        return new MediaDescription(parts[0].toLowerCase(Locale.ROOT), portNumber, parts[2], formats, List.of(), Map.of());
    }
}
