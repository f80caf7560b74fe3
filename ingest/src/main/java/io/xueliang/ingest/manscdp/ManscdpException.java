package io.xueliang.ingest.manscdp;

import io.xueliang.ingest.wire.WireText;

/**
 * A MANSCDP body that cannot be read: malformed or forbidden XML, a broken limit, a missing or bad
 * field. The SIP layer answers the MESSAGE with 400 Bad Request and the {@link #reason()}; no other
 * exception leaves {@link ManscdpParser#parse}.
 */
public final class ManscdpException extends Exception {
    /** Why a body was refused; stable, for counters and the 400's reason phrase. */
    public enum Reason {
        /** Not well-formed XML, or not decodable text. */
        MALFORMED_XML,
        /** A DOCTYPE, entity declaration or entity reference: refused to prevent XXE and entity expansion. */
        FORBIDDEN_XML,
        /** The body is larger than {@link ManscdpLimits#maxBodyBytes()}. */
        BODY_TOO_LARGE,
        /** More elements, nesting or list items than the limits allow. */
        TOO_MANY_ELEMENTS,
        /** A text or attribute value longer than {@link ManscdpLimits#maxFieldLength()}. */
        FIELD_TOO_LONG,
        /** The root is none of Query, Control, Notify, Response. */
        UNKNOWN_ROOT,
        /** A field the message cannot do without (CmdType, SN, DeviceID...) is absent. */
        MISSING_FIELD,
        /** A field holds a value of the wrong form (a non-numeric SN, a bad time, a bad PTZCmd). */
        BAD_VALUE
    }

    private final Reason reason;
    private final String field;

    public ManscdpException(Reason reason, String field, String detail) {
        super(reason + (field == null ? "" : " " + field) + (detail == null ? "" : ": " + WireText.escape(cut(detail))));
        this.reason = reason;
        this.field = field;
    }

    public ManscdpException(Reason reason, String field, String detail, Throwable cause) {
        this(reason, field, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The element the problem is in, or null when it is the whole body. */
    public String field() {
        return field;
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
