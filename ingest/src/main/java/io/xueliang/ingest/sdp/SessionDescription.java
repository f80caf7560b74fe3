package io.xueliang.ingest.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SDP (RFC 8866): session-level fields and attributes plus media sections.
 * Lenient where cameras are sloppy: CRLF or LF, trailing spaces, unknown or malformed lines
 * that the client does not need are kept or skipped; strict on limits and on {@code m=} lines.
 */
public record SessionDescription(String sessionName, List<SdpAttribute> attributes,
                                 Map<String, String> bandwidths, List<MediaDescription> media) {

    public SessionDescription {
        attributes = List.copyOf(attributes);
        bandwidths = Collections.unmodifiableMap(new LinkedHashMap<>(bandwidths));
        media = List.copyOf(media);
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        return parse(text, SdpLimits.DEFAULTS);
    }

    public static SessionDescription parse(String text, SdpLimits limits) throws SdpParseException {
        String[] lines = text.split("\r\n|\n|\r", -1);
        int lineCount = lines.length;
        while (lineCount > 0 && lines[lineCount - 1].isBlank()) {
            lineCount--;
        }
        if (lineCount > limits.maxLines()) {
            throw new SdpParseException("more than " + limits.maxLines() + " lines (" + lineCount + ")", 0, null);
        }
        String sessionName = "";
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        Map<String, String> sessionBandwidths = new LinkedHashMap<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaDescription current = null;
        List<SdpAttribute> mediaAttributes = new ArrayList<>();
        Map<String, String> mediaBandwidths = new LinkedHashMap<>();
        boolean sawVersion = false;
        for (int i = 0; i < lineCount; i++) {
            String line = lines[i].strip();
            if (line.length() > limits.maxLineLength()) {
                throw new SdpParseException("line longer than " + limits.maxLineLength(), i + 1, line);
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue; // blank or junk line: cameras append NULs and stray text
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'v' -> sawVersion = true;
                case 's' -> {
                    if (current == null) {
                        sessionName = value.strip();
                    }
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(complete(current, mediaAttributes, mediaBandwidths));
                    }
                    if (media.size() >= limits.maxMedia()) {
                        throw new SdpParseException("more than " + limits.maxMedia() + " media sections", i + 1, line);
                    }
                    try {
                        current = MediaDescription.parseMediaLine(value);
                    } catch (IllegalArgumentException e) {
                        throw new SdpParseException("bad m= line (" + e.getMessage() + ")", i + 1, line);
                    }
                    mediaAttributes = new ArrayList<>();
                    mediaBandwidths = new LinkedHashMap<>();
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    SdpAttribute attribute = colon < 0
                            ? new SdpAttribute(value.strip(), "")
                            : new SdpAttribute(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
                    (current == null ? sessionAttributes : mediaAttributes).add(attribute);
                }
                case 'b' -> {
                    int colon = value.indexOf(':');
                    if (colon > 0) {
                        (current == null ? sessionBandwidths : mediaBandwidths)
                                .put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
                    }
                }
                default -> {
                    // o=, c=, t=, i=, u=, e=, p=, k=, z=, r= and vendor lines: not needed by the client
                }
            }
        }
        if (current != null) {
            media.add(complete(current, mediaAttributes, mediaBandwidths));
        }
        if (!sawVersion && media.isEmpty()) {
            throw new SdpParseException("no v= line and no media: not an SDP", 0, null);
        }
        return new SessionDescription(sessionName, sessionAttributes, sessionBandwidths, media);
    }

    private static MediaDescription complete(MediaDescription m, List<SdpAttribute> attributes, Map<String, String> bw) {
        return new MediaDescription(m.media(), m.port(), m.proto(), m.formats(), attributes, bw);
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name)).map(SdpAttribute::value).findFirst();
    }

    /** Session-level {@code a=control}, the aggregate control URL (often {@code *}). */
    public Optional<String> control() {
        return attribute("control").map(String::strip);
    }
}
