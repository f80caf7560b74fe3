package io.xueliang.ingest.sip.codec;

import io.xueliang.ingest.sip.CSeq;
import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import java.util.Locale;

/**
 * Start line and headers of one message, shared by the datagram and stream decoders. CRLF or bare LF ends a line
 * (some devices send LF only); a line starting with space or tab continues the previous header (folding, RFC 3261
 * §7.3.1). The mandatory headers are checked here so that nothing past the decoder meets a message it cannot
 * match to a transaction.
 */
final class SipHeadParser {
    private static final String VERSION = "SIP/2.0";

    private SipHeadParser() {
    }

    /** {@code head} is start line and headers, with or without the blank line. Returns a message without body. */
    static SipMessage parse(String head, SipDecoderLimits limits) {
        int nl = head.indexOf('\n');
        String startLine = stripCr(nl < 0 ? head : head.substring(0, nl));
        if (startLine.length() > limits.maxStartLineBytes()) {
            throw SipParseException.limit("maxStartLineBytes", limits.maxStartLineBytes(), startLine.length());
        }
        SipHeaders headers = new SipHeaders();
        boolean request = !startLine.regionMatches(true, 0, VERSION, 0, VERSION.length());
        SipRequest requestHead = request ? requestLine(startLine, headers) : null;
        try {
            readHeaders(head, nl, headers, limits);
            if (request) {
                validate(requestHead);
                CSeq cseq = requestHead.cseq();
                if (!cseq.method().equals(requestHead.method())) {
                    throw SipParseException.malformed("CSeq method differs from the request's", cseq.toString());
                }
                return requestHead;
            }
            SipResponse response = statusLine(startLine, headers);
            validate(response);
            return response;
        } catch (SipParseException e) {
            throw request ? e.inRequest(requestHead) : e;
        }
    }

    private static void readHeaders(String head, int nl, SipHeaders headers, SipDecoderLimits limits) {
        int pos = nl < 0 ? head.length() : nl + 1;
        int lastLength = 0;
        while (pos < head.length()) {
            int end = head.indexOf('\n', pos);
            if (end < 0) {
                end = head.length();
            }
            String line = stripCr(head.substring(pos, end));
            pos = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.size() == 0) {
                    throw SipParseException.malformed("continuation line before any header", line);
                }
                lastLength += line.length();
                if (lastLength > limits.maxHeaderLineBytes()) {
                    throw SipParseException.limit("maxHeaderLineBytes", limits.maxHeaderLineBytes(), lastLength);
                }
                headers.appendToLast(line.strip());
                continue;
            }
            if (line.length() > limits.maxHeaderLineBytes()) {
                throw SipParseException.limit("maxHeaderLineBytes", limits.maxHeaderLineBytes(), line.length());
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (name.isEmpty() || !isToken(name)) {
                throw SipParseException.malformed("bad header line", line);
            }
            if (headers.size() >= limits.maxHeaders()) {
                throw SipParseException.limit("maxHeaders", limits.maxHeaders(), headers.size() + 1L);
            }
            headers.add(name, line.substring(colon + 1).strip());
            lastLength = line.length();
        }
    }

    private static SipRequest requestLine(String line, SipHeaders headers) {
        String[] parts = line.strip().split("[ \t]+");
        if (parts.length != 3 || !parts[2].equalsIgnoreCase(VERSION) || !isToken(parts[0])) {
            throw SipParseException.malformed("bad request line", line);
        }
        return new SipRequest(parts[0].toUpperCase(Locale.ROOT), parts[1], headers);
    }

    private static SipResponse statusLine(String line, SipHeaders headers) {
        // SIP/2.0 SP 3DIGIT SP reason; a missing reason is tolerated
        String rest = line.substring(VERSION.length());
        if (rest.isEmpty() || rest.charAt(0) != ' ') {
            throw SipParseException.malformed("bad status line", line);
        }
        rest = rest.strip();
        if (rest.length() < 3 || !Character.isDigit(rest.charAt(0)) || !Character.isDigit(rest.charAt(1))
                || !Character.isDigit(rest.charAt(2)) || rest.length() > 3 && rest.charAt(3) != ' ') {
            throw SipParseException.malformed("bad status code", line);
        }
        int status = Integer.parseInt(rest.substring(0, 3));
        if (status < 100 || status > 699) {
            throw SipParseException.malformed("bad status code", line);
        }
        return new SipResponse(status, rest.substring(3).strip(), headers);
    }

    /** Via, From, To, Call-ID, CSeq present and readable (RFC 3261 §8.1.1). */
    private static void validate(SipMessage m) {
        m.topVia();
        m.cseq();
        m.callId();
        m.from();
        m.to();
    }

    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-.!%*_+`'~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
