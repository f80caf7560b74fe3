package io.xueliang.ingest.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RTSP request as the simulator sees it.
 *
 * @param method e.g. "DESCRIBE"
 * @param uri the request URI as sent
 * @param headers header values by name, case-insensitive (the last one wins for repeated names)
 */
record RtspRequest(String method, String uri, Map<String, String> headers) {

    RtspRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
    }

    String header(String name) {
        return headers.get(name);
    }

    String cseq() {
        String c = headers.get("CSeq");
        return c == null ? "0" : c.trim();
    }

    String upperMethod() {
        return method.toUpperCase(Locale.ROOT);
    }
}
