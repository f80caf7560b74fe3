package io.xueliang.ingest.manscdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of a parsed body: name, trimmed text, attributes and children. Names are matched
 * case-insensitively: devices write {@code DeviceID} and {@code DeviceId}, {@code Alarmstatus} and
 * {@code AlarmStatus}.
 */
record XmlElement(String name, String text, Map<String, String> attributes, List<XmlElement> children) {

    XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equalsIgnoreCase(childName)) {
                return c;
            }
        }
        return null;
    }

    List<XmlElement> all(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equalsIgnoreCase(childName)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The trimmed text of a child; empty when absent. */
    String text(String childName) {
        XmlElement c = child(childName);
        return c == null ? "" : c.text;
    }

    String attribute(String attributeName) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey().equalsIgnoreCase(attributeName)) {
                return e.getValue();
            }
        }
        return null;
    }
}
