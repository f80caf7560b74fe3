package io.xueliang.api.cameras;

import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.problem.FieldError;
import io.xueliang.config.CameraAuth;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the bulk-import CSV of {@code POST /cameras:import} (RFC 4180, UTF-8, an optional byte-order mark): a header
 * row naming the columns, then one camera a row. Every row is checked by the same rules as a JSON camera, and every
 * bad row is reported, as {@code line N: column}, so an operator fixes the whole file in one pass. Nothing is
 * registered here.
 *
 * <pre>
 *   id,name,region,lat,lon,source,transport,plates
 *   43032100001210000001,易俗河卡口东,湘潭县/易俗河镇,27.78,112.95,rtsp://admin:pw@10.0.0.5/101,tcp,true
 * </pre>
 */
final class CameraCsvReader {
    /** Columns a file may have; id and source are required. */
    static final List<String> COLUMNS = List.of("id", "name", "region", "lat", "lon", "source", "substream",
            "transport", "record", "live", "plates", "enabled", "direction", "auth");
    /** Rows per file: a county's cameras fit several times over; bounds the work and the report of one request. */
    static final int MAX_ROWS = 20_000;
    /** Bad rows listed in one answer; an operator fixing a file needs the first ones, not 20,000. */
    static final int MAX_REPORTED = 200;
    private static final int MAX_REGION_LEVELS = 8;

    private final CameraDefaults defaults;

    CameraCsvReader(CameraDefaults defaults) {
        this.defaults = defaults;
    }

    /** The cameras of {@code csv} in file order, or a 400 {@link ApiProblem} listing the bad rows. */
    List<Row> read(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<CameraId, Long> seen = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw ApiProblem.badRequest("body", "empty file: a header row naming the columns comes first");
            }
            Map<String, Integer> header = header(records.next());
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // a blank line, as spreadsheets leave at the end
                }
                if (rows.size() + errors.size() >= MAX_ROWS) {
                    throw ApiProblem.badRequest("body", "more than " + MAX_ROWS + " rows; split the file");
                }
                try {
                    Camera camera = camera(header, record).toCamera(defaults);
                    Long earlier = seen.putIfAbsent(camera.id(), line);
                    if (earlier != null) {
                        throw ApiProblem.badRequest("id", "camera " + camera.id() + " is also on line " + earlier);
                    }
                    rows.add(new Row(line, camera));
                } catch (ApiProblem p) {
                    p.errors().forEach(e -> errors.add(new FieldError("line " + line + ": " + e.field(), e.message())));
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // The lexer's own message names the line (an unclosed quote, text after a closing quote).
            throw ApiProblem.badRequest("body", "not RFC 4180 CSV: " + rootMessage(e));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        if (!errors.isEmpty()) {
            List<FieldError> shown = errors.size() <= MAX_REPORTED ? errors : new ArrayList<>(errors.subList(0, MAX_REPORTED));
            if (errors.size() > MAX_REPORTED) {
                shown.add(new FieldError("body", (errors.size() - MAX_REPORTED) + " more errors not listed"));
            }
            throw ApiProblem.badRequest(shown);
        }
        return rows;
    }

    /** A camera read from the file and the line its row starts on. */
    record Row(long line, Camera camera) {
    }

    private static Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> header = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                errors.add(new FieldError("line 1: " + cut(name), "unknown column; the columns are " + COLUMNS));
            } else if (header.putIfAbsent(name, i) != null) {
                errors.add(new FieldError("line 1: " + name, "column appears twice"));
            }
        }
        for (String required : Set.of("id", "source")) {
            if (!header.containsKey(required) && errors.stream().noneMatch(e -> e.field().endsWith(": " + required))) {
                errors.add(new FieldError("line 1: " + required, "required column is missing"));
            }
        }
        if (header.containsKey("lat") != header.containsKey("lon")) {
            errors.add(new FieldError("line 1: " + (header.containsKey("lat") ? "lon" : "lat"),
                    "lat and lon come together"));
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.field().compareTo(b.field()));
            throw ApiProblem.badRequest(errors);
        }
        return header;
    }

    private static CameraInput camera(Map<String, Integer> header, CSVRecord r) {
        if (r.size() != header.size()) {
            throw ApiProblem.badRequest("body", "has " + r.size() + " cells, the header " + header.size());
        }
        String id = cell(header, r, "id");
        if (id == null) {
            throw ApiProblem.badRequest("id", "is required");
        }
        String region = cell(header, r, "region");
        List<String> levels = region == null ? List.of() : List.of(region.split("/", -1)).stream().map(String::strip).toList();
        if (levels.size() > MAX_REGION_LEVELS || levels.stream().anyMatch(l -> l.isEmpty() || l.length() > 64)) {
            throw ApiProblem.badRequest("region", "at most " + MAX_REGION_LEVELS
                    + " levels of 1 to 64 characters, joined by '/'");
        }
        String name = cell(header, r, "name");
        if (name != null && name.length() > 128) {
            throw ApiProblem.badRequest("name", "at most 128 characters");
        }
        String direction = cell(header, r, "direction");
        if (direction != null && direction.length() > 64) {
            throw ApiProblem.badRequest("direction", "at most 64 characters");
        }
        return new CameraInput(id, name, levels, location(header, r), cell(header, r, "source"),
                cell(header, r, "substream"), transport(cell(header, r, "transport")), bool(header, r, "record"),
                bool(header, r, "live"), bool(header, r, "plates"), bool(header, r, "enabled"), direction,
                auth(cell(header, r, "auth")));
    }

    private static Location location(Map<String, Integer> header, CSVRecord r) {
        String lat = cell(header, r, "lat");
        String lon = cell(header, r, "lon");
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            throw ApiProblem.badRequest(lat == null ? "lat" : "lon", "lat and lon come together");
        }
        return new Location(degrees("lat", lat, 90), degrees("lon", lon, 180));
    }

    private static double degrees(String column, String text, double bound) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(column, "not a number: " + cut(text));
        }
        if (!(v >= -bound && v <= bound)) {
            throw ApiProblem.badRequest(column, "WGS 84 degrees between " + -bound + " and " + bound);
        }
        return v;
    }

    private static Transport transport(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Transport.TCP;
            case "udp" -> Transport.UDP;
            case "auto" -> Transport.AUTO;
            default -> throw ApiProblem.badRequest("transport", "tcp, udp or auto, not " + cut(text));
        };
    }

    private static CameraAuth auth(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "digest" -> CameraAuth.DIGEST;
            case "any" -> CameraAuth.ANY;
            case "basic" -> CameraAuth.BASIC;
            default -> throw ApiProblem.badRequest("auth", "digest, any or basic, not " + cut(text));
        };
    }

    private static Boolean bool(Map<String, Integer> header, CSVRecord r, String column) {
        String text = cell(header, r, column);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> throw ApiProblem.badRequest(column, "true or false, not " + cut(text));
        };
    }

    /** The stripped cell, or null when the column is absent or the cell empty (the default applies). */
    private static String cell(Map<String, Integer> header, CSVRecord r, String column) {
        Integer i = header.get(column);
        if (i == null) {
            return null;
        }
        String v = r.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
