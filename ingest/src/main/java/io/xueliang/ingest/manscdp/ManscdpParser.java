package io.xueliang.ingest.manscdp;

import io.xueliang.ingest.manscdp.ManscdpException.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads MANSCDP bodies (GB/T 28181-2016 Appendix A) into {@link ManscdpMessage} records.
 *
 * <pre>
 *  bytes --{@link ManscdpCharset}--> text --hardened StAX, limits--> element tree --CmdType--> record
 * </pre>
 * Lenient where devices are sloppy (element-name case, a missing Keepalive Status, times with a
 * space or milliseconds, unknown elements, unparseable optional numbers), strict where a wrong
 * answer would follow (SN, DeviceID, SumNum, RecordInfo times, PTZCmd). Every refusal is a
 * {@link ManscdpException}; nothing else leaves {@link #parse}. Stateless and thread-safe.
 */
public final class ManscdpParser {
    private static final Set<String> HEADER = Set.of("cmdtype", "sn", "deviceid");

    private final ManscdpLimits limits;
    private final ZoneId zone;

    /**
     * @param zone the zone of the peer's local times (GB times carry none): the zone the device's
     *             clock is set to, which REGISTER's Date header synchronises with ours
     */
    public ManscdpParser(ManscdpLimits limits, ZoneId zone) {
        this.limits = Objects.requireNonNull(limits);
        this.zone = Objects.requireNonNull(zone);
    }

    /** Decodes and parses one body. */
    public ManscdpMessage parse(byte[] body) throws ManscdpException {
        if (body.length > limits.maxBodyBytes()) {
            throw new ManscdpException(Reason.BODY_TOO_LARGE, null, body.length + " bytes, more than " + limits.maxBodyBytes());
        }
        return parse(ManscdpCharset.decode(body).text());
    }

    /** Parses a body already decoded to text. */
    public ManscdpMessage parse(String text) throws ManscdpException {
        if (text.length() > limits.maxBodyBytes()) {
            throw new ManscdpException(Reason.BODY_TOO_LARGE, null, text.length() + " characters, more than " + limits.maxBodyBytes());
        }
        try {
            return message(ManscdpXmlReader.read(text, limits));
        } catch (ManscdpException e) {
            throw e;
        } catch (RuntimeException e) {
            // a defect here must still end as a 400 for one message, not a broken SIP worker
            throw new ManscdpException(Reason.BAD_VALUE, null, String.valueOf(e), e);
        }
    }

    private ManscdpMessage message(XmlElement root) throws ManscdpException {
        ManscdpRoot kind = ManscdpRoot.of(root.name());
        if (kind == null) {
            throw new ManscdpException(Reason.UNKNOWN_ROOT, root.name(), "expected Query, Control, Notify or Response");
        }
        String cmdType = required(root, "CmdType");
        long sn = sn(root);
        String deviceId = required(root, "DeviceID");
        String cmd = cmdType.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case NOTIFY -> switch (cmd) {
                case "keepalive" -> new Keepalive(sn, deviceId, !root.text("Status").equalsIgnoreCase("ERROR"));
                case "catalog" -> catalogNotify(root, sn, deviceId);
                case "mediastatus" -> new MediaStatusNotify(sn, deviceId, requiredInt(root, "NotifyType"));
                case "alarm" -> alarm(root, sn, deviceId);
                default -> new UnknownMessage(kind, cmdType, sn, deviceId);
            };
            case RESPONSE -> switch (cmd) {
                case "catalog" -> catalogResponse(root, sn, deviceId);
                case "deviceinfo" -> new DeviceInfoResponse(sn, deviceId, upper(root.text("Result")), root.text("DeviceName"),
                        root.text("Manufacturer"), root.text("Model"), root.text("Firmware"), optionalInt(root.text("Channel")));
                case "devicestatus" -> deviceStatus(root, sn, deviceId);
                case "recordinfo" -> recordInfo(root, sn, deviceId);
                case "devicecontrol" -> new DeviceControlResponse(sn, deviceId, upper(root.text("Result")));
                default -> new UnknownMessage(kind, cmdType, sn, deviceId);
            };
            case QUERY -> switch (cmd) {
                case "catalog" -> new CatalogQuery(sn, deviceId, optionalTime(root.text("StartTime")), optionalTime(root.text("EndTime")));
                case "deviceinfo" -> new DeviceInfoQuery(sn, deviceId);
                case "devicestatus" -> new DeviceStatusQuery(sn, deviceId);
                case "recordinfo" -> new RecordInfoQuery(sn, deviceId, requiredTime(root, "StartTime"), requiredTime(root, "EndTime"),
                        root.text("FilePath"), root.text("Address"), optionalInt(root.text("Secrecy")),
                        root.text("Type").isEmpty() ? "all" : root.text("Type"), root.text("RecorderID"));
                default -> new UnknownMessage(kind, cmdType, sn, deviceId);
            };
            case CONTROL -> cmd.equals("devicecontrol") ? deviceControl(root, sn, deviceId)
                    : new UnknownMessage(kind, cmdType, sn, deviceId);
        };
    }

    private CatalogResponse catalogResponse(XmlElement root, long sn, String deviceId) throws ManscdpException {
        int sumNum = requiredInt(root, "SumNum");
        List<CatalogItem> items = new ArrayList<>();
        int dropped = 0;
        for (XmlElement item : listItems(root, "DeviceList")) {
            if (item.text("DeviceID").isEmpty()) {
                dropped++;
            } else {
                items.add(catalogItem(item));
            }
        }
        return new CatalogResponse(sn, deviceId, sumNum, items, dropped);
    }

    private CatalogNotify catalogNotify(XmlElement root, long sn, String deviceId) throws ManscdpException {
        int sumNum = optionalInt(root.text("SumNum")).orElse(0);
        List<CatalogNotify.Change> changes = new ArrayList<>();
        for (XmlElement item : listItems(root, "DeviceList")) {
            Optional<CatalogEvent> event = CatalogEvent.parse(item.text("Event"));
            if (!item.text("DeviceID").isEmpty() && event.isPresent()) {
                changes.add(new CatalogNotify.Change(event.get(), catalogItem(item)));
            }
        }
        return new CatalogNotify(sn, deviceId, sumNum, changes);
    }

    private static CatalogItem catalogItem(XmlElement e) {
        Map<String, String> info = new LinkedHashMap<>();
        XmlElement infoElement = e.child("Info");
        if (infoElement != null) {
            for (XmlElement c : infoElement.children()) {
                if (c.children().isEmpty()) {
                    info.putIfAbsent(c.name(), c.text());
                }
            }
        }
        // some devices put PTZType beside the other fields rather than in Info
        if (!info.containsKey("PTZType") && e.child("PTZType") != null) {
            info.put("PTZType", e.text("PTZType"));
        }
        return new CatalogItem(e.text("DeviceID"), e.text("Name"), e.text("Manufacturer"), e.text("Model"),
                e.text("Owner"), e.text("CivilCode"), e.text("Block"), e.text("Address"), optionalInt(e.text("Parental")),
                e.text("ParentID"), optionalInt(e.text("SafetyWay")), optionalInt(e.text("RegisterWay")),
                optionalInt(e.text("Secrecy")), e.text("IPAddress"), optionalInt(e.text("Port")),
                ChannelStatus.parse(e.text("Status")), optionalDouble(e.text("Longitude")),
                optionalDouble(e.text("Latitude")), e.text("BusinessGroupID"), info);
    }

    private DeviceStatusResponse deviceStatus(XmlElement root, long sn, String deviceId) throws ManscdpException {
        List<DeviceStatusResponse.AlarmStatus> alarms = new ArrayList<>();
        for (XmlElement item : listItems(root, "Alarmstatus")) {
            alarms.add(new DeviceStatusResponse.AlarmStatus(item.text("DeviceID"), upper(item.text("DutyStatus"))));
        }
        return new DeviceStatusResponse(sn, deviceId, upper(root.text("Result")), upper(root.text("Online")),
                upper(root.text("Status")), upper(root.text("Encode")), upper(root.text("Record")),
                optionalTime(root.text("DeviceTime")), alarms);
    }

    private RecordInfoResponse recordInfo(XmlElement root, long sn, String deviceId) throws ManscdpException {
        int sumNum = requiredInt(root, "SumNum");
        List<RecordItem> items = new ArrayList<>();
        int dropped = 0;
        for (XmlElement e : listItems(root, "RecordList")) {
            Optional<Instant> start = optionalTime(e.text("StartTime"));
            Optional<Instant> end = optionalTime(e.text("EndTime"));
            if (e.text("DeviceID").isEmpty() || start.isEmpty() || end.isEmpty()) {
                dropped++;
                continue;
            }
            OptionalLong size = OptionalLong.empty();
            try {
                if (!e.text("FileSize").isEmpty()) {
                    size = OptionalLong.of(Long.parseLong(e.text("FileSize")));
                }
            } catch (NumberFormatException ignored) {
                // an unreadable size is no size
            }
            items.add(new RecordItem(e.text("DeviceID"), e.text("Name"), e.text("FilePath"), e.text("Address"),
                    start.get(), end.get(), optionalInt(e.text("Secrecy")), e.text("Type"), e.text("RecorderID"), size));
        }
        return new RecordInfoResponse(sn, deviceId, root.text("Name"), sumNum, items, dropped);
    }

    private AlarmNotify alarm(XmlElement root, long sn, String deviceId) {
        XmlElement info = root.child("Info");
        OptionalInt type = info == null ? OptionalInt.empty() : optionalInt(info.text("AlarmType"));
        if (type.isEmpty()) {
            type = optionalInt(root.text("AlarmType"));
        }
        return new AlarmNotify(sn, deviceId, root.text("AlarmPriority"), root.text("AlarmMethod"),
                optionalTime(root.text("AlarmTime")), root.text("AlarmDescription"),
                optionalDouble(root.text("Longitude")), optionalDouble(root.text("Latitude")), type);
    }

    private static DeviceControl deviceControl(XmlElement root, long sn, String deviceId) throws ManscdpException {
        Optional<PtzCommand> ptz = Optional.empty();
        Map<String, String> other = new LinkedHashMap<>();
        for (XmlElement c : root.children()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            if (name.equals("ptzcmd")) {
                try {
                    ptz = Optional.of(PtzCommand.parse(c.text()));
                } catch (IllegalArgumentException e) {
                    throw new ManscdpException(Reason.BAD_VALUE, "PTZCmd", e.getMessage());
                }
            } else if (!HEADER.contains(name) && c.children().isEmpty()) {
                other.putIfAbsent(c.name(), c.text());
            }
        }
        return new DeviceControl(sn, deviceId, ptz, other);
    }

    /** The {@code Item}s of a list element, bounded by {@link ManscdpLimits#maxItems()}. */
    private List<XmlElement> listItems(XmlElement root, String listName) throws ManscdpException {
        XmlElement list = root.child(listName);
        if (list == null) {
            return List.of();
        }
        List<XmlElement> items = list.all("Item");
        if (items.size() > limits.maxItems()) {
            throw new ManscdpException(Reason.TOO_MANY_ELEMENTS, listName, items.size() + " items, more than " + limits.maxItems());
        }
        return items;
    }

    private static String required(XmlElement root, String name) throws ManscdpException {
        String v = root.text(name);
        if (v.isEmpty()) {
            throw new ManscdpException(Reason.MISSING_FIELD, name, null);
        }
        return v;
    }

    private static long sn(XmlElement root) throws ManscdpException {
        String v = required(root, "SN");
        try {
            long sn = Long.parseLong(v);
            if (sn < 0) {
                throw new NumberFormatException();
            }
            return sn;
        } catch (NumberFormatException e) {
            throw new ManscdpException(Reason.BAD_VALUE, "SN", v);
        }
    }

    private static int requiredInt(XmlElement root, String name) throws ManscdpException {
        String v = required(root, name);
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ManscdpException(Reason.BAD_VALUE, name, v);
        }
    }

    private Instant requiredTime(XmlElement root, String name) throws ManscdpException {
        String v = required(root, name);
        try {
            return ManscdpTime.parse(v, zone);
        } catch (DateTimeException e) {
            throw new ManscdpException(Reason.BAD_VALUE, name, v);
        }
    }

    private Optional<Instant> optionalTime(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManscdpTime.parse(v, zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt optionalInt(String v) {
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalDouble optionalDouble(String v) {
        if (v.isEmpty() || v.length() > 32) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String upper(String v) {
        return v.toUpperCase(Locale.ROOT);
    }
}
