package io.xueliang.ingest.manscdp;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Writes MANSCDP bodies: the queries and controls we send to devices, and the notifies and responses
 * we send as a lower platform in a cascade. Any {@link ManscdpMessage} can be written, and
 * {@link ManscdpParser} reads back the same record. Long lists (catalog, recordings) are split over
 * several messages that share SN and SumNum, each under a byte budget, by
 * {@link #catalogResponses} and {@link #recordInfoResponses}.
 *
 * <p>Empty text fields and empty optionals are left out, except {@code Name} of catalog items,
 * which superior platforms expect even when empty. Text is escaped; characters XML 1.0 cannot hold
 * (C0 controls other than tab, CR, LF; unpaired surrogates) are dropped. Lines end in CRLF, as
 * the standard's examples and most devices write them. Thread-safe.
 */
public final class ManscdpWriter {
    /**
     * A body budget for SIP over UDP: RFC 3261 §18.1.1 sends a request over a congestion-controlled
     * transport when it is larger than 1,300 bytes (path MTU 1,500 minus headroom), and a MESSAGE's
     * SIP headers (Via, From, To with tags, Call-ID, CSeq, Max-Forwards, Content-Type,
     * Content-Length, User-Agent) take up to about 500 bytes with 20-digit GB codes. 800 bytes of
     * body keeps the datagram under 1,300 without IP fragmentation, which loses the whole MESSAGE
     * when one fragment is lost. A typical catalog channel item with a Chinese name is 500-700
     * bytes, so this is one item per MESSAGE over UDP.
     */
    public static final int UDP_MAX_BODY_BYTES = 800;
    /** A body budget for SIP over TCP: about a dozen catalog items per MESSAGE. */
    public static final int TCP_MAX_BODY_BYTES = 8 * 1024;

    private static final String CRLF = "\r\n";

    private final ZoneId zone;
    private final BodyEncoding encoding;

    /** A writer of GB2312-declared, GB18030-encoded bodies, what superior platforms expect. */
    public ManscdpWriter(ZoneId zone) {
        this(zone, BodyEncoding.GB2312_AS_GB18030);
    }

    /**
     * @param zone     the zone our local times are written in (GB times carry none)
     * @param encoding {@link BodyEncoding#GB2312_AS_GB18030} unless the peer is known to want UTF-8
     */
    public ManscdpWriter(ZoneId zone, BodyEncoding encoding) {
        this.zone = Objects.requireNonNull(zone);
        this.encoding = Objects.requireNonNull(encoding);
    }

    /** One message as a complete body. */
    public byte[] write(ManscdpMessage message) {
        StringBuilder out = new StringBuilder(512);
        header(out, message);
        switch (message) {
            case Keepalive k -> element(out, "Status", k.statusOk() ? "OK" : "ERROR");
            case CatalogResponse c -> {
                element(out, "SumNum", Integer.toString(c.sumNum()));
                list(out, "DeviceList", c.items(), item -> catalogItem(item, Optional.empty()));
            }
            case CatalogNotify c -> {
                element(out, "SumNum", Integer.toString(c.sumNum()));
                list(out, "DeviceList", c.changes(), ch -> catalogItem(ch.item(), Optional.of(ch.event())));
            }
            case DeviceInfoResponse d -> {
                optional(out, "Result", d.result());
                optional(out, "DeviceName", d.deviceName());
                optional(out, "Manufacturer", d.manufacturer());
                optional(out, "Model", d.model());
                optional(out, "Firmware", d.firmware());
                optional(out, "Channel", d.channel());
            }
            case DeviceStatusResponse d -> {
                optional(out, "Result", d.result());
                optional(out, "Online", d.online());
                optional(out, "Status", d.status());
                optional(out, "Encode", d.encode());
                optional(out, "Record", d.record());
                d.deviceTime().ifPresent(t -> element(out, "DeviceTime", time(t)));
                if (!d.alarmStatus().isEmpty()) {
                    list(out, "Alarmstatus", d.alarmStatus(), a -> {
                        StringBuilder s = new StringBuilder();
                        element(s, "DeviceID", a.deviceId());
                        element(s, "DutyStatus", a.dutyStatus());
                        return s.toString();
                    });
                }
            }
            case RecordInfoResponse r -> {
                optional(out, "Name", r.name());
                element(out, "SumNum", Integer.toString(r.sumNum()));
                list(out, "RecordList", r.items(), this::recordItem);
            }
            case MediaStatusNotify m -> element(out, "NotifyType", Integer.toString(m.notifyType()));
            case AlarmNotify a -> {
                optional(out, "AlarmPriority", a.alarmPriority());
                optional(out, "AlarmMethod", a.alarmMethod());
                a.alarmTime().ifPresent(t -> element(out, "AlarmTime", time(t)));
                optional(out, "AlarmDescription", a.alarmDescription());
                optional(out, "Longitude", a.longitude());
                optional(out, "Latitude", a.latitude());
                if (a.alarmType().isPresent()) {
                    out.append("<Info>").append(CRLF);
                    element(out, "AlarmType", Integer.toString(a.alarmType().getAsInt()));
                    out.append("</Info>").append(CRLF);
                }
            }
            case DeviceControlResponse d -> element(out, "Result", d.result());
            case CatalogQuery q -> {
                q.startTime().ifPresent(t -> element(out, "StartTime", time(t)));
                q.endTime().ifPresent(t -> element(out, "EndTime", time(t)));
            }
            case DeviceInfoQuery q -> {
                // the header is the whole query
            }
            case DeviceStatusQuery q -> {
                // the header is the whole query
            }
            case RecordInfoQuery q -> {
                element(out, "StartTime", time(q.startTime()));
                element(out, "EndTime", time(q.endTime()));
                optional(out, "FilePath", q.filePath());
                optional(out, "Address", q.address());
                optional(out, "Secrecy", q.secrecy());
                element(out, "Type", q.type().isEmpty() ? "all" : q.type());
                optional(out, "RecorderID", q.recorderId());
            }
            case DeviceControl c -> {
                c.ptz().ifPresent(p -> element(out, "PTZCmd", p.toHex()));
                for (Map.Entry<String, String> e : c.otherCommands().entrySet()) {
                    element(out, e.getKey(), e.getValue());
                }
                if (c.ptz().isPresent()) {
                    // the control's priority (Appendix A); platforms send 5
                    out.append("<Info>").append(CRLF);
                    element(out, "ControlPriority", "5");
                    out.append("</Info>").append(CRLF);
                }
            }
            case UnknownMessage u -> {
                // nothing known beyond the header
            }
        }
        out.append("</").append(message.root().element()).append('>').append(CRLF);
        return out.toString().getBytes(encoding.charset());
    }

    /**
     * A catalog as the MESSAGEs of one response: each body carries {@code SumNum} = all items and
     * its own {@code DeviceList Num}, holds at most {@code maxItems} items and is at most
     * {@code maxBodyBytes} long. An item too large to fit the budget alone goes in a message of its
     * own, which is then larger (the SIP layer sends that one over TCP or lets it fragment).
     * An empty catalog is one message with SumNum 0.
     */
    public List<byte[]> catalogResponses(long sn, String deviceId, List<CatalogItem> items, int maxBodyBytes, int maxItems) {
        return split(new CatalogResponse(sn, deviceId, items.size(), List.of()), "DeviceList", items,
                item -> catalogItem(item, Optional.empty()), maxBodyBytes, maxItems);
    }

    /** Recordings as the MESSAGEs of one response, split as {@link #catalogResponses} does. */
    public List<byte[]> recordInfoResponses(long sn, String deviceId, String name, List<RecordItem> items,
                                            int maxBodyBytes, int maxItems) {
        return split(new RecordInfoResponse(sn, deviceId, name, items.size(), List.of()), "RecordList", items,
                this::recordItem, maxBodyBytes, maxItems);
    }

    private <T> List<byte[]> split(ManscdpMessage empty, String listName, List<T> items, Function<T, String> itemText,
                                   int maxBodyBytes, int maxItems) {
        if (maxBodyBytes <= 0 || maxItems <= 0) {
            throw new IllegalArgumentException("maxBodyBytes and maxItems must be > 0: " + maxBodyBytes + ", " + maxItems);
        }
        // the empty message, cut where the items go: "...<DeviceList Num="0">" + items + "</DeviceList>..."
        String whole = new String(write(empty), encoding.charset());
        String open = "<" + listName + " Num=\"0\">" + CRLF;
        int at = whole.indexOf(open);
        String head = whole.substring(0, at);
        String tail = whole.substring(at + open.length());
        byte[] headBytes = head.getBytes(encoding.charset());
        byte[] tailBytes = tail.getBytes(encoding.charset());
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (T item : items) {
            byte[] b = ("<Item>" + CRLF + itemText.apply(item) + "</Item>" + CRLF).getBytes(encoding.charset());
            int withItem = headBytes.length + listOpen(listName, chunk.size() + 1).length() + chunkBytes + b.length + tailBytes.length;
            if (!chunk.isEmpty() && (withItem > maxBodyBytes || chunk.size() >= maxItems)) {
                messages.add(join(headBytes, listName, chunk, tailBytes));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(b);
            chunkBytes += b.length;
        }
        if (!chunk.isEmpty() || messages.isEmpty()) {
            messages.add(join(headBytes, listName, chunk, tailBytes));
        }
        return messages;
    }

    private static String listOpen(String listName, int num) {
        return "<" + listName + " Num=\"" + num + "\">" + CRLF;
    }

    private byte[] join(byte[] head, String listName, List<byte[]> items, byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(listOpen(listName, items.size()).getBytes(encoding.charset()));
        items.forEach(out::writeBytes);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private void header(StringBuilder out, ManscdpMessage m) {
        out.append("<?xml version=\"1.0\" encoding=\"").append(encoding.declared()).append("\"?>").append(CRLF);
        out.append('<').append(m.root().element()).append('>').append(CRLF);
        element(out, "CmdType", m.cmdType());
        element(out, "SN", Long.toString(m.sn()));
        element(out, "DeviceID", m.deviceId());
    }

    private static <T> void list(StringBuilder out, String listName, List<T> items, Function<T, String> itemText) {
        out.append(listOpen(listName, items.size()));
        for (T item : items) {
            out.append("<Item>").append(CRLF).append(itemText.apply(item)).append("</Item>").append(CRLF);
        }
        out.append("</").append(listName).append('>').append(CRLF);
    }

    private static String catalogItem(CatalogItem i, Optional<CatalogEvent> event) {
        StringBuilder s = new StringBuilder(512);
        element(s, "DeviceID", i.deviceId());
        event.ifPresent(e -> element(s, "Event", e.name()));
        element(s, "Name", i.name());
        optional(s, "Manufacturer", i.manufacturer());
        optional(s, "Model", i.model());
        optional(s, "Owner", i.owner());
        optional(s, "CivilCode", i.civilCode());
        optional(s, "Block", i.block());
        optional(s, "Address", i.address());
        optional(s, "Parental", i.parental());
        optional(s, "ParentID", i.parentId());
        optional(s, "SafetyWay", i.safetyWay());
        optional(s, "RegisterWay", i.registerWay());
        optional(s, "Secrecy", i.secrecy());
        optional(s, "IPAddress", i.ipAddress());
        optional(s, "Port", i.port());
        i.status().ifPresent(st -> element(s, "Status", st.name()));
        optional(s, "Longitude", i.longitude());
        optional(s, "Latitude", i.latitude());
        optional(s, "BusinessGroupID", i.businessGroupId());
        if (!i.info().isEmpty()) {
            s.append("<Info>").append(CRLF);
            i.info().forEach((k, v) -> element(s, k, v));
            s.append("</Info>").append(CRLF);
        }
        return s.toString();
    }

    private String recordItem(RecordItem r) {
        StringBuilder s = new StringBuilder(256);
        element(s, "DeviceID", r.deviceId());
        element(s, "Name", r.name());
        optional(s, "FilePath", r.filePath());
        optional(s, "Address", r.address());
        element(s, "StartTime", time(r.startTime()));
        element(s, "EndTime", time(r.endTime()));
        optional(s, "Secrecy", r.secrecy());
        optional(s, "Type", r.type());
        optional(s, "RecorderID", r.recorderId());
        OptionalLong size = r.fileSize();
        if (size.isPresent()) {
            element(s, "FileSize", Long.toString(size.getAsLong()));
        }
        return s.toString();
    }

    private String time(Instant t) {
        return ManscdpTime.format(t, zone);
    }

    private static void optional(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            element(out, name, value);
        }
    }

    private static void optional(StringBuilder out, String name, OptionalInt value) {
        if (value.isPresent()) {
            element(out, name, Integer.toString(value.getAsInt()));
        }
    }

    private static void optional(StringBuilder out, String name, OptionalDouble value) {
        if (value.isPresent()) {
            element(out, name, BigDecimal.valueOf(value.getAsDouble()).toPlainString());
        }
    }

    private static void element(StringBuilder out, String name, String text) {
        out.append('<').append(name).append('>');
        escape(out, text);
        out.append("</").append(name).append('>').append(CRLF);
    }

    /** Escapes markup characters and drops what XML 1.0 cannot carry. */
    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
                        out.append(c);
                    }
                }
            }
        }
    }
}
