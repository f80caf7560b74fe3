package io.xueliang.ingest.manscdp;

import io.xueliang.ingest.manscdp.ManscdpException.Reason;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a decoded body into an {@link XmlElement} tree with the JDK's StAX parser, hardened: DTD
 * support off, external entities off, no external access, and any DOCTYPE or entity reference
 * refused outright (XXE and billion laughs never reach entity expansion). Counts elements, depth and
 * value lengths as it goes, so a hostile body stops at the limit rather than after allocation.
 */
final class ManscdpXmlReader {
    private ManscdpXmlReader() {
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    static XmlElement read(String text, ManscdpLimits limits) throws ManscdpException {
        String body = stripTrailingJunk(text);
        XMLStreamReader r = null;
        try {
            // a factory per body: the JDK does not promise that one is safe to share between threads,
            // and making one costs microseconds
            r = hardenedFactory().createXMLStreamReader(new StringReader(body));
            Deque<Builder> open = new ArrayDeque<>();
            XmlElement root = null;
            int elements = 0;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                            throw new ManscdpException(Reason.FORBIDDEN_XML, null, "DTD or entity reference");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > limits.maxElements()) {
                            throw new ManscdpException(Reason.TOO_MANY_ELEMENTS, null, "more than " + limits.maxElements() + " elements");
                        }
                        if (open.size() >= limits.maxDepth()) {
                            throw new ManscdpException(Reason.TOO_MANY_ELEMENTS, r.getLocalName(), "nested deeper than " + limits.maxDepth());
                        }
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String value = r.getAttributeValue(i);
                            checkLength(r.getAttributeLocalName(i), value, limits);
                            attributes.put(r.getAttributeLocalName(i), value.strip());
                        }
                        Builder parent = open.peek();
                        if (parent != null) {
                            parent.text.setLength(0); // indentation before a child is not text
                            parent.hasChildren = true;
                        }
                        open.push(new Builder(r.getLocalName(), attributes));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        Builder b = open.peek();
                        if (b != null && !b.hasChildren) {
                            b.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                            checkLength(b.name, b.text, limits);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Builder b = open.pop();
                        XmlElement e = new XmlElement(b.name, b.text.toString().strip(), Map.copyOf(b.attributes), List.copyOf(b.children));
                        if (open.isEmpty()) {
                            root = e;
                        } else {
                            open.peek().children.add(e);
                        }
                    }
                    default -> {
                        // comments, processing instructions, the declaration: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new ManscdpException(Reason.MALFORMED_XML, null, "no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            // the JDK parser reports some malformations as unchecked exceptions
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // with DTDs off, the JDK parser reports a reference to an entity as never declared
            if (why.contains("DOCTYPE") || why.contains("DTD") || why.contains("was referenced, but not declared")) {
                throw new ManscdpException(Reason.FORBIDDEN_XML, null, why, e);
            }
            throw new ManscdpException(Reason.MALFORMED_XML, null, why, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held open: the reader reads a string
                }
            }
        }
    }

    private static void checkLength(String name, CharSequence value, ManscdpLimits limits) throws ManscdpException {
        if (value.length() > limits.maxFieldLength()) {
            // whitespace-only runs count too: a megabyte of indentation is as costly as a megabyte of name
            throw new ManscdpException(Reason.FIELD_TOO_LONG, name, "longer than " + limits.maxFieldLength() + " characters");
        }
    }

    /** Devices end bodies with NULs, CR/LF or stray spaces after the root; XML would refuse the NULs. */
    private static String stripTrailingJunk(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == 0 || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        int start = 0;
        while (start < end && (text.charAt(start) == '\uFEFF' || Character.isWhitespace(text.charAt(start)))) {
            start++;
        }
        return text.substring(start, end);
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();
        boolean hasChildren;

        Builder(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }
    }
}
