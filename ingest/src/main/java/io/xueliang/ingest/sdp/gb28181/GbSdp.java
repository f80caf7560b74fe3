package io.xueliang.ingest.sdp.gb28181;

import io.xueliang.ingest.sdp.MediaDescription;
import io.xueliang.ingest.sdp.RtpMap;
import io.xueliang.ingest.sdp.SdpAttribute;
import io.xueliang.ingest.sdp.SdpLimits;
import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.ingest.sdp.SessionDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The SDP of a GB/T 28181 INVITE or its answer: one video (PS) media section, as GB writes it.
 *
 * <pre>
 *  v=0
 *  o=43032100001310000001 0 0 IN IP4 10.0.0.5     originUser, originAddress
 *  s=Playback                                     Play | Playback | Download | Talk
 *  u=43032100001310000001:0                       playback and download
 *  c=IN IP4 10.0.0.5                              where the media goes (offer) / comes from (answer)
 *  t=1796659200 1796662800                        Unix seconds; 0 0 for live
 *  m=video 30000 TCP/RTP/AVP 96 97 98             RTP/AVP for UDP
 *  a=recvonly                                     the platform receives; a device answers sendonly
 *  a=rtpmap:96 PS/90000
 *  a=setup:passive                                TCP only (RFC 4145)
 *  a=connection:new
 *  a=downloadspeed:4                              download only
 *  y=1321000001                                   GB: SSRC, ten decimal digits
 *  f=v/2/5/25/1/4096a/1/8/1                       GB: media format, optional
 * </pre>
 *
 * {@link #format()} writes this layout with CRLF; {@link #parse} reads offers and answers leniently
 * (the {@code y=} and {@code f=} lines that RFC 8866 parsers reject, {@code c=} at session or media
 * level, {@code RTP/AVP/TCP} for {@code TCP/RTP/AVP}, a short or missing {@code y=}), reusing
 * {@link SessionDescription} for lines, limits and {@code m=}/{@code a=}. It lives beside, not in,
 * {@code ingest.sdp}: that package is the RFC 8866 subset RTSP needs, this is one protocol's dialect
 * of it, as {@code rtp.h264} is of {@code rtp}.
 *
 * @param originUser        {@code o=} user: the channel's or sender's 20-digit ID
 * @param originAddress     {@code o=} address
 * @param sessionName       {@code s=} as written; see {@link #sessionType()}
 * @param uri               {@code u=}, empty when absent
 * @param connectionAddress {@code c=} address (media level wins over session level; {@code o=}'s
 *                          address when there is no {@code c=})
 * @param startTime         {@code t=} start, Unix seconds, 0 for live
 * @param endTime           {@code t=} end, Unix seconds, 0 for live
 * @param port              the {@code m=} port; 0 means the media was refused
 * @param transport         UDP, or TCP with this side's setup role (TCP without {@code a=setup}
 *                          takes RFC 4145 §4.1's default: active in an offer, passive in an answer)
 * @param formats           the payload types of {@code m=} with their rtpmaps (static ones filled in)
 * @param direction         {@code recvonly}, {@code sendonly}, {@code sendrecv}, {@code inactive};
 *                          empty when absent
 * @param ssrc              {@code y=}
 * @param mediaFormat       {@code f=}
 * @param downloadSpeed     {@code a=downloadspeed:}, the multiple of real time a download runs at
 * @param otherAttributes   media attributes not modelled above, in order (kept, and written back)
 */
public record GbSdp(String originUser, String originAddress, String sessionName, String uri, String connectionAddress,
                    long startTime, long endTime, int port, GbMediaTransport transport, List<RtpMap> formats,
                    String direction, Optional<GbSsrc> ssrc, Optional<GbMediaFormat> mediaFormat,
                    OptionalInt downloadSpeed, List<SdpAttribute> otherAttributes) {
    private static final String CRLF = "\r\n";
    /** 9999-12-31T23:59:59Z. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;
    private static final Set<String> MODELLED = Set.of("rtpmap", "setup", "connection", "downloadspeed",
            "recvonly", "sendonly", "sendrecv", "inactive");
    /** PS, what GB devices send; the usual offer also names MPEG-4 and H.264. */
    public static final List<RtpMap> DEFAULT_FORMATS = List.of(
            new RtpMap(96, "PS", 90000, OptionalInt.empty()),
            new RtpMap(98, "H264", 90000, OptionalInt.empty()),
            new RtpMap(97, "MPEG4", 90000, OptionalInt.empty()));

    public GbSdp {
        Objects.requireNonNull(originUser, "originUser");
        Objects.requireNonNull(transport, "transport");
        formats = List.copyOf(formats);
        otherAttributes = List.copyOf(otherAttributes);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an m= line needs at least one payload type");
        }
        if (startTime < 0 || endTime < 0 || startTime > MAX_EPOCH_SECONDS || endTime > MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException("t= " + startTime + " " + endTime + " is outside 0..9999-12-31");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Our INVITE offer to a device: we receive ({@code a=recvonly}) at {@code ip:port}.
     * Live when {@code type} is PLAY ({@code t=0 0}); for PLAYBACK and DOWNLOAD add the time
     * range with {@link #withTimeRange}, which also sets {@code u=channelId:0}.
     *
     * @param transport UDP, or TCP_PASSIVE (we listen, the device connects: the usual choice behind
     *                  NAT-free networks) or TCP_ACTIVE (we connect to the port the device answers)
     */
    public static GbSdp offer(GbSessionType type, String channelId, String ip, int port, GbMediaTransport transport,
                              GbSsrc ssrc) {
        return new GbSdp(channelId, ip, type.sessionName(), "", ip, 0, 0, port, transport, DEFAULT_FORMATS,
                "recvonly", Optional.of(ssrc), Optional.empty(), OptionalInt.empty(), List.of());
    }

    /** The same description for a playback or download between two times, with {@code u=<channel>:0}. */
    public GbSdp withTimeRange(Instant start, Instant end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        return new GbSdp(originUser, originAddress, sessionName, originUser + ":0", connectionAddress,
                start.getEpochSecond(), end.getEpochSecond(), port, transport, formats, direction, ssrc, mediaFormat,
                downloadSpeed, otherAttributes);
    }

    /** The same description with {@code a=downloadspeed:} (1, 2, 4, 8... times real time). */
    public GbSdp withDownloadSpeed(int speed) {
        if (speed <= 0) {
            throw new IllegalArgumentException("download speed " + speed + " must be > 0");
        }
        return new GbSdp(originUser, originAddress, sessionName, uri, connectionAddress, startTime, endTime, port,
                transport, formats, direction, ssrc, mediaFormat, OptionalInt.of(speed), otherAttributes);
    }

    /** The same description with other payload types in {@code m=}. */
    public GbSdp withFormats(List<RtpMap> newFormats) {
        return new GbSdp(originUser, originAddress, sessionName, uri, connectionAddress, startTime, endTime, port,
                transport, newFormats, direction, ssrc, mediaFormat, downloadSpeed, otherAttributes);
    }

    /** The same description with an {@code f=} line. */
    public GbSdp withMediaFormat(GbMediaFormat format) {
        return new GbSdp(originUser, originAddress, sessionName, uri, connectionAddress, startTime, endTime, port,
                transport, formats, direction, ssrc, Optional.of(format), downloadSpeed, otherAttributes);
    }

    /**
     * Our answer, as a lower platform in a cascade, to this offer from a superior platform: we send
     * ({@code sendonly}) PS from {@code ourIp:ourPort}, with the offer's session, times and SSRC
     * (GB: the sender uses the SSRC of the INVITE's {@code y=}), and the complementary TCP role.
     *
     * @param ourId   the 20-digit ID of the channel we send
     * @param ourPort for TCP_PASSIVE (the offer was active) the port we listen on; for TCP_ACTIVE
     *                the port we will connect from, or 9 (RFC 4145's discard port) when unknown
     * @param ssrcIfNone the SSRC to use when the offer has no {@code y=}
     */
    public GbSdp answer(String ourId, String ourIp, int ourPort, GbSsrc ssrcIfNone) {
        RtpMap ps = formats.stream().filter(f -> f.encodingName().equals("PS")).findFirst()
                // an offer of bare "96" without rtpmap means PS in GB practice
                .orElse(new RtpMap(96, "PS", 90000, OptionalInt.empty()));
        String answerDirection = switch (direction) {
            case "recvonly" -> "sendonly";
            case "sendonly" -> "recvonly";
            default -> direction;
        };
        return new GbSdp(ourId, ourIp, sessionName, uri, ourIp, startTime, endTime, ourPort, transport.complement(),
                List.of(ps), answerDirection, Optional.of(ssrc.orElse(ssrcIfNone)), Optional.empty(), downloadSpeed, List.of());
    }

    /** {@code s=} as a type; empty when a device answers with another name. */
    public Optional<GbSessionType> sessionType() {
        return GbSessionType.of(sessionName);
    }

    /** {@code t=}'s start; empty for live ({@code t=0 0}). */
    public Optional<Instant> start() {
        return startTime == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(startTime));
    }

    /** {@code t=}'s end; empty for live. */
    public Optional<Instant> end() {
        return endTime == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(endTime));
    }

    /** The text of the description, CRLF line ends. */
    public String format() {
        StringBuilder s = new StringBuilder(384);
        line(s, "v=0");
        line(s, "o=" + originUser + " 0 0 IN IP4 " + originAddress);
        line(s, "s=" + sessionName);
        if (!uri.isEmpty()) {
            line(s, "u=" + uri);
        }
        line(s, "c=IN IP4 " + connectionAddress);
        line(s, "t=" + startTime + " " + endTime);
        StringBuilder m = new StringBuilder("m=video ").append(port).append(' ').append(transport.proto());
        formats.forEach(f -> m.append(' ').append(f.payloadType()));
        line(s, m.toString());
        if (!direction.isEmpty()) {
            line(s, "a=" + direction);
        }
        for (RtpMap f : formats) {
            line(s, "a=rtpmap:" + f.payloadType() + " " + f.encodingName() + "/" + f.clockRate()
                    + (f.channels().isPresent() ? "/" + f.channels().getAsInt() : ""));
        }
        if (transport.isTcp()) {
            line(s, "a=setup:" + transport.setup());
            line(s, "a=connection:new");
        }
        downloadSpeed.ifPresent(d -> line(s, "a=downloadspeed:" + d));
        for (SdpAttribute a : otherAttributes) {
            line(s, "a=" + a.name() + (a.value().isEmpty() ? "" : ":" + a.value()));
        }
        ssrc.ifPresent(y -> line(s, "y=" + y));
        mediaFormat.ifPresent(f -> line(s, "f=" + f));
        return s.toString();
    }

    private static void line(StringBuilder s, String line) {
        s.append(line).append(CRLF);
    }

    /** Reads an offer (an INVITE's body) with the default limits. */
    public static GbSdp parse(String text) throws SdpParseException {
        return parse(text, SdpLimits.DEFAULTS);
    }

    /**
     * Reads an offer (an INVITE's body). Refuses (with {@link SdpParseException}) what the limits
     * refuse, a description without an {@code m=} line, and a {@code y=} that is not a 32-bit
     * decimal number; everything else it reads leniently.
     */
    public static GbSdp parse(String text, SdpLimits limits) throws SdpParseException {
        return parse(text, limits, "active");
    }

    /**
     * Reads an answer (a 200 OK's body) as {@link #parse(String, SdpLimits)} reads an offer, except
     * that TCP without {@code a=setup} is passive, RFC 4145's default in an answer.
     */
    public static GbSdp parseAnswer(String text, SdpLimits limits) throws SdpParseException {
        return parse(text, limits, "passive");
    }

    /** Reads an answer with the default limits. */
    public static GbSdp parseAnswer(String text) throws SdpParseException {
        return parseAnswer(text, SdpLimits.DEFAULTS);
    }

    private static GbSdp parse(String text, SdpLimits limits, String defaultSetup) throws SdpParseException {
        SessionDescription sdp = SessionDescription.parse(text, limits);
        if (sdp.media().isEmpty()) {
            throw new SdpParseException("no m= line", 0, null);
        }
        MediaDescription video = sdp.media().stream().filter(m -> m.media().equals("video")).findFirst()
                .orElse(sdp.media().getFirst());
        String originUser = "";
        String originAddress = "";
        String sessionConnection = "";
        String mediaConnection = "";
        String uri = "";
        long start = 0;
        long end = 0;
        Optional<GbSsrc> ssrc = Optional.empty();
        Optional<GbMediaFormat> format = Optional.empty();
        boolean inMedia = false;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2).strip();
            switch (line.charAt(0)) {
                case 'o' -> {
                    String[] p = value.split("\\s+");
                    originUser = p[0];
                    originAddress = p.length >= 6 ? p[5] : "";
                }
                case 'u' -> uri = value;
                case 'c' -> {
                    String[] p = value.split("\\s+");
                    String address = p.length >= 3 ? stripTtl(p[2]) : "";
                    if (inMedia) {
                        if (mediaConnection.isEmpty()) {
                            mediaConnection = address;
                        }
                    } else {
                        sessionConnection = address;
                    }
                }
                case 't' -> {
                    String[] p = value.split("\\s+");
                    start = epochSeconds(p[0]);
                    end = p.length > 1 ? epochSeconds(p[1]) : 0;
                }
                case 'm' -> inMedia = true;
                case 'y' -> {
                    try {
                        ssrc = Optional.of(GbSsrc.parse(value));
                    } catch (IllegalArgumentException e) {
                        throw new SdpParseException("bad y= SSRC (" + e.getMessage() + ")", i + 1, line);
                    }
                }
                case 'f' -> format = value.isEmpty() ? Optional.empty() : Optional.of(GbMediaFormat.parse(value));
                default -> {
                    // v=, s=, m=, a=, b= come from SessionDescription
                }
            }
        }
        String connection = !mediaConnection.isEmpty() ? mediaConnection : !sessionConnection.isEmpty() ? sessionConnection : originAddress;
        String proto = video.proto().toUpperCase(Locale.ROOT);
        GbMediaTransport transport = GbMediaTransport.UDP;
        if (proto.contains("TCP")) {
            String setup = video.attribute("setup").orElse(sdp.attribute("setup").orElse(defaultSetup)).strip().toLowerCase(Locale.ROOT);
            transport = setup.equals("passive") ? GbMediaTransport.TCP_PASSIVE : GbMediaTransport.TCP_ACTIVE;
        }
        List<RtpMap> formats = new ArrayList<>();
        for (String pt : video.formats()) {
            try {
                int payloadType = Integer.parseInt(pt);
                formats.add(video.rtpMap(payloadType).orElse(new RtpMap(payloadType, "", 90000, OptionalInt.empty())));
            } catch (NumberFormatException e) {
                // a non-numeric format: not RTP, nothing to map
            }
        }
        if (formats.isEmpty()) {
            throw new SdpParseException("m= has no numeric payload type", 0, null);
        }
        String direction = "";
        List<SdpAttribute> other = new ArrayList<>();
        OptionalInt downloadSpeed = OptionalInt.empty();
        List<SdpAttribute> all = new ArrayList<>(sdp.attributes());
        all.addAll(video.attributes());
        for (SdpAttribute a : all) {
            String name = a.name().toLowerCase(Locale.ROOT);
            switch (name) {
                case "recvonly", "sendonly", "sendrecv", "inactive" -> direction = name;
                case "downloadspeed" -> {
                    try {
                        downloadSpeed = OptionalInt.of(Integer.parseInt(a.value().strip()));
                    } catch (NumberFormatException e) {
                        // an unreadable speed is no speed
                    }
                }
                default -> {
                    if (!MODELLED.contains(name) && video.attributes().contains(a)) {
                        other.add(a);
                    }
                }
            }
        }
        try {
            return new GbSdp(originUser, originAddress, sdp.sessionName(), uri, connection, start, end, video.port(),
                    transport, formats, direction, ssrc, format, downloadSpeed, other);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException(e.getMessage(), 0, null);
        }
    }

    /** {@code 239.0.0.1/127} has a TTL; GB never multicasts, but the address is what matters. */
    private static String stripTtl(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /**
     * A {@code t=} value as Unix seconds; 0 (live) when unreadable, negative or past 9999-12-31,
     * which no recording has and which {@link Instant} could not hold (found by fuzzing).
     */
    private static long epochSeconds(String s) {
        try {
            long v = Long.parseLong(s.strip());
            return v < 0 || v > MAX_EPOCH_SECONDS ? 0 : v;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
